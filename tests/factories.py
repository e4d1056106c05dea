"""
The builders every test module shares. Each make_* saves one valid row,
creating the rows it needs unless they are given, and accepts any field as
a keyword; rows are drafts unless a published_* builder or `status` says
otherwise. Also here: the seed record, pages full of rows for query counts,
and helpers for admin forms and page text.
"""

import contextlib
import datetime
import html as html_lib
import io
import itertools
import re

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article, Document, DocumentKind, Publication, Review
from core.batching import bulk_writes
from core.models import Status
from films.models import (
    Claim,
    Company,
    CompanyCredit,
    CompanyRole,
    Credit,
    Fact,
    Film,
    FilmImage,
    FilmLink,
    FilmTitle,
    ImageKind,
    LinkKind,
    NameKind,
    Person,
    PersonImage,
    PersonName,
    Rank,
    Role,
    TitleKind,
    Track,
    TrackCredit,
    TrackRole,
)
from search import index as search_index

# An image named in code, with no file behind it: no smaller copies are
# made, so a page shows it without a srcset. For pages, not uploads.
IMAGE_PATH = "images/films/poster.jpg"

_serial = itertools.count(1)


def make_staff(username, role):
    """A staff user in the role's group (curation.roles), able to sign in to the admin."""
    user = User.objects.create_user(username, password="pass", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def staff_client(username, role):
    """A test client signed in as a new staff user in `role`."""
    client = Client()
    client.force_login(make_staff(username, role))
    return client


def make_film(**fields):
    n = next(_serial)
    return Film.objects.create(
        **{"title": f"Film {n}", "slug": f"film-{n}", "year": 2008, **fields}
    )


def make_film_title(**fields):
    if "film" not in fields:
        fields["film"] = make_film()
    n = next(_serial)
    return FilmTitle.objects.create(**{"title": f"Title {n}", "kind": TitleKind.ENGLISH, **fields})


def make_film_link(**fields):
    if "film" not in fields:
        fields["film"] = make_film()
    n = next(_serial)
    return FilmLink.objects.create(
        **{"url": f"https://example.org/{n}", "kind": LinkKind.OFFICIAL, **fields}
    )


def make_person(**fields):
    n = next(_serial)
    return Person.objects.create(**{"name": f"Person {n}", "slug": f"person-{n}", **fields})


def make_person_name(**fields):
    if "person" not in fields:
        fields["person"] = make_person()
    n = next(_serial)
    return PersonName.objects.create(**{"name": f"Name {n}", "kind": NameKind.PUBLISHED, **fields})


def make_credit(**fields):
    for name, make in [("film", make_film), ("person", make_person)]:
        if name not in fields:
            fields[name] = make()
    return Credit.objects.create(**{"role": Role.DIRECTOR, **fields})


def make_company(**fields):
    n = next(_serial)
    return Company.objects.create(**{"name": f"Company {n}", "slug": f"company-{n}", **fields})


def make_company_credit(**fields):
    for name, make in [("film", make_film), ("company", make_company)]:
        if name not in fields:
            fields[name] = make()
    return CompanyCredit.objects.create(**{"role": CompanyRole.PRODUCTION, **fields})


def make_track(**fields):
    if "film" not in fields:
        fields["film"] = make_film()
    n = next(_serial)
    return Track.objects.create(**{"position": n, "title": f"Track {n}", **fields})


def make_track_credit(**fields):
    for name, make in [("track", make_track), ("person", make_person)]:
        if name not in fields:
            fields[name] = make()
    return TrackCredit.objects.create(**{"role": TrackRole.ARTIST, **fields})


def make_claim(**fields):
    if "film" not in fields:
        fields["film"] = make_film()
    if not {"article", "review", "document"} & fields.keys():
        fields["document"] = make_document()
    n = next(_serial)
    return Claim.objects.create(**{"fact": Fact.BUDGET, "value": f"{n} billion won", **fields})


def make_publication(**fields):
    n = next(_serial)
    return Publication.objects.create(
        **{"name": f"Publication {n}", "slug": f"publication-{n}", **fields}
    )


def make_document(**fields):
    n = next(_serial)
    return Document.objects.create(
        **{
            "title": f"Thread {n}",
            "slug": f"thread-{n}",
            "kind": DocumentKind.FORUM_THREAD,
            **fields,
        }
    )


def make_article(**fields):
    if "publication" not in fields:
        fields["publication"] = make_publication()
    n = next(_serial)
    return Article.objects.create(
        **{
            "title": f"Article {n}",
            "slug": f"article-{n}",
            "date": datetime.date(2008, 6, 5),
            "text": "The full text.",
            **fields,
        }
    )


def make_review(**fields):
    if "film" not in fields:
        fields["film"] = make_film()
    n = next(_serial)
    return Review.objects.create(
        **{"title": f"Review {n}", "slug": f"review-{n}", "text": "The full text.", **fields}
    )


def image_upload(name="picture.png", size=(800, 600), image_format="PNG"):
    """A small valid image file, as a browser uploads it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def make_film_image(**fields):
    """A film image, uploaded (smaller copies made) unless `image` names a path."""
    if "film" not in fields:
        fields["film"] = make_film()
    n = next(_serial)
    return FilmImage.objects.create(
        **{
            "image": image_upload(),
            "kind": ImageKind.POSTER,
            "alt_text": f"Poster {n}",
            "source": "Press kit",
            **fields,
        }
    )


def make_person_image(**fields):
    if "person" not in fields:
        fields["person"] = make_person()
    n = next(_serial)
    return PersonImage.objects.create(
        **{"image": image_upload(), "alt_text": f"Portrait {n}", "source": "Press kit", **fields}
    )


# One builder per model the admin registers.
MAKERS = {
    Film: make_film,
    FilmTitle: make_film_title,
    FilmLink: make_film_link,
    Person: make_person,
    PersonName: make_person_name,
    Credit: make_credit,
    Company: make_company,
    CompanyCredit: make_company_credit,
    Track: make_track,
    TrackCredit: make_track_credit,
    Claim: make_claim,
    Publication: make_publication,
    Document: make_document,
    Article: make_article,
    Review: make_review,
    FilmImage: make_film_image,
    PersonImage: make_person_image,
}


def constraint_message(model, name):
    """The violation message of the model's constraint called `name`."""
    constraint = next(c for c in model._meta.constraints if c.name == name)
    return str(constraint.violation_error_message)


def admin_url(model, view, *args):
    """admin_url(Film, "changelist"), admin_url(Film, "change", film.pk)."""
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def inline_data(prefix, rows=(), initial=0):
    """What a browser posts for one inline: its management form and its rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


FILM_INLINES = ["titles", "links", "credits", "company_credits", "tracks", "claims", "images"]


def film_form_data(film=None, **rows):
    """
    The film admin's form for a new film, or for `film` with no inline rows
    yet; `rows` gives the new rows of each inline by prefix (credits=[...]).
    """
    data = {"title": "Crossing", "slug": "crossing", "status": "draft"}
    if film is not None:
        data.update(title=film.title, slug=film.slug, status=film.status)
    for prefix in FILM_INLINES:
        data.update(inline_data(prefix, rows.get(prefix, ())))
    return data


SEED_FIXTURE = settings.BASE_DIR / "fixtures" / "crossing.json"
PUBLISHED = {"status": Status.PUBLISHED}
# A publication date far ahead: an entry published then is scheduled.
LATER = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)
# The three states an entry's visibility turns on.
STATES = {
    "shown": PUBLISHED,
    "draft": {"status": Status.DRAFT},
    "scheduled": {"status": Status.PUBLISHED, "published_at": LATER},
}
INLINE_TAG = re.compile(r"</?(?:a|abbr|b|em|i|q|span|strong|time)\b[^>]*>")


# The rows the first load of the seed record in this process wrote, per model:
# [(model, [instances])], the search entries included.
_seed_rows = []


def load_seed():
    """
    Loads the seed record into an empty archive. The first load in a process
    runs loaddata (natural keys, signals, the search entries made in bulk at
    the end) and keeps the rows it wrote; later loads write those same rows,
    primary keys and all, straight to the tables, a few queries per table.
    Into an archive that is not empty, loaddata runs every time.
    """
    if _seed_rows and not any(model._base_manager.exists() for model, _ in _seed_rows):
        _insert_rows(_seed_rows)
        return
    models = apps.get_models(include_auto_created=True)
    before = {model: list(model._base_manager.values_list("pk", flat=True)) for model in models}
    with search_index.deferred():
        call_command("loaddata", str(SEED_FIXTURE), verbosity=0)
    if _seed_rows:
        return
    written = [
        (model, list(model._base_manager.exclude(pk__in=before[model]).order_by("pk")))
        for model in models
    ]
    written = [(model, rows) for model, rows in written if rows]
    # Kept only when every table it wrote to was empty: then writing the rows again
    # into empty tables makes the same archive.
    if not any(before[model] for model, _ in written):
        _seed_rows.extend(written)


def _insert_rows(rows):
    """Writes model instances as they are (raw, as loaddata does: no signals, no auto_now)."""
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic():
        for model, objects in rows:
            fields = model._meta.local_concrete_fields
            for start in range(0, len(objects), 100):
                model._base_manager._insert(objects[start : start + 100], fields=fields, raw=True)
        # PostgreSQL's sequences, past the primary keys written (as loaddata does).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in rows]):
                cursor.execute(sql)


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """
    A transaction for rows that a class of tests only reads: written once,
    as the class starts, and rolled back when the block ends, with the class.
    Each test's own writes roll back with the test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@contextlib.contextmanager
def seeded(django_db_blocker):
    """
    The seed record, loaded once and rolled back when the block ends: the
    `seed` fixture of tests/conftest.py, for a class of tests that read it.
    """
    with rolled_back(django_db_blocker):
        load_seed()
        yield


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


def film_with_rows(count):
    """
    A published film with `count` of every kind of row its page shows:
    images, titles, claims, cast, crew, company credits, tracks with credits,
    links, articles about it and reviews of it. Each sourced row cites an article.
    The search entries are made at the end, in bulk, as an import makes them.
    """
    with bulk_writes():
        return _film_with_rows(count)


def _film_with_rows(count):
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
        make_film_image(film=film, kind=ImageKind.STILL, position=n, image=IMAGE_PATH)
    return film


def person_with_rows(count):
    """
    A published person with `count` photos, name forms (each found in an
    article), credits, track credits, articles written and articles
    mentioning them. The search entries are made at the end, in bulk.
    """
    with bulk_writes():
        return _person_with_rows(count)


def _person_with_rows(count):
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
        make_person_image(person=person, position=n, image=IMAGE_PATH)
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
