"""Benchmark: the intake admin at 100 and at 100 000 registrations. Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python \
        benchmarks/intake_list.py [--rows 100000] [--runs 5] [--keep]

Migrates the database DATABASE_URL names (a throwaway SQLite file without one; the figures
that matter are PostgreSQL's), loads the demo content, then for 100 registrations and again
for --rows: the list's first and last page, a name search, a phone search and the dashboard
(median of --runs requests, SQL queries each), and a CSV and an XLSX export of every row. An
export bigger than REGISTRATION_CSV/XLSX_SYNC_MAX_ROWS is built by the task worker: for those
the request (which only queues it) and the build (the task, run here) are timed apart.
The registrations it adds are removed at the end (unless --keep).
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

FIRST = ["Ana", "Boris", "Chen", "Dana", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jun"]
# Invented surnames from syllables: about 27 000 of them, so a name search finds a handful of
# patients as it would in real life, not an eighth of the table.
SYLLABLES = [
    "ba",
    "ko",
    "ri",
    "ne",
    "ta",
    "lu",
    "mo",
    "si",
    "de",
    "va",
    "po",
    "ke",
    "zu",
    "na",
    "fi",
    "gor",
    "len",
    "dar",
    "mir",
    "tas",
    "bel",
    "cor",
    "dun",
    "fel",
]
AREA_CODES = [str(code) for code in range(201, 990) if code % 100 > 9][:200]
SEARCH_NAME = "Quintero"  # one patient has it: what a coordinator searches for
SEARCH_PHONE = "212-555-0123"


def fill(count, condition_ids):
    """Add registrations until there are `count` (bulk inserts, fictional 555-01xx phones)."""
    from django.db import connection
    from django.db.models.functions import Mod

    from contact.models import Registration

    missing = count - Registration.objects.count()
    now = datetime.datetime.now(datetime.UTC)
    rng = random.Random(count)  # noqa: S311 - fictional benchmark data
    batch = []
    for index in range(max(missing, 0)):
        batch.append(
            Registration(
                submission_token=uuid.uuid4(),
                submitted_by="patient",
                first_name=rng.choice(FIRST),
                last_name="".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize(),
                date_of_birth=datetime.date(1960, 1, 1),
                # Fictional 555-01xx numbers over 200 area codes.
                phone=f"+1{rng.choice(AREA_CODES)}55501{index % 100:02d}",
                email="",
                state="MA",
                zip_code="02139",
                biopsy_confirmed="not_sure",
                visit_type="either",
                emergency_symptoms=rng.random() < 0.05,
                condition_id=rng.choice(condition_ids),
                status=rng.choice(["new", "attempting_contact", "reached", "closed"]),
                first_contacted_at=None,
                # Told at once, as nearly every registration is: the dashboard's "emails not
                # sent" count is of the few that were not.
                staff_notified_at=now,
            )
        )
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)
    if missing > 0:
        Registration.objects.filter(pk=Registration.objects.order_by("-pk")[0].pk).update(
            last_name=SEARCH_NAME
        )
        # Spread over three years (created_at is auto_now_add, so set it afterwards); a
        # quarter of them reached a few hours later.
        for day in range(0, 1095, 5):
            created = now - datetime.timedelta(days=day, minutes=day * 7)
            group = Registration.objects.annotate(day=Mod("id", 219)).filter(day=day // 5)
            group.update(created_at=created)
            group.filter(status="reached").update(
                first_contacted_at=created + datetime.timedelta(hours=3 + day % 20)
            )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("VACUUM ANALYZE contact_registration")  # as autovacuum would


def timed(client, url, runs, queries_of):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings), queries_of(client, url)


def export(client, index, spreadsheet_format):
    """Every row as CSV or XLSX: streamed in the request, or queued and built by the task."""
    from django.test import override_settings

    from contact.admin.background_exports import build, export_storage
    from contact.models import Registration, RegistrationExport

    rows = Registration.objects.count()
    # The worker's queue, not the test settings' in-process backend: the request only queues.
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        start = time.perf_counter()
        response = client.get(f"{index}?export={spreadsheet_format}")
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        elif hasattr(response, "content"):
            response.content  # noqa: B018
        request_s = time.perf_counter() - start
    queued = RegistrationExport.objects.filter(status="pending").order_by("-pk").first()
    if response.status_code == 200:
        label = f"export {spreadsheet_format}"
        print(f"  {label:18s} {request_s:8.2f} s   ({rows:,} rows, in the request)")
        return
    assert response.status_code == 302 and queued, response.status_code
    start = time.perf_counter()
    build(queued.pk)
    build_s = time.perf_counter() - start
    queued.refresh_from_db()
    size = export_storage().size(queued.file_name) / 1e6
    label = f"export {spreadsheet_format}"
    print(
        f"  {label:18s} {request_s:8.2f} s   to queue, {build_s:.2f} s to build"
        f" ({rows:,} rows, {size:.1f} MB, task worker)"
    )
    export_storage().delete(queued.file_name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="leave the registrations in place")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "site_project.settings.test"

    import django

    django.setup()
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from conditions.models import ConditionPage
    from contact.admin.permissions import INTAKE_GROUP_NAME
    from contact.models import Registration, RegistrationExport

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=StringIO())
    condition_ids = list(ConditionPage.objects.values_list("pk", flat=True))
    user, _ = get_user_model().objects.get_or_create(
        username="bench-coordinator", defaults={"first_name": "Bench", "last_name": "User"}
    )
    user.groups.add(Group.objects.get(name=INTAKE_GROUP_NAME))
    client = Client()
    client.force_login(user)
    index = reverse("registrations:index")

    def queries_of(client, url):
        seen = []
        with connection.execute_wrapper(lambda ex, sql, *a: seen.append(sql) or ex(sql, *a)):
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        return len(seen)

    print(f"intake admin ({connection.vendor}), median of {args.runs} requests")
    try:
        for rows in (100, args.rows):
            fill(rows, condition_ids)
            last_page = (Registration.objects.count() + 24) // 25
            client.get(index)  # warm caches
            print(f"\n{Registration.objects.count():,} registrations")
            for label, url in [
                ("list, first page", index),
                ("list, last page", f"{index}?p={last_page}"),
                ("search by name", f"{index}?q={SEARCH_NAME}"),
                ("search by phone", f"{index}?q={SEARCH_PHONE}"),
                ("dashboard", reverse("wagtailadmin_home")),
            ]:
                ms, queries = timed(client, url, args.runs, queries_of)
                print(f"  {label:18s} {ms:8.1f} ms  {queries:3d} queries")
            for spreadsheet_format in ("csv", "xlsx"):
                export(client, index, spreadsheet_format)
    finally:
        if not args.keep:
            RegistrationExport.objects.all().delete()
            # Without Django's cascade collector: 100 000 rows, and none has a call log.
            added = Registration.objects.filter(first_name__in=FIRST, email="")
            added._raw_delete(connection.alias)


if __name__ == "__main__":
    main()
