"""
A person's name forms are listed in one order everywhere: NameKind's declared
order, then the name (PersonName.objects.in_display_order()).
"""

import pytest

from films.models import NameKind, PersonName
from search.engine import Search
from tests.factories import make_person_name, published_person, text_of

pytestmark = pytest.mark.django_db

# (name, kind) in display order; made in another order. Names of one kind are
# ordered by the database's collation: these sort alike in every collation.
IN_ORDER = [
    ("김태균", NameKind.HANGUL),
    ("金泰均", NameKind.HANJA),
    ("Gim Tae-gyun", NameKind.REVISED),
    ("Kim Tae-gyun", NameKind.REVISED),
    ("Kim T'ae-gyun", NameKind.MCCUNE_REISCHAUER),
    ("KIM TAE-GYUN", NameKind.PUBLISHED),
    ("Kim Tae-kyun", NameKind.PUBLISHED),
    ("Kim Taegyun", NameKind.OTHER),
]


@pytest.fixture
def person():
    person = published_person(name="Kim Tae-kyun", slug="kim-tae-kyun")
    for name, kind in reversed(IN_ORDER):
        make_person_name(person=person, name=name, kind=kind)
    return person


def test_name_forms_come_in_kind_order_then_by_name(person):
    rows = PersonName.objects.filter(person=person).in_display_order()
    assert [(row.name, row.kind) for row in rows] == IN_ORDER


def test_the_person_page_lists_the_name_forms_in_that_order(client, person):
    response = client.get("/people/kim-tae-kyun/")
    assert response.status_code == 200
    assert [(row.name, row.kind) for row in response.context["names"]] == IN_ORDER


def test_the_api_lists_the_name_forms_in_that_order(client, person):
    response = client.get("/api/people/kim-tae-kyun/")
    assert response.status_code == 200
    assert [(row["name"], row["kind"]) for row in response.json()["names"]] == IN_ORDER


def test_the_person_changelist_lists_the_name_forms_in_that_order(admin_client, person):
    response = admin_client.get("/admin/films/person/")
    assert response.status_code == 200
    expected = ", ".join(dict.fromkeys(name for name, _ in IN_ORDER))
    assert expected in text_of(response.content.decode())


def test_search_says_it_matched_the_first_of_the_forms_that_fold_alike(person):
    # The RR, MR, published and other forms all fold as "kimtaegyun": RR comes first.
    [result] = Search("kim taegyun")[0:9]
    assert result.matched == "Kim Tae-gyun"
