# Varnish in front of the app servers (README, "Production layout").
#
# - Keeps only what the app marks "Cache-Control: public" (anonymous readers' pages, static
#   files), for s-maxage, serving a stale copy for stale-while-revalidate (Varnish turns it into
#   grace) while it fetches a new one.
# - Passes straight to the app, cookies and all: the admin, documents, the CSP report, any
#   request with a query string (search results, the flow's ?condition=) and any client with
#   a session or CSRF cookie (staff, a patient in the registration flow).
# - Retries a GET or HEAD on the other app server when one is down.
# - Accepts PURGE from loopback only (Wagtail's frontend cache: FRONTEND_CACHE_URL).
#
# One site: the cache key is the URL alone, so a purge for http://localhost/x/ clears /x/
# whatever Host the readers used. Edit the two backends for a real deployment; `make stack`
# rewrites their ports.

vcl 4.1;

import directors;

probe app_alive {
    .request =
        "HEAD / HTTP/1.1"
        "Host: localhost"
        "X-Forwarded-Proto: https"
        "Connection: close";
    .interval = 2s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
    .initial = 2;  # healthy from the start: no 503s while the first probes run
}

backend app_a {
    .host = "127.0.0.1";
    .port = "8001";
    .probe = app_alive;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

backend app_b {
    .host = "127.0.0.1";
    .port = "8002";
    .probe = app_alive;
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new apps = directors.round_robin();
    apps.add_backend(app_a);
    apps.add_backend(app_b);
}

sub vcl_recv {
    set req.backend_hint = apps.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE from loopback only"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|csp-report)/" || req.url ~ "\?") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # No other cookie changes a page (the site sets none), so readers share one copy.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Only what the app says any cache may keep; the rest is fetched every time (and
    # remembered as uncacheable for a minute, so requests for it are not queued).
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
}

sub vcl_backend_fetch {
    # A retry goes to app_b, then app_a, so that both servers are tried whatever the
    # round-robin turn of other requests was.
    if (bereq.retries == 1) {
        set bereq.backend = app_b;
    } elsif (bereq.retries == 2) {
        set bereq.backend = app_a;
    }
}

sub vcl_backend_error {
    # An app server that is down (killed, restarting) before the probe notices: try the other
    # one. Only for requests that are safe to repeat; a form post is left to the reader.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
