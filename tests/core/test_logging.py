"""Request lines are logged without their query strings (admin searches may name a patient)."""

import io
import logging
import logging.config

from site_project.settings import base


def test_filter_removes_query_string_from_a_request_line():
    from core.logging import RedactQueryStringFilter

    record = logging.makeLogRecord(
        {
            "name": "django.server",
            "msg": '"%s" %s %s',
            "args": ("GET /admin/registrations/?q=Jane+Doe HTTP/1.1", "200", "5120"),
        }
    )
    assert RedactQueryStringFilter().filter(record) is True
    line = record.getMessage()
    assert "Jane" not in line
    assert line == '"GET /admin/registrations/?[redacted] HTTP/1.1" 200 5120'


def test_site_logging_config_redacts_request_lines_end_to_end():
    stream = io.StringIO()
    config = {
        **base.LOGGING,
        "handlers": {
            "console": {**base.LOGGING["handlers"]["console"], "stream": stream},
        },
    }
    logging.config.dictConfig(config)
    try:
        logging.getLogger("django.server").info(
            '"%s" %s %s', "GET /admin/registrations/?q=%2B16175550123 HTTP/1.1", "200", "1"
        )
        logging.getLogger("django.request").warning("Not Found: %s", "/x/?name=Jane")
    finally:
        logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
    output = stream.getvalue()
    assert "/admin/registrations/?[redacted]" in output
    assert "16175550123" not in output
    assert "Jane" not in output


# gunicorn's default access-log format and the atoms it logs a request with (glogging.py).
GUNICORN_DEFAULT_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'


class GunicornAtoms(dict):
    """Like gunicorn's SafeAtoms: a missing atom is "-"."""

    def __getitem__(self, key):
        return super().__getitem__(key) if key in self else "-"


def gunicorn_access_atoms():
    return GunicornAtoms(
        {
            "h": "10.0.0.1",
            "l": "-",
            "u": "-",
            "t": "[25/Nov/2026:21:00:00 +0000]",
            "r": "GET /admin/registrations/?q=Zelphine+Quargrave HTTP/1.1",
            "U": "/admin/registrations/",
            "q": "q=Zelphine+Quargrave",
            "{query_string}e": "q=Zelphine+Quargrave",
            "{raw_uri}e": "/admin/registrations/?q=Zelphine+Quargrave",
            "s": "200",
            "b": "5120",
            "f": "https://example.org/admin/registrations/?q=Quargrave",
            "a": "Mozilla/5.0",
        }
    )


def test_gunicorn_access_lines_lose_their_query_strings_whatever_the_format():
    from core.logging import redact_access_logs

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    access = logging.getLogger("gunicorn.access")
    redact_access_logs()  # CoreConfig.ready() did it already; a second call adds nothing
    filters = [f for f in access.filters if type(f).__name__ == "RedactQueryStringFilter"]
    assert len(filters) == 1
    access.addHandler(handler)
    old_level, access.level = access.level, logging.INFO
    try:
        for log_format in (
            GUNICORN_DEFAULT_FORMAT,
            '%(r)s %(q)s %({query_string}e)s %({raw_uri}e)s "%(f)s"',
        ):
            access.info(log_format, gunicorn_access_atoms())
    finally:
        access.removeHandler(handler)
        access.level = old_level
    output = stream.getvalue()
    assert "Zelphine" not in output and "Quargrave" not in output
    lines = output.splitlines()
    assert lines[0] == (
        '10.0.0.1 - - [25/Nov/2026:21:00:00 +0000] "GET /admin/registrations/?[redacted] '
        'HTTP/1.1" 200 5120 "https://example.org/admin/registrations/?[redacted]" "Mozilla/5.0"'
    )
    assert lines[1] == (
        "GET /admin/registrations/?[redacted] HTTP/1.1 [redacted] [redacted] "
        '/admin/registrations/?[redacted] "https://example.org/admin/registrations/?[redacted]"'
    )
