"""core.models: `pk__in_ids`, a list of ids as one parameter or a subquery run once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.models import Ids
from tests.factories import published_article, published_film

pytestmark = pytest.mark.django_db


def test_a_list_an_ids_and_a_subquery_pick_the_same_rows():
    film = published_film()
    about = [published_article(title=f"About {n}") for n in range(3)]
    for article in about:
        article.films.add(film)
    published_article(title="Unrelated")
    expected = {article.pk for article in about}
    links = Article.films.through.objects.filter(film=film).values("article")
    for ids in ([a.pk for a in about], Ids(a.pk for a in about), links):
        assert set(Article.objects.filter(pk__in_ids=ids).values_list("pk", flat=True)) == expected


def test_an_empty_list_picks_nothing():
    published_article()
    assert not Article.objects.filter(pk__in_ids=[]).exists()
    assert not Article.objects.filter(pk__in_ids=Ids([])).exists()


def test_a_subquery_is_not_sorted():
    # Article's default order (newest first) is of no use to a list of ids.
    published_article()
    with CaptureQueriesContext(connection) as queries:
        list(Article.objects.filter(pk__in_ids=Article.objects.values("pk")))
    (sql,) = [query["sql"] for query in queries]
    assert sql.count("ORDER BY") == 1  # the outer query's own


def test_ids_are_encoded_once_however_often_the_query_runs():
    article = published_article()
    ids = Ids([article.pk])
    selection = Article.objects.filter(pk__in_ids=ids)
    assert selection.count() == 1
    assert list(selection) == [article]
    assert list(ids._encoded) == [connection.vendor]
