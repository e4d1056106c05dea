"""
The page cache (public/cache.py): anonymous pages are answered from it, and
the next request after any write that could change a page shows the change.

Each test first has the page cached, then proves it is: a change made without
a signal (QuerySet.update()) does not show. Then it makes the change the way a
curator or an import would, and the next anonymous request shows it.
"""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion import create_revision
from reversion.models import Version

from articles.models import Article, Publication
from core.models import Status
from films.models import Film, Person
from public.cache import bump
from tests.admin_forms import posted_back
from tests.factories import (
    admin_url,
    make_article,
    make_claim,
    make_credit,
    make_film,
    make_film_image,
    make_person,
    make_person_name,
    make_publication,
    make_review,
    make_track,
    make_track_credit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

PUBLISHED = {"status": Status.PUBLISHED}


def visit(path, client=None, **headers):
    """An anonymous visitor's request (a new client: no cookie) unless `client` is given."""
    headers = {name.replace("_", "-"): value for name, value in headers.items()}
    response = (client or Client()).get(path, headers=headers)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def cached(path, model, pk, **unseen):
    """
    Has `path` cached, then checks it is: `unseen` changes `model` row `pk`
    without a signal, and the next request still shows the page as it was.
    """
    before = visit(path)
    model._default_manager.filter(pk=pk).update(**unseen)
    assert visit(path) == before
    return before


@pytest.fixture
def film():
    return make_film(title="Crossing", slug="crossing", **PUBLISHED)


@pytest.fixture
def person():
    return make_person(name="Cha In-pyo", slug="cha-in-pyo", **PUBLISHED)


def test_an_anonymous_page_is_answered_from_the_cache(film):
    page = cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    assert "Crossing" in page
    assert "Krossing" not in visit(film.get_absolute_url())


def test_a_cached_page_costs_one_cache_read(film, django_assert_num_queries):
    visit(film.get_absolute_url())
    # The generation and the page, read together (the cache is a table in the test
    # database).
    with django_assert_num_queries(1):
        visit(film.get_absolute_url())


def test_a_head_request_is_answered_from_the_cache(film):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    response = Client().head(film.get_absolute_url())
    assert response.status_code == 200
    assert b"Krossing" not in response.content


def test_each_language_is_cached_apart(film):
    english = visit(film.get_absolute_url())
    korean = visit(f"/ko{film.get_absolute_url()}")
    assert english != korean
    assert '<html lang="ko">' in korean
    assert visit(f"/ko{film.get_absolute_url()}") == korean
    assert visit(film.get_absolute_url(), accept_language="ko") == english


def test_a_query_string_is_its_own_page():
    make_article(title="Defectors cross over", **PUBLISHED)
    make_article(title="A quiet premiere", **PUBLISHED)
    assert "A quiet premiere" in visit("/press/")
    assert "A quiet premiere" not in visit("/press/?q=defectors")


# ---------------------------------------------------------------------------
# Every kind of entry: a save shows on the next request
# ---------------------------------------------------------------------------


def test_saving_a_film_shows_at_once(film, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        film.title = "Crossing (2008)"
        film.save()
    assert "Crossing (2008)" in visit(film.get_absolute_url())


def test_saving_a_person_shows_at_once(person, committed):
    cached(person.get_absolute_url(), Person, person.pk, name="Unseen")
    with committed():
        person.name = "Cha Inpyo"
        person.save()
    assert "Cha Inpyo" in visit(person.get_absolute_url())


def test_a_new_name_form_shows_at_once(person, committed):
    cached(person.get_absolute_url(), Person, person.pk, name="Unseen")
    with committed():
        make_person_name(person=person, name="차인표")
    assert "차인표" in visit(person.get_absolute_url())


def test_a_new_credit_shows_at_once(film, person, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    assert "Cha In-pyo" not in visit(film.get_absolute_url())
    with committed():
        make_credit(film=film, person=person)
    assert "Cha In-pyo" in visit(film.get_absolute_url())


def test_a_new_track_and_its_credit_show_at_once(film, person, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        track = make_track(film=film, title="Main Theme")
    assert "Main Theme" in visit(film.get_absolute_url())
    with committed():
        make_track_credit(track=track, person=person)
    assert "Cha In-pyo" in visit(film.get_absolute_url())


def test_a_new_claim_shows_at_once(film, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        make_claim(film=film, value="12 billion won")
    assert "12 billion won" in visit(film.get_absolute_url())


def test_a_new_image_shows_at_once(film, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        make_film_image(film=film, alt_text="The poster of Crossing")
    assert "The poster of Crossing" in visit(film.get_absolute_url())


def test_renaming_a_publication_shows_at_once(committed):
    publication = make_publication(name="The Korea Herald")
    make_article(publication=publication, **PUBLISHED)
    cached("/press/", Publication, publication.pk, name="Unseen")
    with committed():
        publication.name = "Korea Herald"
        publication.save()
    assert "Korea Herald" in visit("/press/")
    assert "The Korea Herald" not in visit("/press/")


def test_a_new_article_shows_at_once_on_the_list_the_feed_and_the_api(committed):
    article = make_article(title="Defectors cross over", **PUBLISHED)
    paths = ["/press/", "/press/feed.atom", "/api/articles/"]
    for path in paths:
        cached(path, Article, article.pk, title="Unseen")
    with committed():
        make_article(title="A quiet premiere", **PUBLISHED)
    for path in paths:
        assert "A quiet premiere" in visit(path), path


def test_a_new_review_shows_at_once(film, committed):
    make_review(film=film, title="A first review", **PUBLISHED)
    visit("/reviews/")
    with committed():
        make_review(film=film, title="A moving film", **PUBLISHED)
    assert "A moving film" in visit("/reviews/")


def test_linking_an_article_to_a_film_shows_at_once(film, committed):
    article = make_article(title="Defectors cross over", **PUBLISHED)
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        article.films.add(film)
    assert "Defectors cross over" in visit(film.get_absolute_url())


def test_the_sitemap_shows_a_new_film_at_once(film, committed):
    visit("/sitemap-films.xml")
    with committed():
        make_film(slug="a-new-film", **PUBLISHED)
    assert "/films/a-new-film/" in visit("/sitemap-films.xml")


# ---------------------------------------------------------------------------
# Publishing, deleting, reverting, importing
# ---------------------------------------------------------------------------


def test_unpublishing_hides_the_page_at_once(film, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        film.status = Status.DRAFT
        film.save()
    assert Client().get(film.get_absolute_url()).status_code == 404


def test_publishing_shows_the_page_at_once(committed):
    article = make_article(title="Defectors cross over")
    cached("/press/", Article, article.pk, title="Unseen")
    with committed():
        article.title = "Defectors cross over"
        article.status = Status.PUBLISHED
        article.save()
    assert "Defectors cross over" in visit("/press/")


def test_deleting_an_entry_removes_it_at_once(committed):
    article = make_article(title="Defectors cross over", **PUBLISHED)
    assert "Defectors cross over" in visit("/press/")
    with committed():
        article.delete()
    assert "Defectors cross over" not in visit("/press/")


def test_a_curators_admin_save_shows_at_once(film, curator_client, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    url = admin_url(Film, "change", film.pk)
    with committed():
        response = curator_client.post(url, posted_back(curator_client.get(url), title="Border"))
    assert response.status_code == 302
    assert "<title>Border" in visit(film.get_absolute_url())


def test_an_admin_publish_action_shows_at_once(client, committed, django_user_model):
    article = make_article(title="Defectors cross over")
    visit("/press/")
    client.force_login(django_user_model.objects.create_superuser("chief", password="pass"))
    with committed():
        response = client.post(
            admin_url(Article, "changelist"),
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
    assert response.status_code == 302
    assert "Defectors cross over" in visit("/press/")


def test_reverting_to_an_earlier_version_shows_at_once(film, committed):
    with create_revision():
        film.save()
    with create_revision():
        film.title = "Krossing"
        film.save()
    assert "Krossing" in visit(film.get_absolute_url())
    with committed():
        Version.objects.get_for_object(film).order_by("pk").first().revision.revert()
    assert "Krossing" not in visit(film.get_absolute_url())


def test_an_import_shows_at_once(tmp_path, committed):
    make_publication(slug="korea-herald", name="The Korea Herald")
    visit("/press/")
    rows = [
        {
            "slug": "imported",
            "title": "An imported article",
            "publication": "korea-herald",
            "date": "2008-06-05",
            "language": "en",
            "text": "The full text.",
            "status": "published",
        }
    ]
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(rows))
    with committed():
        call_command("import_records", "articles", str(path), "--no-progress", stdout=None)
    assert Article.objects.filter(slug="imported").exists()
    assert "An imported article" in visit("/press/")


def test_a_bump_after_a_bulk_write_empties_the_cache(film):
    # restore_backup writes rows without signals and bumps itself; bump() is what it calls.
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    bump()
    assert "Krossing" in visit(film.get_absolute_url())


def test_a_rolled_back_write_keeps_the_cache(film, committed):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    with committed():
        with transaction.atomic():
            film.save()
            transaction.set_rollback(True)
    assert "Krossing" not in visit(film.get_absolute_url())


# ---------------------------------------------------------------------------
# Scheduled publication
# ---------------------------------------------------------------------------


def test_a_scheduled_article_appears_when_its_time_comes(monkeypatch):
    now = timezone.now()
    make_article(title="Defectors cross over", **PUBLISHED)
    make_article(
        title="Published tomorrow", published_at=now + datetime.timedelta(days=1), **PUBLISHED
    )
    assert "Published tomorrow" not in visit("/press/")
    assert "Published tomorrow" not in visit("/press/")
    later = now + datetime.timedelta(days=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Published tomorrow" in visit("/press/")


def test_a_scheduled_film_appears_when_its_time_comes(monkeypatch):
    now = timezone.now()
    film = make_film(title="Border", published_at=now + datetime.timedelta(hours=1), **PUBLISHED)
    make_film(title="Another film", **PUBLISHED)
    assert "Border" not in visit("/")
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=2))
    assert "Border" in visit("/")
    assert Client().get(film.get_absolute_url()).status_code == 200


# ---------------------------------------------------------------------------
# Signed-in curators and previews
# ---------------------------------------------------------------------------


def test_a_signed_in_curator_is_not_served_from_the_cache(film, curator_client):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    assert "Krossing" in visit(film.get_absolute_url(), client=curator_client)


def test_a_signed_in_curators_page_is_not_stored(film, curator_client):
    response = curator_client.get(film.get_absolute_url())
    assert "no-store" in response["Cache-Control"]
    Film.objects.filter(pk=film.pk).update(title="Krossing")
    assert "Krossing" in visit(film.get_absolute_url())


def test_a_preview_is_neither_served_from_nor_stored_in_the_cache(curator_client):
    film = make_film(title="Crossing", slug="crossing")
    assert Client().get(film.get_absolute_url()).status_code == 404
    preview = reverse("admin:films_film_preview", args=[film.pk])
    assert "Crossing" in visit(preview, client=curator_client)
    assert Client().get(film.get_absolute_url()).status_code == 404
    Film.objects.filter(pk=film.pk).update(title="Krossing")
    assert "Krossing" in visit(preview, client=curator_client)


def test_nothing_is_stored_when_the_page_cache_is_off(film, settings):
    settings.PAGE_CACHE = False
    visit(film.get_absolute_url())
    Film.objects.filter(pk=film.pk).update(title="Krossing")
    assert "Krossing" in visit(film.get_absolute_url())


def test_clear_page_cache_starts_a_new_generation(film):
    cached(film.get_absolute_url(), Film, film.pk, title="Krossing")
    call_command("clear_page_cache", stdout=io.StringIO())
    assert "Krossing" in visit(film.get_absolute_url())
