"""Benchmark through real HTTP: starts the production stack (deploy/stack.py) and measures the
demo condition page uncached, cached in the app and through Varnish, a static file through the
same gunicorn, and the registration start page. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/stack_bench.py [--seconds 10] [--rounds 3] [--connections 10]

Each target is loaded with wrk (``apt-get install wrk``; ab from apache2-utils otherwise) for
``--seconds``, in ``--rounds`` interleaved rounds; the medians are printed. The uncached
figures come from two more gunicorns (ports BENCH_UNCACHED_PORT and the next one): the page
cache off with rendered fragments kept (what an app server does after a publish, and the
figure the goal is measured on), and no cache at all (FRAGMENT_CACHE_ENABLED=false too).
Also printed: SQL queries and bytes per page, and the machine's load average (it may be
shared). Goals (issue 10): uncached (fragments kept) >= 4 % of the static file, cached in the
app >= 0.8x, Varnish >= 1x.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from deploy.stack import HTTPS, VAR, Stack, varnish_missing_reason  # noqa: E402

CONDITION = "/spinal-tumor-program/spinal-metastases/"
REGISTER = "/register/"
QUERY_COUNT = """
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.conf import settings
settings.PAGE_CACHE_ENABLED = False
client = Client(HTTP_X_FORWARDED_PROTO="https", SERVER_NAME="localhost")
result = {}
for path in PATHS:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    result[path] = [response.status_code, len(queries)]
print("QUERIES" + __import__("json").dumps(result))
"""


def load(url, seconds, connections):
    """(requests per second, p50 ms, p99 ms) for ``url``."""
    header = "X-Forwarded-Proto: https"
    if wrk := shutil.which("wrk"):
        out = subprocess.run(  # noqa: S603
            [wrk, "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", header, url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        p50, p99 = (_wrk_ms(re.search(rf"\s{p}%\s+([\d.]+\w+)", out).group(1)) for p in (50, 99))
        return rps, p50, p99, int(errors.group(1)) if errors else 0
    out = subprocess.run(  # noqa: S603
        [shutil.which("ab") or "/usr/bin/ab", "-q", "-k", "-c", str(connections)]
        + ["-t", str(seconds), "-H", header, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", out).group(1))
    p50, p99 = (float(re.search(rf"\s{p}%\s+(\d+)", out).group(1)) for p in (50, 99))
    errors = re.search(r"Non-2xx responses:\s+(\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def _wrk_ms(text):
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def static_path():
    manifest = json.loads((VAR / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def page_bytes(stack, path):
    import requests

    sizes = {}
    for encoding in ("identity", "gzip", "br"):
        response = requests.get(
            stack.app_url(0) + path,
            headers={**HTTPS, "Accept-Encoding": encoding},
            stream=True,
            timeout=10,
        )
        sizes[encoding] = len(response.raw.read())
    return sizes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=10)
    args = parser.parse_args()
    reason = varnish_missing_reason()
    if reason:
        sys.exit(f"Cannot start the stack: {reason}.")

    stack = Stack()
    nocache_port = int(os.environ.get("BENCH_UNCACHED_PORT", stack.app_ports[1] + 1))
    try:
        stack.start()
        # Two more app servers: page cache off with fragments kept, and no cache at all.
        for name, port, env in (
            ("app_fragments", nocache_port, {"PAGE_CACHE_ENABLED": "false"}),
            (
                "app_uncached",
                nocache_port + 1,
                {"PAGE_CACHE_ENABLED": "false", "FRAGMENT_CACHE_ENABLED": "false"},
            ),
        ):
            stack.app_ports.append(port)
            stack._spawn(
                name,
                [
                    str(PROJECT_DIR / ".venv/bin/gunicorn"),
                    "site_project.wsgi:application",
                    "--workers",
                    str(stack.workers),
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                env=stack.env(**env),
            )
            stack.wait_until_up(stack.app_url(len(stack.app_ports) - 1))
        targets = {
            "condition page, no cache at all": stack.app_url(3) + CONDITION,
            "condition page, page cache off (fragments)": stack.app_url(2) + CONDITION,
            "condition page, cached in the app": stack.app_url(0) + CONDITION,
            "condition page, through Varnish": stack.varnish_url + CONDITION,
            "static file (site.css), same gunicorn": stack.app_url(0) + static_path(),
            "registration start page": stack.app_url(0) + REGISTER,
        }
        for url in targets.values():  # warm every cache once
            load(url, 1, 1)
        results = {name: [] for name in targets}
        for _round in range(args.rounds):
            for name, url in targets.items():
                results[name].append(load(url, args.seconds, args.connections))
        report(stack, targets, results, args)
    finally:
        stack.stop()


def report(stack, targets, results, args):
    tool = "wrk -t1" if shutil.which("wrk") else "ab -k"
    print(
        f"\n{tool} -c{args.connections}, {args.seconds} s x {args.rounds} interleaved rounds, "
        f"medians; {stack.workers} sync workers per gunicorn"
    )
    print(f"{'target':42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    medians = {}
    for name, rounds in results.items():
        rps, p50, p99 = (statistics.median(r[i] for r in rounds) for i in range(3))
        errors = sum(r[3] for r in rounds)
        medians[name] = rps
        print(f"{name:42} {rps:9.1f} {p50:8.1f} {p99:8.1f} {errors:8d}")
    static = medians["static file (site.css), same gunicorn"]
    print(f"\nno cache at all / static: {medians['condition page, no cache at all'] / static:.1%}")
    fragments = medians["condition page, page cache off (fragments)"]
    print(f"page cache off, fragments kept / static: {fragments / static:.1%}")
    print(f"cached in app / static: {medians['condition page, cached in the app'] / static:.2f}x")
    print(f"Varnish / static: {medians['condition page, through Varnish'] / static:.2f}x")
    code = QUERY_COUNT.replace("PATHS", repr([CONDITION, REGISTER, "/"]))
    for label, fragments in (("no cache at all", "false"), ("fragments kept", "true")):
        env = stack.env(FRAGMENT_CACHE_ENABLED=fragments)
        output = stack.manage("shell", "-c", code, env=env, capture=True).stdout
        found = re.search(r"QUERIES(.*)", output)
        print(f"SQL queries per page ({label}):", found.group(1) if found else output[-500:])
    for path in (CONDITION, REGISTER):
        print(f"bytes {path}: {page_bytes(stack, path)}")
    print("load average:", open("/proc/loadavg").read().split()[:3])  # noqa: SIM115


if __name__ == "__main__":
    main()
