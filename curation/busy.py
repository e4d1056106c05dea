"""
"The archive is busy" instead of a server error: on SQLite one writer at a
time holds the database, and a curator's save waits for it up to the
database timeout (settings.DB_TIMEOUT). When the wait runs out, SQLite says
"database is locked" before anything of the request is written (every
transaction takes the lock as it begins); this answers with a 503 page that
asks to send it again, and a Retry-After header.
"""

import logging

from django.db import OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again.
RETRY_AFTER = 5


def is_database_busy(error):
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def busy_response(request):
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBusyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_busy(exception):
            return None
        logger.warning("Database busy, answered 503: %s %s", request.method, request.path)
        return busy_response(request)
