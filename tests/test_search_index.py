"""The search entries follow the archive: saves, deletes, fixture loading and rebuilds."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from films.models import NameKind, Role, TitleKind
from search.engine import Search
from search.index import build_entries, rebuild
from search.models import Kind, SearchEntry
from tests.factories import (
    SEED_FIXTURE,
    make_credit,
    make_film_title,
    make_person_name,
    make_publication,
    make_track,
    published_article,
    published_film,
    published_person,
    published_review,
)

pytestmark = pytest.mark.django_db


def texts(kind, obj):
    return [
        entry.text or "(text)"
        for entry in SearchEntry.objects.filter(kind=kind, object_id=obj.pk).order_by("position")
    ]


def found(query):
    return [str(result.object) for result in Search(query)[0:50]]


def snapshot():
    return sorted(
        SearchEntry.objects.values_list(
            "kind", "object_id", "position", "text", "folded", "keys", "body_folded", "body_keys"
        )
    )


def test_a_person_is_indexed_under_every_name_form_and_its_romanizations():
    person = published_person(name="Shin Myung-chul", name_hangul="신명철")
    make_person_name(person=person, name="Shin Myeong-cheol", kind=NameKind.PUBLISHED)
    make_person_name(person=person, name="SHIN Myung-chul", kind=NameKind.PUBLISHED)
    # SHIN Myung-chul folds as the display name, and the generated RR as the
    # published Shin Myeong-cheol: one entry each.
    assert texts(Kind.PERSON, person) == [
        "Shin Myung-chul",
        "신명철",
        "Shin Myeong-cheol",
        "Sin Myŏng-ch'ŏl",
    ]
    generated = SearchEntry.objects.filter(object_id=person.pk).exclude(romanization="")
    assert list(generated.values_list("romanization", flat=True)) == [NameKind.MCCUNE_REISCHAUER]


def test_editing_a_name_form_replaces_its_entry():
    person = published_person(name="Cha In-pyo")
    name = make_person_name(person=person, name="Chah In Pyo")
    name.name = "Tcha In-p'yo"
    name.save()
    assert texts(Kind.PERSON, person) == ["Cha In-pyo", "Tcha In-p'yo"]


def test_deleting_a_name_form_or_a_person_removes_the_entries():
    person = published_person(name="Cha In-pyo")
    name = make_person_name(person=person, name="Chha Inpyo")
    assert found("chha inpyo") == ["Cha In-pyo"]
    name.delete()
    assert found("chha inpyo") == []
    person.delete()
    assert not SearchEntry.objects.filter(kind=Kind.PERSON, object_id=person.pk).exists()


def test_renaming_a_person_finds_them_by_the_new_name_only():
    person = published_person(name="Suh Young-hwa")
    person.name = "Seo Yeong-hwa"
    person.save()
    assert texts(Kind.PERSON, person) == ["Seo Yeong-hwa"]


def test_films_are_indexed_by_every_title_and_lose_them_with_the_film():
    film = published_film(title="Crossing", original_title="크로싱")
    make_film_title(film=film, title="Keurosing", kind=TitleKind.ROMANIZED)
    make_track(film=film, position=1, title="따뜻하다")
    make_credit(film=film, person=published_person(), role=Role.ACTOR, character="Juni")
    # the romanization of 크로싱 generated as RR folds as "Keurosing": one entry
    assert texts(Kind.FILM, film) == ["Crossing", "크로싱", "Keurosing", "K'ŭroshing"]
    film.delete()
    assert not SearchEntry.objects.filter(kind__in=[Kind.FILM, Kind.TRACK, Kind.CHARACTER])


def test_articles_and_reviews_are_indexed_by_title_and_text():
    article = published_article(title="Daring Movie", text="Directed by Kim Tae-kyun.")
    review = published_review(title="", text="In Kim Tae-kyun’s film")
    assert texts(Kind.ARTICLE, article) == ["Daring Movie", "(text)"]
    assert texts(Kind.REVIEW, review) == ["(text)"]
    # The title answers as a name, the text as running text, in any spelling of a name.
    assert [(str(r.object), r.excerpt is None) for r in Search("daring movie")[0:9]] == [
        ("Daring Movie", True)
    ]
    found_in_text = Search("Kim Tae Gyoon")[0:9]
    assert [(r.object, r.excerpt.match) for r in found_in_text] == [
        (article, "Kim Tae-kyun"),
        (review, "Kim Tae-kyun’s"),
    ]


def test_a_publication_and_a_credit_without_character():
    publication = make_publication(name="The Korea Herald")
    credit = make_credit(role=Role.DIRECTOR)
    assert texts(Kind.PUBLICATION, publication) == ["The Korea Herald"]
    assert texts(Kind.CHARACTER, credit) == []


def test_loading_the_fixture_indexes_it_as_a_rebuild_would():
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    loaded = snapshot()
    assert len(loaded) > 100
    assert found("Kim Tae Gyoon")[0] == "Kim Tae-kyun (김태균)"
    call_command("rebuild_search_index", verbosity=0)
    assert snapshot() == loaded


def test_loading_the_fixture_twice_keeps_one_set_of_entries():
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    once = snapshot()
    call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    assert snapshot() == once


def test_rebuild_repairs_entries_that_updates_skipped():
    person = published_person(name="Kim Tae-kyun")
    type(person).objects.filter(pk=person.pk).update(name="Kim Tae-gyun")
    assert texts(Kind.PERSON, person) == ["Kim Tae-kyun"]
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out, verbosity=2)
    assert texts(Kind.PERSON, person) == ["Kim Tae-gyun"]
    assert "People: 1 objects, 1 entries" in out.getvalue()
    assert "Search index rebuilt: 1 entries." in out.getvalue()


def test_rebuild_of_one_kind_leaves_the_others():
    published_person(name="Kim Tae-kyun")
    make_publication(name="KBS World")
    SearchEntry.objects.filter(kind=Kind.PUBLICATION).delete()
    call_command("rebuild_search_index", kind=["publication"], verbosity=0)
    assert SearchEntry.objects.filter(kind=Kind.PUBLICATION).count() == 1
    assert SearchEntry.objects.filter(kind=Kind.PERSON).count() == 1


def test_the_migration_builds_the_index_with_historical_models():
    published_person(name="Kim Tae-kyun", name_hangul="김태균")
    expected = snapshot()
    SearchEntry.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("search", "0002_index_the_archive"))
    assert rebuild(state.apps) == len(expected)
    assert snapshot() == expected


def test_build_entries_skips_texts_that_fold_to_nothing():
    person = published_person(name="Kim Tae-kyun")
    make_person_name(person=person, name="—")
    assert [entry.text for entry in build_entries(Kind.PERSON, [person.pk])] == ["Kim Tae-kyun"]
