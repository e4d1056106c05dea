"""
/healthz, for load balancers: 200 "ok" while the database answers and every
migration is applied, 503 otherwise. The reason goes to the log, not the public.
"""

import logging

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

logger = logging.getLogger(__name__)

PATH = "/healthz"


def unhealthy_reason():
    """The reason the app cannot serve, or "" when it can. Runs two or three queries."""
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return f"database unavailable: {error}".strip()
    if unapplied:
        return f"{len(unapplied)} migrations not applied"
    return ""


class HealthCheckMiddleware:
    """
    Answers /healthz before any other middleware, so that the probe works with
    any Host header (a load balancer asks by address), over plain HTTP even when
    SECURE_SSL_REDIRECT is on, and sets no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != PATH:
            return self.get_response(request)
        reason = unhealthy_reason()
        if reason:
            logger.error("Health check failed: %s", reason)
            response = HttpResponse("unavailable\n", status=503, content_type="text/plain")
        else:
            response = HttpResponse("ok\n", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response
