"""Data built once per module (or class) and shared by its tests, like ``setUpTestData``.

``shared_data(django_db_blocker, build)`` builds inside an outer transaction that stays open
for the module; each test then runs in its own savepoint (pytest-django's ``db``), so whatever
a test writes is rolled back before the next one, and the outer transaction is rolled back at
the end of the module. Tests never share Python objects: ``fresh_copy`` re-reads every model
instance by primary key, so a test that changes an instance in memory (a page's ``numchild``
after ``add_child``, a title) leaves nothing behind for the next test.

Use it for fixtures that tests only read (a page tree, demo content). A module holding a
transactional test (``transaction=True``, ``live_server``) gets ``None`` and builds per test.
"""

import dataclasses
import sys
from contextlib import contextmanager

from django.db import models, transaction


def is_transactional(item):
    """Whether a collected test flushes the database (``transaction=True``, ``live_server``)."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(item.fixturenames)
    )


@contextmanager
def shared_data(request, django_db_blocker, build):
    """Yield ``build()``'s result, built in a transaction rolled back on exit; ``None`` when the
    module (``request`` is a module-scoped fixture's) also holds a transactional test.

    A transactional test cannot run inside the outer transaction (it flushes, and SQLite cannot
    alter a schema there), so such modules build their data per test: fixtures built on this
    one call ``build()`` themselves when it yields ``None``. The database is unblocked only to
    build and to roll back: tests still need their ``django_db`` mark (or ``db``).
    """
    if any(
        is_transactional(item) for item in request.session.items if item.module is request.module
    ):
        yield None
        return
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            data = build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def fresh_copy(value):
    """``value`` with every model instance in it (dataclass fields, lists) read again."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: fresh_copy(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **fields)
    if isinstance(value, list | tuple):
        return type(value)(fresh_copy(item) for item in value)
    return value
