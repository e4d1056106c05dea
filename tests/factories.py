"""
Builders for the public pages' tests, on top of the make_* helpers in
conftest.py: published rows (the helpers' default status is draft), pages
full of rows for query counts, and the seed record.
"""

import contextlib
import datetime
import html as html_lib
import re

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from core.models import Status
from films.models import Fact, FilmImage, ImageKind, PersonImage, Rank, Role, TitleKind
from tests.conftest import (
    make_article,
    make_claim,
    make_company_credit,
    make_credit,
    make_film,
    make_film_link,
    make_film_title,
    make_person,
    make_person_name,
    make_publication,
    make_review,
    make_track,
    make_track_credit,
)

SEED_FIXTURE = settings.BASE_DIR / "fixtures" / "crossing.json"
PUBLISHED = {"status": Status.PUBLISHED}
INLINE_TAG = re.compile(r"</?(?:a|abbr|b|em|i|q|span|strong|time)\b[^>]*>")


@contextlib.contextmanager
def seeded(django_db_blocker):
    """
    The seed record, loaded once and rolled back when the block ends; use it
    in a module-scoped fixture so that a module loads it once.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
        yield
        transaction.set_rollback(True)


def published_film(**fields):
    return make_film(**{**PUBLISHED, **fields})


def published_person(**fields):
    return make_person(**{**PUBLISHED, **fields})


def published_article(**fields):
    return make_article(**{**PUBLISHED, **fields})


def published_review(**fields):
    """A published review, of a published film unless one is given."""
    if "film" not in fields:
        fields["film"] = published_film()
    return make_review(**{**PUBLISHED, **fields})


def make_film_image(**fields):
    """
    A film image whose file name is assigned in code: the file need not exist,
    and no smaller copies are made (the page then gives no srcset).
    """
    if "film" not in fields:
        fields["film"] = published_film()
    defaults = {
        "kind": ImageKind.POSTER,
        "image": "images/films/poster.jpg",
        "alt_text": "The poster",
        "source": "Press kit",
    }
    return FilmImage.objects.create(**{**defaults, **fields})


def make_person_image(**fields):
    if "person" not in fields:
        fields["person"] = published_person()
    defaults = {"image": "images/people/photo.jpg", "alt_text": "A portrait", "source": "Press kit"}
    return PersonImage.objects.create(**{**defaults, **fields})


def film_with_rows(count):
    """
    A published film with `count` of every kind of row its page shows:
    images, titles, claims, cast, crew, company credits, tracks with credits,
    links, articles about it and reviews of it. Each sourced row cites an article.
    """
    film = published_film()
    publication = make_publication()
    for n in range(1, count + 1):
        article = published_article(
            publication=publication, date=datetime.date(2008, 1, 1) + datetime.timedelta(days=n)
        )
        article.films.add(film)
        make_film_title(film=film, title=f"Title {n}", kind=TitleKind.ALTERNATIVE)
        make_claim(
            film=film,
            fact=Fact.RELEASE_DATE,
            value=f"claim {n}",
            article=article,
            rank=Rank.PREFERRED if n == 1 else Rank.NORMAL,
        )
        actor = published_person()
        make_credit(
            film=film, person=actor, role=Role.ACTOR, character=f"Character {n}", billing_order=n
        )
        make_credit(film=film, person=published_person(), role=Role.PRODUCER)
        make_company_credit(film=film)
        track = make_track(film=film, position=n, title=f"노래 {n}")
        make_track_credit(track=track, person=actor, credited_as=None)
        make_film_link(film=film)
        published_review(film=film, publication=publication)
        make_film_image(film=film, kind=ImageKind.STILL, position=n)
    return film


def person_with_rows(count):
    """
    A published person with `count` photos, name forms (each found in an
    article), credits, track credits, articles written and articles
    mentioning them.
    """
    person = published_person()
    publication = make_publication()
    for n in range(1, count + 1):
        film = published_film(year=1990 + n)
        article = published_article(publication=publication)
        name = make_person_name(person=person, name=f"Name {n}")
        name.found_in_articles.add(article)
        article.people.add(person)
        article.authors.add(person)
        make_credit(film=film, person=person, role=Role.ACTOR, character=f"Role {n}")
        make_track_credit(track=make_track(film=film), person=person)
        published_review(film=film, author=person)
        make_person_image(person=person, position=n)
    return person


def text_of(html):
    """The visible text of some HTML, whitespace collapsed, for readable assertions."""
    text = INLINE_TAG.sub("", html)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", text).strip()


def section(html, section_id):
    """The HTML of the page's <section id="..."> (sections do not nest on these pages)."""
    match = re.search(rf'<section id="{section_id}".*?</section>', html, re.S)
    assert match, f"the page has no section {section_id!r}"
    return match.group()
