"""
The admin shows each constraint's message instead of saving bad data: in one
model's own form, and across the rows of an inline formset, where Django's own
checks stop short (see curation.forms.UniqueRowsInlineFormSet).
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image

from articles.models import Article, Document, Review
from curation.forms import UniqueRowsInlineFormSet
from films.models import (
    Claim,
    CompanyCredit,
    Credit,
    Film,
    FilmLink,
    FilmTitle,
    Person,
    PersonName,
    Role,
    Track,
    TrackCredit,
)
from tests.admin_forms import posted_back
from tests.factories import (
    admin_url,
    constraint_message,
    film_form_data,
    inline_data,
    make_article,
    make_claim,
    make_company,
    make_credit,
    make_document,
    make_film,
    make_person,
    make_person_name,
    make_review,
    make_track,
)

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------
# Rows of one inline formset
# ---------------------------------------------------------------------------


def assert_refused(response, text):
    assert response.status_code == 200
    assert escape(text) in response.content.decode()


def actor(person, billing_order, **fields):
    return {"person": person.pk, "role": "actor", "billing_order": str(billing_order), **fields}


def test_two_new_credits_with_one_billing_order_are_refused(admin_client):
    data = film_form_data(credits=[actor(make_person(), 1), actor(make_person(), 1)])
    response = admin_client.post(admin_url(Film, "add"), data)
    assert_refused(response, constraint_message(Credit, "credit_unique_billing_order_per_film"))
    assert not Film.objects.exists()


def test_two_tracks_at_one_position_are_refused(admin_client):
    film = make_film()
    data = film_form_data(
        film,
        tracks=[{"position": "1", "title": "Crossing"}, {"position": "1", "title": "Tears"}],
    )
    response = admin_client.post(admin_url(Film, "change", film.pk), data)
    assert_refused(response, constraint_message(Track, "track_unique_position_per_film"))
    assert not Track.objects.exists()


def test_new_track_at_an_existing_position_is_refused(admin_client):
    track = make_track(position=1)
    data = film_form_data(track.film)
    data.update(
        inline_data(
            "tracks",
            [
                {"id": track.pk, "film": track.film.pk, "position": "1", "title": track.title},
                {"position": "1", "title": "Tears"},
            ],
            initial=1,
        )
    )
    response = admin_client.post(admin_url(Film, "change", track.film.pk), data)
    assert_refused(response, constraint_message(Track, "track_unique_position_per_film"))
    assert Track.objects.count() == 1


# The other unique constraints of the film's inlines: two identical new rows.
FILM_INLINE_DUPLICATES = {
    "filmtitle_unique_per_film_and_kind": (
        FilmTitle,
        "titles",
        lambda: {"title": "Crossing", "kind": "english"},
    ),
    "filmlink_unique_url_per_film": (
        FilmLink,
        "links",
        lambda: {"url": "https://example.org/", "kind": "official"},
    ),
    "credit_unique_person_role_per_film": (
        Credit,
        "credits",
        lambda: {"person": make_person().pk, "role": "director"},
    ),
    "companycredit_unique_role_per_film": (
        CompanyCredit,
        "company_credits",
        lambda: {"company": make_company().pk, "role": "production"},
    ),
    "claim_unique_per_article": (
        Claim,
        "claims",
        lambda: {"fact": "budget", "rank": "normal", "value": "5", "article": make_article().pk},
    ),
    "claim_unique_per_review": (
        Claim,
        "claims",
        lambda: {"fact": "budget", "rank": "normal", "value": "5", "review": make_review().pk},
    ),
    "claim_unique_per_document": (
        Claim,
        "claims",
        lambda: {"fact": "budget", "rank": "normal", "value": "5", "document": make_document().pk},
    ),
}


@pytest.mark.parametrize("name", FILM_INLINE_DUPLICATES)
def test_same_row_twice_in_one_film_is_refused(admin_client, name):
    model, prefix, row = FILM_INLINE_DUPLICATES[name]
    film = make_film()
    first = row()
    response = admin_client.post(
        admin_url(Film, "change", film.pk), film_form_data(film, **{prefix: [first, first]})
    )
    assert_refused(response, constraint_message(model, name))
    assert not model.objects.filter(film=film).exists()


def test_same_name_form_twice_in_one_person_is_refused(admin_client):
    name = {"name": "Kim Tae Gyoon", "kind": "published"}
    data = {
        "name": "Kim Tae-kyun",
        "slug": "kim-tae-kyun",
        "status": "draft",
        **inline_data("names", [name, name]),
    }
    response = admin_client.post(admin_url(Person, "add"), data)
    assert_refused(
        response, constraint_message(PersonName, "personname_unique_per_person_and_kind")
    )
    assert not Person.objects.exists()


def test_same_track_credit_twice_in_one_track_is_refused(admin_client):
    credit = {"person": make_person().pk, "role": "composer"}
    data = {
        "film": make_film().pk,
        "position": "1",
        "title": "Crossing",
        **inline_data("credits", [credit, credit]),
    }
    response = admin_client.post(admin_url(Track, "add"), data)
    assert_refused(
        response, constraint_message(TrackCredit, "trackcredit_unique_person_role_per_track")
    )
    assert not Track.objects.exists()


def existing_credit_row(credit, billing_order="", **fields):
    return {
        "id": credit.pk,
        "film": credit.film.pk,
        "person": credit.person.pk,
        "role": "actor",
        "billing_order": str(billing_order),
        **fields,
    }


def test_billing_order_freed_earlier_in_the_save_can_be_taken(admin_client):
    film = make_film()
    credit = make_credit(film=film, role=Role.ACTOR, billing_order=1)
    data = film_form_data(film)
    rows = [existing_credit_row(credit), actor(make_person(), 1)]
    data.update(inline_data("credits", rows, initial=1))
    response = admin_client.post(admin_url(Film, "change", film.pk), data)
    assert response.status_code == 302
    assert film.credits.get(billing_order=1) != credit


def test_billing_order_of_a_deleted_credit_can_be_taken(admin_client):
    film = make_film()
    credit = make_credit(film=film, role=Role.ACTOR, billing_order=1)
    data = film_form_data(film)
    rows = [existing_credit_row(credit, 1, DELETE="on"), actor(make_person(), 1)]
    data.update(inline_data("credits", rows, initial=1))
    response = admin_client.post(admin_url(Film, "change", film.pk), data)
    assert response.status_code == 302
    assert film.credits.get().person != credit.person


def test_swapping_billing_orders_in_one_save_is_refused(admin_client):
    film = make_film()
    first = make_credit(film=film, role=Role.ACTOR, billing_order=1)
    second = make_credit(film=film, role=Role.ACTOR, billing_order=2)
    data = film_form_data(film)
    rows = [existing_credit_row(first, 2), existing_credit_row(second, 1)]
    data.update(inline_data("credits", rows, initial=2))
    response = admin_client.post(admin_url(Film, "change", film.pk), data)
    assert_refused(response, str(UniqueRowsInlineFormSet.given_up_later_message))
    assert list(film.credits.values_list("person", "billing_order")) == [
        (first.person.pk, 1),
        (second.person.pk, 2),
    ]


def test_claim_citing_two_sources_in_the_film_inline_is_refused(admin_client):
    film = make_film()
    claim = {
        "fact": "budget",
        "rank": "normal",
        "value": "5 billion won",
        "article": make_article().pk,
        "document": make_document().pk,
    }
    response = admin_client.post(
        admin_url(Film, "change", film.pk), film_form_data(film, claims=[claim])
    )
    assert_refused(response, constraint_message(Claim, "claim_cites_exactly_one_source"))
    assert not Claim.objects.exists()


def test_character_for_a_director_in_the_film_inline_is_refused(admin_client):
    credit = {"person": make_person().pk, "role": "director", "character": "Kim Yong-soo"}
    response = admin_client.post(admin_url(Film, "add"), film_form_data(credits=[credit]))
    assert_refused(
        response, constraint_message(Credit, "credit_character_and_billing_for_cast_only")
    )
    assert not Film.objects.exists()


def test_track_credit_under_another_persons_name_in_the_track_inline_is_refused(admin_client):
    credit = {"person": make_person().pk, "role": "artist", "credited_as": make_person_name().pk}
    data = {
        "film": make_film().pk,
        "position": "1",
        "title": "Crossing",
        **inline_data("credits", [credit]),
    }
    response = admin_client.post(admin_url(Track, "add"), data)
    assert_refused(response, "Choose one of this person's own name forms.")
    assert not Track.objects.exists()


# ---------------------------------------------------------------------------
# One model's own form
# ---------------------------------------------------------------------------


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "PNG")
    return SimpleUploadedFile("poster.png", buffer.getvalue(), content_type="image/png")


def poster_row(**fields):
    return {"image": png(), "kind": "poster", "position": "1", "source": "Press kit", **fields}


def test_poster_without_description_is_refused(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = admin_client.post(
        admin_url(Film, "add"), film_form_data(images=[poster_row(alt_text="")])
    )
    assert_refused(response, "This field is required.")
    assert not Film.objects.exists()
    assert not any(tmp_path.iterdir())


def test_poster_with_description_is_saved(admin_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = film_form_data(images=[poster_row(alt_text="Two boys at a fence")])
    response = admin_client.post(admin_url(Film, "add"), data)
    assert response.status_code == 302
    poster = Film.objects.get().poster_image
    assert poster.image.name.startswith("images/films/")
    assert poster.alt_text == "Two boys at a fence"


def credit_form(**fields):
    return {"film": make_film().pk, "person": make_person().pk, **fields}


def claim_form(**fields):
    return {
        "film": make_film().pk,
        "fact": "release_date",
        "rank": "normal",
        "value": "June 26",
        **fields,
    }


def review_form(**fields):
    return {
        "film": make_film().pk,
        "slug": "r",
        "language": "en",
        "text": "T",
        "status": "draft",
        **fields,
    }


def repeated_claim_form():
    claim = make_claim(article=make_article())
    return claim_form(
        film=claim.film.pk, fact=claim.fact, value=claim.value, article=claim.article.pk
    )


# Each case: the admin form's data and the message the page must show.
FORM_CASES = {
    "credit character for a director": (
        Credit,
        lambda: credit_form(role="director", character="Kim Yong-soo"),
        constraint_message(Credit, "credit_character_and_billing_for_cast_only"),
    ),
    "credit billing order for a director": (
        Credit,
        lambda: credit_form(role="director", billing_order="1"),
        constraint_message(Credit, "credit_character_and_billing_for_cast_only"),
    ),
    "credit billing order taken": (
        Credit,
        lambda: credit_form(
            film=make_credit(role=Role.ACTOR, billing_order=1).film.pk,
            role="actor",
            billing_order="1",
        ),
        constraint_message(Credit, "credit_unique_billing_order_per_film"),
    ),
    "credit under another person's name": (
        Credit,
        lambda: credit_form(role="actor", credited_as=make_person_name().pk),
        "Choose one of this person's own name forms.",
    ),
    "track credit under another person's name": (
        TrackCredit,
        lambda: {
            "track": make_track().pk,
            "person": make_person().pk,
            "role": "artist",
            "credited_as": make_person_name().pk,
        },
        "Choose one of this person's own name forms.",
    ),
    "track of zero length": (
        Track,
        lambda: {"film": make_film().pk, "position": "1", "title": "Crossing", "length": "0:00"},
        constraint_message(Track, "track_length_positive"),
    ),
    "claim without a source": (
        Claim,
        claim_form,
        constraint_message(Claim, "claim_cites_exactly_one_source"),
    ),
    "claim ending before it starts": (
        Claim,
        lambda: claim_form(
            document=make_document().pk,
            date_start="2008-06-26",
            date_end="2008-06-05",
            date_precision="day",
        ),
        constraint_message(Claim, "claim_date_range_in_order"),
    ),
    "claim date without precision": (
        Claim,
        lambda: claim_form(document=make_document().pk, date_start="2008-06-26"),
        constraint_message(Claim, "claim_date_has_precision"),
    ),
    "claim made twice by one article": (
        Claim,
        repeated_claim_form,
        constraint_message(Claim, "claim_unique_per_article"),
    ),
    "document part at a taken position": (
        Document,
        lambda: {
            "title": "Post",
            "slug": "post",
            "kind": "forum_post",
            "parent": make_document(parent=make_document(), position=1).parent.pk,
            "position": "1",
        },
        constraint_message(Document, "document_unique_position_in_parent"),
    ),
    "review rated above its scale": (
        Review,
        lambda: review_form(rating="5", rating_scale="4"),
        constraint_message(Review, "review_rating_within_scale"),
    ),
    "review scale without rating": (
        Review,
        lambda: review_form(rating_scale="4"),
        "Give the rating this scale applies to.",
    ),
    "review rated below zero": (
        Review,
        lambda: review_form(rating="-1"),
        "Ensure this value is greater than or equal to 0.",
    ),
    "review scale of zero": (
        Review,
        lambda: review_form(rating="0", rating_scale="0"),
        "Ensure this value is greater than or equal to 1.",
    ),
}


@pytest.mark.parametrize("case", FORM_CASES)
def test_admin_add_form_refuses_with_readable_constraint_message(admin_client, case):
    model, data, text = FORM_CASES[case]
    data = data()
    before = model.objects.count()
    response = admin_client.post(admin_url(model, "add"), data)
    assert_refused(response, text)
    assert model.objects.count() == before


def test_document_cannot_be_its_own_parent_in_the_admin(admin_client):
    document = make_document()
    data = {"title": document.title, "slug": document.slug, "kind": document.kind}
    response = admin_client.post(
        admin_url(Document, "change", document.pk), {**data, "parent": document.pk}
    )
    assert_refused(response, constraint_message(Document, "document_not_its_own_parent"))
    document.refresh_from_db()
    assert document.parent is None


def test_document_cannot_be_part_of_its_own_part_in_the_admin(admin_client):
    thread = make_document()
    post = make_document(parent=thread, position=1)
    data = {"title": thread.title, "slug": thread.slug, "kind": thread.kind, "parent": post.pk}
    response = admin_client.post(admin_url(Document, "change", thread.pk), data)
    assert_refused(response, constraint_message(Document, "document_not_its_own_parent"))
    thread.refresh_from_db()
    assert thread.parent is None


BAD_IDS = ["abc", "1.5", "<b>x</b>", "99999"]


@pytest.mark.parametrize("value", BAD_IDS)
def test_a_bad_id_in_a_rows_autocomplete_is_a_form_error(admin_client, value):
    """An id that is no entry's, or no id at all, in an inline's autocomplete (a credit's
    person, its sources): the form says the choice is not valid, and is drawn again with
    the value left out; nothing is saved."""
    film = make_film()
    credit = make_credit(film=film, person=make_person(name="Kept Person"))
    url = admin_url(Film, "change", film.pk)
    data = posted_back(
        admin_client.get(url),
        **{"credits-0-person": value, "credits-0-found_in_articles": [value]},
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    [credits] = [
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "credits"
    ]
    assert {"person", "found_in_articles"} <= credits.errors[0].keys()
    assert "<b>x</b>" not in response.content.decode()
    credit.refresh_from_db()
    assert credit.person.name == "Kept Person"


@pytest.mark.parametrize("value", BAD_IDS)
def test_a_bad_id_in_an_entrys_autocomplete_is_a_form_error(admin_client, value):
    article = make_article()
    url = admin_url(Article, "change", article.pk)
    response = admin_client.post(url, posted_back(admin_client.get(url), people=[value]))
    assert response.status_code == 200
    assert "people" in response.context["adminform"].form.errors
    assert "<b>x</b>" not in response.content.decode()
    assert not article.people.exists()
