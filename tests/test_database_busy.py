"""
When SQLite stays locked past the timeout, the request is answered with a
503 "busy, send it again" page and a Retry-After header, in the visitor's
language, instead of a server error.
"""

from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import translation

from articles.models import Article
from curation.busy import busy_response
from tests.factories import admin_url, make_article

pytestmark = pytest.mark.django_db


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


def test_a_save_that_finds_the_database_locked_is_answered_busy(curator_client):
    article = make_article()
    with mock.patch("curation.history.HistoryAdmin.record_first_state", locked):
        response = curator_client.post(admin_url(Article, "change", article.pk), {"title": "x"})
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "The archive is busy" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "The archive is busy"), ("ko", "아카이브가 바쁩니다")],
)
def test_the_busy_page_speaks_the_pages_language(rf, language, text):
    request = rf.post("/")
    with translation.override(language):
        response = busy_response(request)
    assert response.status_code == 503
    assert text in response.content.decode()


def test_other_database_errors_stay_server_errors(curator_client):
    article = make_article()

    def broken(*args, **kwargs):
        raise OperationalError("no such table: articles_article")

    with (
        mock.patch("curation.history.HistoryAdmin.record_first_state", broken),
        pytest.raises(OperationalError),
    ):
        curator_client.post(admin_url(Article, "change", article.pk), {"title": "x"})
