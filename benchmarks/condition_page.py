"""Benchmark: how fast and how heavy the demo condition page is. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/condition_page.py [--runs 50]

Builds the demo content in a throwaway SQLite database (or the one DATABASE_URL names), then
serves the spinal metastases page through Django's test client: time per request (median and
95th percentile), SQL queries, HTML and CSS bytes, and peak Python memory for one request.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "site_project.settings.test"

    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from conditions.models import ConditionPage

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=StringIO())
    page = ConditionPage.objects.live().get(slug="spinal-metastases")
    client = Client()
    url = page.url
    client.get(url)  # warm caches (site root paths, templates)

    timings = []
    for _ in range(args.runs):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200

    # Counted with a wrapper: the query log is reset when each request starts.
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        response = client.get(url)
    tracemalloc.start()
    client.get(url)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    css_bytes = sum(
        (PROJECT_DIR / "static" / "css" / name).stat().st_size for name in ("site.css",)
    )
    timings.sort()
    print(f"condition page {url} over {args.runs} requests ({connection.vendor})")
    print(f"  median      {statistics.median(timings):7.1f} ms")
    print(f"  p95         {timings[int(len(timings) * 0.95) - 1]:7.1f} ms")
    print(f"  SQL queries {len(queries):7d}")
    print(f"  HTML        {len(response.content) / 1024:7.1f} KiB")
    print(f"  CSS         {css_bytes / 1024:7.1f} KiB (site.css; no scripts, no web fonts)")
    print(f"  peak memory {peak / 1024 / 1024:7.1f} MiB per request (tracemalloc)")


if __name__ == "__main__":
    main()
