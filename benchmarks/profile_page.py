"""Where a page's time goes: cProfile of one URL served by the production settings' WSGI
application in this process (no HTTP server), against the stack's database and Redis
(deploy/stack.py prepares them: run ``make bench`` or ``make stack`` once first). Prints the
time per request without the profiler, then the functions by cumulative time; asserts nothing.

    .venv/bin/python benchmarks/profile_page.py [--runs 200] [--path /...] [--mode MODE]

Modes: ``cold`` renders with no cache at all (the fragment cache is cleared before every
request, the page cache is off); ``fragments`` (the default) keeps rendered fragments, as a
running app server does, with the page cache off; ``hit`` serves from the page cache.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from deploy.stack import Stack  # noqa: E402

CONDITION = "/spinal-tumor-program/spinal-metastases/"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--path", default=CONDITION)
    parser.add_argument("--mode", choices=("cold", "fragments", "hit"), default="fragments")
    parser.add_argument("--top", type=int, default=45)
    args = parser.parse_args()
    page_cache = "true" if args.mode == "hit" else "false"
    os.environ.update(Stack().env(PAGE_CACHE_ENABLED=page_cache, LOG_LEVEL="ERROR"))
    from django.core.cache import caches
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    path, _, query = args.path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "HTTP_HOST": "localhost",
        "HTTP_X_FORWARDED_PROTO": "https",
        "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }

    def one():
        if args.mode == "cold":
            caches["fragments"].clear()
        status = []
        body = application(dict(environ), lambda s, h, e=None: status.append(s))
        b"".join(body)
        body.close()
        assert status[0].startswith("200"), status

    for _ in range(5):
        one()
    started = time.perf_counter()
    for _ in range(args.runs):
        one()
    per_request = (time.perf_counter() - started) / args.runs * 1000
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.runs):
        one()
    profile.disable()
    print(f"{args.path}: {per_request:.2f} ms per request without the profiler")
    stats = pstats.Stats(profile)
    stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
