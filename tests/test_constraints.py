"""
Every constraint and every clean() rule refuses bad data with a message a
curator can read, and the database refuses it too. tests/test_admin_validation.py
checks that the admin shows these messages.
"""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Review
from films.models import Claim, Credit, Fact, FilmImage, PersonImage, Role, Track, TrackCredit
from tests.factories import (
    constraint_message,
    make_article,
    make_claim,
    make_company_credit,
    make_credit,
    make_document,
    make_film,
    make_film_link,
    make_film_title,
    make_person,
    make_person_name,
    make_review,
    make_track,
    make_track_credit,
)

pytestmark = pytest.mark.django_db

JUNE_5 = datetime.date(2008, 6, 5)
JUNE_26 = datetime.date(2008, 6, 26)


def copy_of(row, **changes):
    """An unsaved row with the values of `row`, except `changes`."""
    fields = row._meta.concrete_fields
    copy = type(row)(**{f.attname: getattr(row, f.attname) for f in fields if not f.primary_key})
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def own_parent():
    document = make_document()
    document.parent = document
    return document


# Each constraint by name: an unsaved row that breaks it.
BREAKERS = {
    "filmimage_has_alt_text": lambda: FilmImage(
        film=make_film(), kind="poster", image="images/films/x.png", source="Press kit"
    ),
    "filmimage_has_source": lambda: FilmImage(
        film=make_film(), kind="poster", image="images/films/x.png", alt_text="A poster"
    ),
    "personimage_has_alt_text": lambda: PersonImage(
        person=make_person(), image="images/people/x.png", source="Press kit"
    ),
    "personimage_has_source": lambda: PersonImage(
        person=make_person(), image="images/people/x.png", alt_text="A portrait"
    ),
    "filmtitle_unique_per_film_and_kind": lambda: copy_of(make_film_title()),
    "filmlink_unique_url_per_film": lambda: copy_of(make_film_link(), kind="other"),
    "personname_unique_per_person_and_kind": lambda: copy_of(make_person_name()),
    "credit_unique_person_role_per_film": lambda: copy_of(make_credit()),
    "credit_unique_billing_order_per_film": lambda: copy_of(
        make_credit(role=Role.ACTOR, billing_order=1), person=make_person()
    ),
    "credit_character_and_billing_for_cast_only": lambda: Credit(
        film=make_film(), person=make_person(), role=Role.DIRECTOR, character="Kim Yong-soo"
    ),
    "companycredit_unique_role_per_film": lambda: copy_of(make_company_credit()),
    "track_unique_position_per_film": lambda: copy_of(make_track(), title="Another"),
    "track_length_positive": lambda: Track(
        film=make_film(), position=1, title="Crossing", length=datetime.timedelta(0)
    ),
    "trackcredit_unique_person_role_per_track": lambda: copy_of(make_track_credit()),
    "claim_cites_exactly_one_source": lambda: Claim(
        film=make_film(), fact=Fact.BUDGET, value="5 billion won"
    ),
    "claim_date_range_in_order": lambda: Claim(
        film=make_film(),
        fact=Fact.SHOOTING_PERIOD,
        value="June 2008",
        document=make_document(),
        date_start=JUNE_26,
        date_end=JUNE_5,
        date_precision="day",
    ),
    "claim_date_has_precision": lambda: Claim(
        film=make_film(),
        fact=Fact.RELEASE_DATE,
        value="June 26",
        document=make_document(),
        date_start=JUNE_26,
    ),
    "claim_unique_per_article": lambda: copy_of(make_claim(article=make_article())),
    "claim_unique_per_review": lambda: copy_of(make_claim(review=make_review())),
    "claim_unique_per_document": lambda: copy_of(make_claim(document=make_document())),
    "document_unique_position_in_parent": lambda: copy_of(
        make_document(parent=make_document(), position=1), slug="another-post"
    ),
    "document_not_its_own_parent": own_parent,
    "review_rating_not_negative": lambda: Review(
        film=make_film(), slug="r", text="Text", rating=Decimal("-1")
    ),
    "review_scale_positive": lambda: Review(
        film=make_film(), slug="r", text="Text", rating=0, rating_scale=0
    ),
    "review_rating_within_scale": lambda: Review(
        film=make_film(), slug="r", text="Text", rating=5, rating_scale=4
    ),
    "review_score_only_with_scale": lambda: Review(
        film=make_film(), slug="r", text="Text", score=50
    ),
}

# A field validator catches these values first, and its message is the one
# full_clean() gives; the constraint still guards the database.
VALIDATOR_MESSAGES = {
    "review_rating_not_negative": "Ensure this value is greater than or equal to 0.",
    "review_scale_positive": "Ensure this value is greater than or equal to 1.",
    "filmimage_has_alt_text": "This field cannot be blank.",
    "filmimage_has_source": "This field cannot be blank.",
    "personimage_has_alt_text": "This field cannot be blank.",
    "personimage_has_source": "This field cannot be blank.",
}


def all_constraints():
    for app_label in ["films", "articles"]:
        for model in apps.get_app_config(app_label).get_models():
            for constraint in model._meta.constraints:
                yield model, constraint


def test_every_constraint_has_a_test_and_its_own_message():
    names = {constraint.name for _, constraint in all_constraints()}
    assert names == set(BREAKERS)
    for _, constraint in all_constraints():
        assert constraint.violation_error_message != constraint.default_violation_error_message


@pytest.mark.parametrize("name", BREAKERS)
def test_full_clean_refuses_with_readable_message(name):
    row = BREAKERS[name]()
    expected = VALIDATOR_MESSAGES.get(name) or constraint_message(type(row), name)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert expected in error.value.messages


@pytest.mark.parametrize("name", VALIDATOR_MESSAGES)
def test_constraint_message_stands_behind_the_validator(name):
    row = BREAKERS[name]()
    with pytest.raises(ValidationError) as error:
        row.validate_constraints()
    assert error.value.messages == [constraint_message(type(row), name)]


@pytest.mark.parametrize("name", sorted(set(BREAKERS) - {"review_score_only_with_scale"}))
def test_database_refuses_what_full_clean_refuses(name):
    row = BREAKERS[name]()
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_database_refuses_a_score_without_scale():
    # save() recomputes the score, so only an update can store a wrong one.
    review = make_review(rating=Decimal("2.5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(score=63)


def test_claim_citing_two_sources_is_refused():
    claim = Claim(
        film=make_film(),
        fact=Fact.BUDGET,
        value="5 billion won",
        article=make_article(),
        document=make_document(),
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert error.value.messages == [constraint_message(Claim, "claim_cites_exactly_one_source")]


def test_credit_under_another_persons_name_is_refused():
    credit = Credit(
        film=make_film(), person=make_person(), role=Role.ACTOR, credited_as=make_person_name()
    )
    with pytest.raises(ValidationError) as error:
        credit.full_clean()
    assert error.value.message_dict == {
        "credited_as": ["Choose one of this person's own name forms."]
    }


def test_track_credit_under_another_persons_name_is_refused():
    credit = TrackCredit(
        track=make_track(), person=make_person(), role="artist", credited_as=make_person_name()
    )
    with pytest.raises(ValidationError) as error:
        credit.full_clean()
    assert error.value.message_dict == {
        "credited_as": ["Choose one of this person's own name forms."]
    }


def test_review_scale_without_rating_is_refused():
    review = Review(film=make_film(), slug="r", text="Text", rating_scale=4)
    with pytest.raises(ValidationError) as error:
        review.full_clean()
    assert error.value.message_dict == {"rating": ["Give the rating this scale applies to."]}


def test_review_rating_without_scale_is_accepted_and_gets_no_score():
    review = Review(film=make_film(), slug="r", text="Text", rating=Decimal("2.5"))
    review.full_clean()
    review.save()
    assert review.score is None
