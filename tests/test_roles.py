"""
The Curator and Editor roles: a Curator adds and changes every entry but
cannot publish, delete or manage users; an Editor also publishes and deletes.
Checked through the admin's own pages and forms.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from reversion.models import Version

from articles.models import Article
from core.models import Publishable, Status
from curation.roles import ARCHIVE_APPS, CURATOR, EDITOR
from films.models import Film
from tests.admin_forms import posted_back
from tests.factories import (
    admin_url,
    film_form_data,
    make_article,
    make_credit,
    make_film,
    make_person,
)

pytestmark = pytest.mark.django_db


def archive_models():
    for app_label in ARCHIVE_APPS:
        yield from apps.get_app_config(app_label).get_models()


def codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


# ---------------------------------------------------------------------------
# The groups every install has
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(archive_models()), ids=lambda model: model._meta.label)
def test_roles_hold_their_permissions_on_every_archive_model(model):
    name = model._meta.model_name
    curator, editor = codenames(CURATOR), codenames(EDITOR)
    hint = (
        f"{model._meta.label} lacks its role permissions: add a migration that runs "
        "curation.roles.grant_role_permissions."
    )
    assert {f"add_{name}", f"change_{name}", f"view_{name}"} <= curator, hint
    assert {f"add_{name}", f"change_{name}", f"view_{name}", f"delete_{name}"} <= editor, hint
    assert f"delete_{name}" not in curator
    if issubclass(model, Publishable):
        assert f"publish_{name}" in editor, hint
        assert f"publish_{name}" not in curator


def test_roles_grant_nothing_outside_the_archive():
    for role in (CURATOR, EDITOR):
        labels = Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", flat=True
        )
        assert set(labels) <= set(ARCHIVE_APPS)


# ---------------------------------------------------------------------------
# Curator
# ---------------------------------------------------------------------------


def test_curator_adds_a_film_as_a_draft(curator_client):
    data = {**film_form_data(), "status": Status.PUBLISHED}
    response = curator_client.post(admin_url(Film, "add"), data)
    assert response.status_code == 302
    assert Film.objects.get().status == Status.DRAFT


def test_curator_changes_a_published_entry_without_unpublishing_it(curator_client):
    article = make_article(status=Status.PUBLISHED, title="Before")
    url = admin_url(Article, "change", article.pk)
    page = curator_client.get(url)
    data = posted_back(page, title="After", status=Status.DRAFT)
    assert curator_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("After", Status.PUBLISHED)


def test_curator_sees_publication_fields_read_only(curator_client):
    film = make_film()
    response = curator_client.get(admin_url(Film, "change", film.pk))
    form = response.context["adminform"].form
    assert "status" not in form.fields
    assert "published_at" not in form.fields
    assert "title" in form.fields


def test_curator_cannot_open_the_delete_page(curator_client):
    film = make_film()
    assert curator_client.get(admin_url(Film, "delete", film.pk)).status_code == 403
    assert (
        curator_client.post(admin_url(Film, "delete", film.pk), {"post": "yes"}).status_code == 403
    )
    assert Film.objects.filter(pk=film.pk).exists()


def test_curator_is_offered_neither_delete_nor_publish_actions(curator_client):
    make_film()
    response = curator_client.get(admin_url(Film, "changelist"))
    action_form = response.context["action_form"]
    actions = {name for name, _ in action_form.fields["action"].choices} if action_form else set()
    assert not actions & {"delete_selected", "publish_selected", "unpublish_selected"}


def test_curator_cannot_delete_through_the_bulk_action(curator_client):
    film = make_film()
    data = {"action": "delete_selected", "_selected_action": [film.pk], "post": "yes"}
    curator_client.post(admin_url(Film, "changelist"), data)
    assert Film.objects.filter(pk=film.pk).exists()


def test_curator_cannot_publish_through_the_bulk_action(curator_client):
    film = make_film()
    data = {"action": "publish_selected", "_selected_action": [film.pk]}
    curator_client.post(admin_url(Film, "changelist"), data)
    film.refresh_from_db()
    assert film.status == Status.DRAFT


def test_curator_cannot_remove_an_inline_row(curator_client):
    film = make_film()
    make_credit(film=film)
    response = curator_client.get(admin_url(Film, "change", film.pk))
    credits = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "credits"
    )
    assert not credits.formset.can_delete


def test_curator_cannot_manage_users(curator_client):
    assert curator_client.get(admin_url(User, "changelist")).status_code == 403
    assert curator_client.get(admin_url(Group, "changelist")).status_code == 403
    assert curator_client.get(admin_url(User, "add")).status_code == 403


def test_curator_adds_a_claim_with_its_citation_and_rank_on_the_film(curator_client):
    film = make_film()
    article = make_article()
    url = admin_url(Film, "change", film.pk)
    page = curator_client.get(url)
    data = posted_back(
        page,
        **{
            "claims-TOTAL_FORMS": "1",
            "claims-0-fact": "release_date",
            "claims-0-rank": "preferred",
            "claims-0-value": "26 June 2008",
            "claims-0-date_start": "2008-06-26",
            "claims-0-date_precision": "day",
            "claims-0-article": str(article.pk),
            "claims-0-quote": "opens on 26 June 2008",
        },
    )
    assert curator_client.post(url, data).status_code == 302
    claim = film.claims.get()
    assert (claim.rank, claim.article, claim.quote) == (
        "preferred",
        article,
        "opens on 26 June 2008",
    )


# ---------------------------------------------------------------------------
# Editor
# ---------------------------------------------------------------------------


def test_editor_publishes_through_the_form(editor_client):
    film = make_film()
    url = admin_url(Film, "change", film.pk)
    data = posted_back(editor_client.get(url), status=Status.PUBLISHED)
    assert editor_client.post(url, data).status_code == 302
    film.refresh_from_db()
    assert film.status == Status.PUBLISHED


def test_editor_publishes_with_the_bulk_action_and_history_records_it(editor_client):
    films = [make_film(), make_film()]
    data = {"action": "publish_selected", "_selected_action": [film.pk for film in films]}
    assert editor_client.post(admin_url(Film, "changelist"), data).status_code == 302
    for film in films:
        film.refresh_from_db()
        assert film.status == Status.PUBLISHED
        assert Version.objects.get_for_object(film).first().revision.comment == "Published."


def test_editor_returns_an_entry_to_draft(editor_client):
    film = make_film(status=Status.PUBLISHED)
    data = {"action": "unpublish_selected", "_selected_action": [film.pk]}
    editor_client.post(admin_url(Film, "changelist"), data)
    film.refresh_from_db()
    assert film.status == Status.DRAFT


def test_editor_deletes_through_the_delete_page(editor_client):
    film = make_film()
    response = editor_client.post(admin_url(Film, "delete", film.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Film.objects.filter(pk=film.pk).exists()


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get(admin_url(User, "changelist")).status_code == 403


def test_a_person_in_no_role_cannot_open_the_archive_admin(client):
    user = User.objects.create_user("visitor", password="pass", is_staff=True)
    client.force_login(user)
    assert client.get(admin_url(Film, "changelist")).status_code == 403
    assert make_person()  # the archive itself is untouched
