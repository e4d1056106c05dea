"""
schemathesis against /api/schema/, in-process through the WSGI application:
requests generated from the OpenAPI schema, with valid and with invalid
parameters, must get no server error and only answers the schema describes
(status code, content type, body). Bounded so that it fits in CI:
MAX_EXAMPLES per operation and mode, derandomized so that a failure shows up
again on the next run.

schemathesis and hypothesis take a second to import: they are imported by
the tests that use them, not by every worker that collects this module (and
their pytest plugins are off, in pyproject.toml).
"""

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import override_settings

from crossing_archive.wsgi import application

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 25


def checks():
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]


OPERATIONS = [
    "/api/articles/",
    "/api/articles/{slug}/",
    "/api/credits/",
    "/api/films/",
    "/api/films/{slug}/",
    "/api/people/",
    "/api/people/{slug}/",
    "/api/publications/",
    "/api/reviews/",
    "/api/reviews/{slug}/",
    "/api/tracks/",
]


def uncompressed(app):
    """
    The application, answering as to a client that does not ask for gzip:
    schemathesis's WSGI client asks for it (as requests does) but does not
    decompress what it gets, as a real client does.
    """

    def wsgi(environ, start_response):
        environ.pop("HTTP_ACCEPT_ENCODING", None)
        return app(environ, start_response)

    return wsgi


@pytest.fixture(scope="class")
def api_schema(seed):
    import schemathesis

    # With the seed record, so that answers hold real entries to check against the schema.
    # As Django's test client does: the end of a request must not close the
    # test's database connection, whose transaction holds the seed record.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        # "localhost" is the host schemathesis's WSGI client sends.
        with override_settings(ALLOWED_HOSTS=["localhost"]):
            yield schemathesis.openapi.from_wsgi("/api/schema/", uncompressed(application))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


# A slug may be any string, so the entry operations have no invalid input to
# generate: only the lists (typed filters, page numbers) get negative cases.
# Generation modes by name (schemathesis.GenerationMode).
CASES = [(path, "positive") for path in OPERATIONS] + [
    (path, "negative") for path in OPERATIONS if "{" not in path
]


class TestApi:
    def test_schema_describes_every_operation_and_only_reads(self, api_schema):
        operations = [result.ok() for result in api_schema.get_all_operations()]
        assert sorted(operation.path for operation in operations) == OPERATIONS
        assert {operation.method.upper() for operation in operations} == {"GET"}

    @pytest.mark.parametrize(("path", "mode"), CASES)
    def test_api_answers_as_its_schema_says(self, api_schema, path, mode):
        from hypothesis import HealthCheck, given, settings
        from schemathesis import GenerationMode

        operation = api_schema[path]["GET"]
        validations = checks()

        @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate(checks=validations)

        check()
