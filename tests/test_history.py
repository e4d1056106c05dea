"""
History: every change made in the admin is kept with who and when, shown as
a readable difference and revertible; a deleted entry comes back whole.
"""

import pytest
from django.contrib.messages import get_messages
from reversion.models import Version

from articles.models import Article
from core.models import Status
from films.models import Film
from tests.admin_forms import posted_back
from tests.factories import (
    MAKERS,
    admin_url,
    film_form_data,
    make_article,
    make_film,
    make_person,
    make_track_credit,
    staff_client,
)

pytestmark = pytest.mark.django_db


def edit(client, obj, **changes):
    """Opens the entry's change page and saves it with `changes`."""
    url = admin_url(type(obj), "change", obj.pk)
    response = client.post(url, posted_back(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def history(client, obj):
    response = client.get(admin_url(type(obj), "history", obj.pk))
    assert response.status_code == 200
    return response


def revert(client, url):
    """Opens a revert or recover page and saves the form it shows."""
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, posted_back(page))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def test_an_edit_appears_in_history_with_who_when_and_what_changed(curator_client):
    article = make_article(title="Cha In-pyo crosses over")
    edit(curator_client, article, title="Cha In-pyo crosses the border")
    response = history(curator_client, article)
    latest, first = response.context["history"]
    assert latest["revision"].user.username == "curator"
    assert latest["revision"].date_created is not None
    [change] = latest["difference"].fields
    assert (change.label, change.old, change.new) == (
        "Title",
        "Cha In-pyo crosses over",
        "Cha In-pyo crosses the border",
    )
    assert first["difference"] is None
    html = response.content.decode()
    assert "<del>Cha In-pyo crosses over</del>" in html
    assert "<ins>Cha In-pyo crosses the border</ins>" in html


def test_a_long_text_change_shows_the_changed_words(curator_client):
    words = " ".join(f"word{n}" for n in range(60))
    article = make_article(text=f"{words} The film opens in June. {words}")
    edit(curator_client, article, text=f"{words} The film opens in May. {words}")
    html = history(curator_client, article).content.decode()
    assert "<del>June</del><ins>May</ins>" in html
    assert "word30" not in html  # the unchanged middle of the text is elided


def test_an_edit_is_reverted_from_history(curator_client):
    article = make_article(title="Before", byline="By Lee Eun-joo")
    edit(curator_client, article, title="After", byline="")
    first_version = history(curator_client, article).context["history"][-1]
    revert(curator_client, first_version["revert_url"])
    article.refresh_from_db()
    assert (article.title, article.byline) == ("Before", "By Lee Eun-joo")
    latest = history(curator_client, article).context["history"][0]
    assert latest["revision"].comment.startswith("Reverted to previous version")
    assert [change.label for change in latest["difference"].fields] == ["Title", "Byline"]


def test_the_first_admin_edit_of_an_entry_made_elsewhere_can_be_reverted(curator_client):
    # Entries from the seed record or an import have no history of their own.
    film = make_film(title="Crossing")
    assert not Version.objects.get_for_object(film).exists()
    edit(curator_client, film, title="Krossing")
    first_version = history(curator_client, film).context["history"][-1]
    assert first_version["revision"].comment == "State before the first edit in the admin."
    revert(curator_client, first_version["revert_url"])
    film.refresh_from_db()
    assert film.title == "Crossing"


def test_reverting_a_film_restores_its_inline_rows(editor_client):
    film = make_film()
    person = make_person()
    edit(
        editor_client,
        film,
        **{"tracks-TOTAL_FORMS": "1", "tracks-0-position": "1", "tracks-0-title": "Crossing"},
    )
    edit(
        editor_client,
        film,
        **{
            "credits-TOTAL_FORMS": "1",
            "credits-0-person": str(person.pk),
            "credits-0-role": "director",
            "tracks-0-title": "Crossing (main theme)",
        },
    )
    rows = history(editor_client, film).context["history"]
    changes = rows[0]["difference"].rows
    assert {(row.kind, row.model_label) for row in changes} == {
        ("added", "Credits"),
        ("changed", "Tracks"),
    }
    revert(editor_client, rows[1]["revert_url"])
    assert not film.credits.exists()
    assert film.tracks.get().title == "Crossing"


def test_a_curators_revert_keeps_the_publication_state(curator_client, editor_client):
    article = make_article(title="Draft title")
    edit(editor_client, article, title="Published title", status=Status.PUBLISHED)
    edit(editor_client, article, status=Status.DRAFT)
    published_version = history(curator_client, article).context["history"][1]
    response = revert(curator_client, published_version["revert_url"])
    article.refresh_from_db()
    assert (article.title, article.status) == ("Published title", Status.DRAFT)
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("publication state was kept" in message for message in messages)


def deleted_film_with_rows(client):
    """A film added through the admin with a credit and two tracks, the first credited."""
    person = make_person(name="Kim Tae-seong")
    data = film_form_data(
        credits=[{"person": person.pk, "role": "music"}],
        tracks=[{"position": "1", "title": "Crossing"}, {"position": "2", "title": "Tears"}],
    )
    assert client.post(admin_url(Film, "add"), data).status_code == 302
    film = Film.objects.get(slug="crossing")
    make_track_credit(track=film.tracks.get(position=1), person=person)
    edit(client, film, tagline="A father and a son")  # saved with its track credit
    response = client.post(admin_url(Film, "delete", film.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Film.objects.exists()
    return person


def test_a_deleted_film_is_recovered_with_its_credits_and_tracks(editor_client):
    person = deleted_film_with_rows(editor_client)
    response = editor_client.get(admin_url(Film, "recoverlist"))
    [deleted] = response.context["deleted"]
    assert deleted.object_repr == "Crossing"
    revert(editor_client, admin_url(Film, "recover", deleted.pk))
    film = Film.objects.get(slug="crossing")
    assert film.tagline == "A father and a son"
    assert [(c.person, c.role) for c in film.credits.all()] == [(person, "music")]
    assert [(t.position, t.title) for t in film.tracks.order_by("position")] == [
        (1, "Crossing"),
        (2, "Tears"),
    ]
    assert [c.person for c in film.tracks.get(position=1).credits.all()] == [person]


def test_a_curator_recovers_a_deleted_entry_as_a_draft(curator_client):
    editor = staff_client("editor", "Editor")
    film = make_film(title="Crossing", status=Status.PUBLISHED)
    edit(editor, film, tagline="Published")
    editor.post(admin_url(Film, "delete", film.pk), {"post": "yes"})
    [deleted] = curator_client.get(admin_url(Film, "recoverlist")).context["deleted"]
    revert(curator_client, admin_url(Film, "recover", deleted.pk))
    film = Film.objects.get()
    assert (film.tagline, film.status) == ("Published", Status.DRAFT)


def test_each_film_of_a_bulk_delete_is_recovered_on_its_own(editor_client):
    kept, other = make_film(title="Kept"), make_film(title="Other")
    data = {"action": "delete_selected", "_selected_action": [kept.pk, other.pk], "post": "yes"}
    assert editor_client.post(admin_url(Film, "changelist"), data).status_code == 302
    assert not Film.objects.exists()
    deleted = editor_client.get(admin_url(Film, "recoverlist")).context["deleted"]
    version = next(v for v in deleted if v.object_repr.startswith("Kept"))
    revert(editor_client, admin_url(Film, "recover", version.pk))
    assert list(Film.objects.values_list("title", flat=True)) == ["Kept"]


@pytest.mark.parametrize("model", MAKERS, ids=lambda model: model._meta.model_name)
def test_history_page_answers_for_every_model(admin_client, model):
    obj = MAKERS[model]()
    url = admin_url(model, "change", obj.pk)
    assert admin_client.post(url, posted_back(admin_client.get(url))).status_code == 302
    rows = history(admin_client, obj).context["history"]
    assert len(rows) == 2  # the state before the first edit, and the edit


def test_every_edit_is_kept_as_a_version(curator_client):
    article = make_article(title="One")
    edit(curator_client, article, title="Two")
    edit(curator_client, article, title="Three")
    titles = [version.field_dict["title"] for version in Version.objects.get_for_object(article)]
    assert titles == ["Three", "Two", "One"]
    assert Article.objects.get().title == "Three"
