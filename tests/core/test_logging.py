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
