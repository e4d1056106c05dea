"""
Two curators open the same entry; the second to save is told that it changed
since they opened it and shown what changed, instead of overwriting the first.
"""

import pytest
from django.utils.html import escape

from articles.models import Article
from films.models import Film
from tests.admin_forms import posted_back
from tests.factories import (
    admin_url,
    make_article,
    make_credit,
    make_film,
    make_person,
    staff_client,
)

pytestmark = pytest.mark.django_db

CONFLICT = "changed since you opened it"


@pytest.fixture
def alice(db):
    return staff_client("alice", "Curator")


@pytest.fixture
def bob(db):
    return staff_client("bob", "Curator")


def open_form(client, obj):
    url = admin_url(type(obj), "change", obj.pk)
    return url, client.get(url)


def test_the_second_save_is_refused_and_shows_what_changed(alice, bob):
    article = make_article(title="Cha In-pyo crosses over", byline="")
    url, alices_page = open_form(alice, article)
    _, bobs_page = open_form(bob, article)
    alice.post(url, posted_back(alices_page, title="Cha In-pyo crosses the border"))

    response = bob.post(url, posted_back(bobs_page, byline="By Lee Eun-joo"))

    assert response.status_code == 200
    html = response.content.decode()
    assert CONFLICT in html
    assert "<del>Cha In-pyo crosses over</del>" in html
    assert "<ins>Cha In-pyo crosses the border</ins>" in html
    assert "Last saved by alice" in html
    article.refresh_from_db()
    assert (article.title, article.byline) == ("Cha In-pyo crosses the border", "")


def test_the_refused_form_keeps_what_the_second_curator_typed(alice, bob):
    article = make_article()
    url, alices_page = open_form(alice, article)
    _, bobs_page = open_form(bob, article)
    alice.post(url, posted_back(alices_page, title="Alice's title"))
    response = bob.post(url, posted_back(bobs_page, byline="By Bob"))
    assert response.context["adminform"].form["byline"].value() == "By Bob"


def test_saving_again_after_the_refusal_replaces_the_other_version_on_purpose(alice, bob):
    article = make_article(title="First")
    url, alices_page = open_form(alice, article)
    _, bobs_page = open_form(bob, article)
    alice.post(url, posted_back(alices_page, title="Alice's title"))
    refusal = bob.post(url, posted_back(bobs_page, title="Bob's title"))
    assert refusal.status_code == 200
    assert bob.post(url, posted_back(refusal)).status_code == 302
    assert Article.objects.get().title == "Bob's title"


def test_a_change_to_inline_rows_is_a_conflict_too(alice, bob):
    film = make_film()
    person = make_person(name="Cha In-pyo")
    url, alices_page = open_form(alice, film)
    _, bobs_page = open_form(bob, film)
    alice.post(
        url,
        posted_back(
            alices_page,
            **{
                "credits-TOTAL_FORMS": "1",
                "credits-0-person": str(person.pk),
                "credits-0-role": "actor",
                "credits-0-character": "Kim Yong-soo",
            },
        ),
    )
    response = bob.post(url, posted_back(bobs_page, tagline="A father and a son"))
    assert response.status_code == 200
    assert escape("Credits: added “Cha In-pyo: Actor (Kim Yong-soo)”") in response.content.decode()
    film.refresh_from_db()
    assert film.tagline == ""


def test_an_unchanged_entry_saves_without_a_conflict(alice):
    film = make_film()
    article = make_article()
    credit = make_credit(film=film)
    credit.found_in_articles.add(article)
    url, page = open_form(alice, film)
    assert alice.post(url, posted_back(page, tagline="Saved")).status_code == 302
    assert Film.objects.get().tagline == "Saved"


def test_two_saves_by_the_same_curator_in_a_row_need_a_fresh_form(alice):
    article = make_article(title="One")
    url, page = open_form(alice, article)
    assert alice.post(url, posted_back(page, title="Two")).status_code == 302
    # The same, now stale, page submitted again (a second tab).
    response = alice.post(url, posted_back(page, title="Three"))
    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    assert Article.objects.get().title == "Two"
