"""A slug changed in the admin keeps its old address answering with a permanent redirect."""

import pytest

from core.models import OldSlug
from tests.factories import (
    make_film,
    published_article,
    published_film,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db

ENTRIES = {
    "film": (published_film, "/films/"),
    "person": (published_person, "/people/"),
    "article": (published_article, "/press/"),
    "review": (published_review, "/reviews/"),
}


def renamed(kind, old="old-slug", new="new-slug"):
    make, _prefix = ENTRIES[kind]
    entry = make(slug=old)
    entry.slug = new
    entry.save()
    return entry


@pytest.mark.parametrize("kind", ENTRIES)
@pytest.mark.parametrize("language_prefix", ["", "/ko"])
def test_old_slug_redirects_permanently_to_the_current_address(client, kind, language_prefix):
    renamed(kind)
    prefix = ENTRIES[kind][1]
    response = client.get(f"{language_prefix}{prefix}old-slug/?utm_source=x")
    assert response.status_code == 301
    assert response["Location"] == f"{language_prefix}{prefix}new-slug/?utm_source=x"
    assert client.get(response["Location"]).status_code == 200


def test_every_earlier_slug_keeps_answering(client):
    film = renamed("film", "first", "second")
    film.slug = "third"
    film.save()
    assert client.get("/films/first/")["Location"] == "/films/third/"
    assert client.get("/films/second/")["Location"] == "/films/third/"


def test_a_new_entry_that_takes_an_old_slug_wins(client):
    renamed("film")
    newcomer = published_film(slug="old-slug", title="Newcomer")
    response = client.get("/films/old-slug/")
    assert response.status_code == 200
    assert response.context["film"] == newcomer
    assert not OldSlug.objects.filter(slug="old-slug").exists()


def test_taking_back_an_old_slug_drops_its_redirect(client):
    film = renamed("film")
    film.slug = "old-slug"
    film.save()
    assert list(OldSlug.objects.values_list("slug", flat=True)) == ["new-slug"]
    assert client.get("/films/old-slug/").status_code == 200
    assert client.get("/films/new-slug/")["Location"] == "/films/old-slug/"


def test_old_slug_of_an_unpublished_entry_is_a_404(client):
    film = make_film(slug="old-slug")
    film.slug = "new-slug"
    film.save()
    assert OldSlug.objects.filter(slug="old-slug").exists()
    assert client.get("/films/old-slug/").status_code == 404


def test_old_slugs_are_kept_per_kind(client):
    renamed("person", "kim", "kim-tae-kyun")
    assert client.get("/films/kim/").status_code == 404


def test_saving_without_changing_the_slug_writes_nothing():
    film = published_film(slug="same")
    film.title = "Another title"
    film.save()
    assert not OldSlug.objects.exists()


def test_an_unknown_slug_is_still_a_404(client):
    assert client.get("/films/never-was/").status_code == 404
