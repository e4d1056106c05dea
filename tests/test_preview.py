"""Curators see a draft's public page from the admin, marked as a draft; visitors do not."""

import pytest
from django.urls import reverse

from articles.models import Article, Review
from core.models import Status
from films.models import Film, Person
from tests.factories import admin_url, make_article, make_film, make_person, make_review

pytestmark = pytest.mark.django_db

BANNER = "Draft — not public."

DRAFTS = {
    Film: lambda: make_film(title="Unreleased film"),
    Person: lambda: make_person(name="Unannounced person"),
    Article: lambda: make_article(title="Unpublished article"),
    # Its film is a draft too: the preview shows the page as it will be once both are out.
    Review: lambda: make_review(title="Unpublished review"),
}


def preview_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_preview", args=[obj.pk])


@pytest.mark.parametrize("model", DRAFTS, ids=lambda model: model._meta.model_name)
def test_a_curator_previews_a_draft_marked_as_a_draft(curator_client, client, model):
    draft = DRAFTS[model]()
    response = curator_client.get(preview_url(draft))
    assert response.status_code == 200
    html = response.content.decode()
    assert str(draft).split(" (")[0] in html
    assert BANNER in html
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert "noindex" in response["X-Robots-Tag"]
    # Nothing was published by the preview.
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_view_on_site_opens_the_preview_of_a_draft(curator_client):
    film = make_film()
    response = curator_client.get(admin_url(Film, "change", film.pk))
    assert response.context["absolute_url"] == preview_url(film)


def test_view_on_site_opens_the_public_page_of_a_published_entry(curator_client):
    film = make_film(status=Status.PUBLISHED)
    response = curator_client.get(admin_url(Film, "change", film.pk))
    # The admin's own "view on site" redirect, to the public page.
    redirect = curator_client.get(response.context["absolute_url"])
    assert redirect["Location"].endswith(film.get_absolute_url())


def test_the_public_page_of_a_published_entry_has_no_draft_banner(client):
    film = make_film(status=Status.PUBLISHED, title="Crossing")
    html = client.get(film.get_absolute_url()).content.decode()
    assert "Crossing" in html
    assert BANNER not in html


def test_visitors_cannot_open_a_preview(client):
    film = make_film()
    response = client.get(preview_url(film))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
