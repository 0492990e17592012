"""The production layout on one machine: Varnish → two gunicorn app servers → PostgreSQL and
Redis, plus the task worker. ``make stack`` runs it until Ctrl-C; the benchmark, the soak and
the two-app-server test start and stop it through ``Stack``.

Production settings throughout, with what a machine without TLS or a mail server needs: the
clients send ``X-Forwarded-Proto: https`` as the TLS proxy in front would, mail goes to the
worker's console, and staff sign in without a second factor (STAFF_MFA_REQUIRED=false) so
scripts can use the admin. Everything it writes is under var/stack/.

Environment: STACK_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/service_line_stack,
created if missing), STACK_REDIS_URL (default redis://127.0.0.1:6379/1), STACK_PORTS (app A,
app B, Varnish, Varnish admin; default 8001,8002,6081,6082), STACK_WORKERS (gunicorn workers
per app server, default 2).
"""

import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var" / "stack"
PYTHON = BASE_DIR / ".venv" / "bin" / "python"
GUNICORN = BASE_DIR / ".venv" / "bin" / "gunicorn"
VCL = BASE_DIR / "deploy" / "varnish" / "default.vcl"
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front would add
ACCESS_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s'


def varnish_missing_reason():
    """Why the stack cannot run here, or None."""
    if not shutil.which("varnishd"):
        return "varnishd is not installed (apt-get install -y varnish)"
    if not GUNICORN.exists():
        return "gunicorn is not installed in .venv (make install)"
    return None


class Stack:
    def __init__(
        self, *, database_url=None, redis_url=None, ports=None, workers=None, extra_env=None
    ):
        self.extra_env = extra_env or {}
        self.database_url = database_url or os.environ.get(
            "STACK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/service_line_stack"
        )
        self.redis_url = redis_url or os.environ.get("STACK_REDIS_URL", "redis://127.0.0.1:6379/1")
        ports = ports or [
            int(port) for port in os.environ.get("STACK_PORTS", "8001,8002,6081,6082").split(",")
        ]
        self.app_ports, self.varnish_port, self.admin_port = ports[:2], ports[2], ports[3]
        self.workers = workers or int(os.environ.get("STACK_WORKERS", "2"))
        self.processes = {}

    # Addresses ----------------------------------------------------------------------------
    def app_url(self, index):
        return f"http://127.0.0.1:{self.app_ports[index]}"

    @property
    def varnish_url(self):
        return f"http://127.0.0.1:{self.varnish_port}"

    def env(self, **extra):
        secret = VAR / "secret_key"
        if not secret.exists():
            VAR.mkdir(parents=True, exist_ok=True)
            secret.write_text(secrets.token_urlsafe(48))
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
            "SECRET_KEY": secret.read_text().strip(),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "FRONTEND_CACHE_URL": self.varnish_url,
            "STATIC_ROOT": str(VAR / "static"),
            "MEDIA_ROOT": str(VAR / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "STAFF_MFA_REQUIRED": "false",
            "WAGTAILADMIN_BASE_URL": f"http://localhost:{self.varnish_port}",
            "LOG_LEVEL": "WARNING",
        }
        env.update(self.extra_env)
        env.update(extra)
        return env

    # Preparing ----------------------------------------------------------------------------
    def manage(self, *args, env=None, check=True, capture=False):
        return subprocess.run(  # noqa: S603 - our own commands, no shell
            [str(PYTHON), "manage.py", *args],
            cwd=BASE_DIR,
            env=env or self.env(),
            check=check,
            capture_output=capture,
            text=True,
        )

    def server_connection(self):
        """A connection to the PostgreSQL server's own database (psycopg 3, or psycopg2)."""
        server = urlsplit(self.database_url)._replace(path="/postgres").geturl()
        try:
            import psycopg
        except ImportError:
            import psycopg2 as psycopg
        connection = psycopg.connect(server)
        connection.autocommit = True
        return connection

    def create_database(self):
        name = urlsplit(self.database_url).path.lstrip("/")
        connection = self.server_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()

    def prepare(self):
        VAR.mkdir(parents=True, exist_ok=True)
        if self.database_url.startswith("postgres"):
            self.create_database()
        self.manage("migrate", "--noinput", "-v", "0")
        self.manage("load_demo_content", "-v", "0")
        self.manage("collectstatic", "--noinput", "-v", "0")
        vcl = VCL.read_text()
        for default, port in zip(("8001", "8002"), self.app_ports, strict=True):
            vcl = vcl.replace(f'.port = "{default}";', f'.port = "{port}";')
        (VAR / "default.vcl").write_text(vcl)

    # Processes ----------------------------------------------------------------------------
    def _spawn(self, name, command, env=None):
        log = open(VAR / f"{name}.log", "ab")  # noqa: SIM115 - the process keeps it open
        self.processes[name] = subprocess.Popen(  # noqa: S603 - our own commands, no shell
            command, cwd=BASE_DIR, env=env or self.env(), stdout=log, stderr=subprocess.STDOUT
        )
        return self.processes[name]

    def start_app(self, index, extra_env=None):
        name = "app_" + "ab"[index]
        return self._spawn(
            name,
            [
                str(GUNICORN),
                "site_project.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.app_ports[index]}",
                "--access-logfile",
                str(VAR / f"{name}.access.log"),
                "--access-logformat",
                ACCESS_FORMAT,
            ],
            env=self.env(**(extra_env or {})),
        )

    def start(self):
        self.prepare()
        for index in (0, 1):
            self.start_app(index)
        self._spawn("worker", [str(PYTHON), "manage.py", "db_worker", "--interval", "0.2"])
        workdir = VAR / "varnish"
        self._spawn(
            "varnish",
            [
                "varnishd",
                "-F",
                "-j",
                "none",
                "-n",
                str(workdir),
                "-a",
                f"127.0.0.1:{self.varnish_port}",
                "-T",
                f"127.0.0.1:{self.admin_port}",
                "-f",
                str(VAR / "default.vcl"),
                "-s",
                "malloc,64m",
                "-p",
                "default_grace=10",
            ],
        )
        for url in (self.app_url(0), self.app_url(1), self.varnish_url):
            self.wait_until_up(url)
        return self

    def wait_until_up(self, url, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(url + "/", headers=HTTPS, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{url} did not answer within {timeout} s; see {VAR}/*.log")

    def kill(self, name, sig=signal.SIGKILL):
        process = self.processes.get(name)
        if process and process.poll() is None:
            process.send_signal(sig)
            process.wait(timeout=30)

    def stop(self):
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)
        self.processes.clear()


class Browser:
    """A cookie-keeping HTTP client for the stack on plain-HTTP loopback (its cookies are
    Secure, which a client library would only send over HTTPS)."""

    def __init__(self, base_url):
        self.base_url, self.cookies, self.http = base_url, {}, requests.Session()

    def request(self, method, path, **kwargs):
        from http.cookies import SimpleCookie

        headers = {**HTTPS, **kwargs.pop("headers", {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method,
            self.base_url + path,
            headers=headers,
            allow_redirects=False,
            timeout=kwargs.pop("timeout", 30),
            **kwargs,
        )
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def form_token(self, path):
        html = self.request("GET", path).text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post_form(self, path, data, token=None):
        data = {"csrfmiddlewaretoken": token or self.form_token(path), **data}
        # Behind the TLS proxy the request is secure, so Django wants an https Referer.
        referer = self.base_url.replace("http://", "https://", 1) + path
        return self.request("POST", path, data=data, headers={"Referer": referer})


def main():
    reason = varnish_missing_reason()
    if reason:
        sys.exit(f"Cannot start the stack: {reason}.")
    stack = Stack()
    try:
        stack.start()
        print(f"Varnish:      {stack.varnish_url}/  (PURGE from loopback only)")
        for index in (0, 1):
            print(f"App server {'AB'[index]}: {stack.app_url(index)}/")
        print("Task worker:  manage.py db_worker")
        print(f"Database:     {re.sub(r'//[^@]*@', '//', stack.database_url)}")
        print(f"Redis:        {stack.redis_url}")
        print(f"Logs:         {VAR}/*.log.  Send X-Forwarded-Proto: https. Ctrl-C stops.")
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
