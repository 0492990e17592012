"""Logging filters that keep patient data out of logs."""

import logging
import re

QUERY_STRING = re.compile(r"\?[^\s\"]*")


class RedactQueryStringFilter(logging.Filter):
    """Drop query strings from request lines.

    An intake coordinator's admin search (?q=...) can be a patient's name or phone number,
    so no request line is logged with its query string.
    """

    def filter(self, record):
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(
                QUERY_STRING.sub("?[redacted]", arg) if isinstance(arg, str) else arg
                for arg in args
            )
        if isinstance(record.msg, str):
            record.msg = QUERY_STRING.sub("?[redacted]", record.msg)
        return True
