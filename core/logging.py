"""Logging filters that keep patient data out of logs."""

import logging
import re
from collections.abc import MutableMapping

QUERY_STRING = re.compile(r"\?[^\s\"]*")
REDACTED = "?[redacted]"
# gunicorn's access-log atoms that are a bare query string (no "?" to find).
QUERY_STRING_ATOMS = {"q", "{query_string}e"}
ACCESS_LOGGERS = ("gunicorn.access",)


def _redact(value):
    return QUERY_STRING.sub(REDACTED, value) if isinstance(value, str) else value


class RedactQueryStringFilter(logging.Filter):
    """Drop query strings from request lines.

    An intake coordinator's admin search (?q=...) can be a patient's name or phone number,
    so no request line is logged with its query string. Handles positional arguments (Django's
    request lines) and a mapping of arguments (gunicorn's access-log atoms).
    """

    def filter(self, record):
        if isinstance(record.args, MutableMapping):
            # Changed in place: gunicorn's mapping answers "-" for atoms it does not have.
            for key, value in list(record.args.items()):
                if key in QUERY_STRING_ATOMS and value:
                    record.args[key] = "[redacted]"
                else:
                    record.args[key] = _redact(value)
        elif record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_redact(arg) for arg in args)
        if isinstance(record.msg, str):
            record.msg = _redact(record.msg)
        return True


def redact_access_logs():
    """Put the filter on the application server's access logger itself, so it applies to
    whatever handler the server was started with (a file, stdout, syslog). Called from
    CoreConfig.ready(); the README's gunicorn format leaves query strings out in the first
    place, this catches a deployment that uses gunicorn's default format."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactQueryStringFilter) for f in logger.filters):
            logger.addFilter(RedactQueryStringFilter())
