"""core.models: `pk__in_ids`, a list of ids as one parameter, and Ids.read()."""

import pytest
from django.db import connection
from django.db.models import F, Q
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from core.models import Ids
from tests.factories import published_article, published_film

pytestmark = pytest.mark.django_db


def links(film):
    return Article.films.through.objects.filter(film=film).values(ids=F("article"))


def test_a_list_an_ids_and_ids_read_pick_the_same_rows():
    film = published_film()
    about = [published_article(title=f"About {n}") for n in range(3)]
    for article in about:
        article.films.add(film)
    published_article(title="Unrelated")
    expected = {article.pk for article in about}
    read = Ids.read(links(film))
    assert set(read) == expected and len(read) == 3
    for ids in ([a.pk for a in about], Ids(a.pk for a in about), read):
        assert set(Article.objects.filter(pk__in_ids=ids).values_list("pk", flat=True)) == expected


def test_an_empty_list_picks_nothing_without_asking():
    article = published_article()
    film = published_film()
    for ids in ([], Ids([]), Ids.read(links(film))):
        assert len(ids) == 0
        # As Django's `in` with an empty list: no query where nothing can match.
        with CaptureQueriesContext(connection) as captured:
            assert list(Article.objects.filter(pk__in_ids=ids)) == []
        assert len(captured) == 0
        either = Article.objects.filter(Q(pk__in_ids=ids) | Q(pk=article.pk))
        assert list(either) == [article]


def test_ids_are_encoded_once_however_often_the_query_runs():
    article = published_article()
    ids = Ids([article.pk])
    selection = Article.objects.filter(pk__in_ids=ids)
    assert selection.count() == 1
    assert list(selection) == [article]
    assert list(ids._encoded) == [connection.vendor]


def test_ids_read_of_no_row_at_all_and_a_query_given_instead_of_ids():
    assert len(Ids.read(Article.films.through.objects.none().values(ids=F("article")))) == 0
    with pytest.raises(TypeError):
        Article.objects.filter(pk__in_ids=Article.objects.values("pk"))
