"""`manage.py make_bench_data` adds a synthetic archive, in known proportions, on the seed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from articles.models import Article, Publication, Review
from films.models import Credit, Film, Person, PersonName, Role
from search.models import Kind, SearchEntry
from tests.factories import make_film

pytestmark = pytest.mark.django_db

# What the seed record holds (tests/test_seed_command.py pins some of it).
SEED_ARTICLES, SEED_PEOPLE, SEED_PUBLICATIONS, SEED_REVIEWS = 6, 21, 5, 1
SEED_FILM_ARTICLES, SEED_DIRECTOR_ARTICLES, SEED_CAST = 6, 5, 3


def make_bench_data(articles=300, people=50):
    output = StringIO()
    call_command("make_bench_data", articles=articles, people=people, stdout=output)
    return output.getvalue()


def bench(model):
    return model.objects.filter(slug__startswith="bench-")


@pytest.fixture(scope="class")
def bench_archive(django_db_setup, django_db_blocker):
    """
    One run of the command on an empty archive for a class of tests that read
    what it made: rolled back when the class ends, as the `seed` fixture is.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield make_bench_data()
        transaction.set_rollback(True)


@pytest.mark.usefixtures("bench_archive")
class TestOneRun:
    """What one run adds; each test's own writes roll back with the test."""

    def test_builds_the_archive_on_top_of_the_seed_record(self):
        assert Article.objects.count() == SEED_ARTICLES + 300
        assert Person.objects.count() == SEED_PEOPLE + 50
        assert Publication.objects.count() == SEED_PUBLICATIONS + 30
        assert Review.objects.count() == SEED_REVIEWS + 3
        # Each person's name in RR, MR, the press's spelling and Hangul.
        assert PersonName.objects.filter(person__in=bench(Person)).count() == 4 * 50

    def test_the_seed_papers_are_among_the_largest_sources(self):
        assert bench(Article).filter(publication__slug="chosun-ilbo").count() > 300 // 30

    def test_the_film_and_its_director_get_their_share_of_the_press(self):
        film = Film.objects.get(slug="crossing")
        assert film.articles.count() == SEED_FILM_ARTICLES + 30
        assert film.reviews.count() == SEED_REVIEWS + 3
        assert Credit.objects.filter(film=film, role=Role.ACTOR).count() == SEED_CAST + 2
        director = Person.objects.get(slug="kim-tae-kyun")
        assert director.mentioned_in.count() == SEED_DIRECTOR_ARTICLES + 3

    def test_a_tenth_of_articles_are_drafts_and_a_tenth_in_korean(self):
        articles = bench(Article)
        assert articles.filter(status="draft").count() == 30
        assert articles.filter(language="ko").count() == 30
        # Korean articles are not all drafts: visitors see most of them.
        assert Article.objects.published().filter(language="ko").count() == 30
        assert Article.objects.published().count() == SEED_ARTICLES + 270
        assert bench(Person).filter(status="draft").count() == 3
        assert bench(Review).filter(status="draft").count() == 0

    def test_new_articles_are_in_the_search_index(self):
        indexed = SearchEntry.objects.filter(kind=Kind.ARTICLE, body=False)
        assert indexed.values("object_id").distinct().count() == SEED_ARTICLES + 300

    def test_running_again_adds_nothing(self):
        assert "nothing added" in make_bench_data(articles=500)
        assert Article.objects.count() == SEED_ARTICLES + 300


def test_refuses_an_archive_without_the_seed_film():
    make_film(slug="another-film")
    with pytest.raises(CommandError, match="seed"):
        make_bench_data()
    assert not bench(Article).exists()
