"""
Small builders for test data: each make_* saves one valid row, creating the
rows it needs unless they are given, and accepts any field as a keyword.
"""

import contextlib
import datetime
import io
import itertools

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Article, Document, DocumentKind, Publication, Review
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
    Role,
    TitleKind,
    Track,
    TrackCredit,
    TrackRole,
)

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


@pytest.fixture
def curator_client(db):
    return staff_client("curator", "Curator")


@pytest.fixture
def editor_client(db):
    return staff_client("editor", "Editor")


@pytest.fixture(autouse=True, scope="session")
def media_root(tmp_path_factory):
    """Uploaded and generated files go to a temporary folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


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


# The language switch posts a form, so every HTML page sets a CSRF cookie and
# none may be stored. Until it becomes links, the page cache's tests render
# pages with a switch of plain text, the state the page cache is written for.
LANGUAGE_SWITCH = settings.BASE_DIR / "templates" / "includes" / "language_switch.html"
SWITCH_POSTS_A_FORM = "csrf_token" in LANGUAGE_SWITCH.read_text()


@pytest.fixture
def page_cache(settings):
    """The page cache on (it is off in tests), in the test database's cache table."""
    settings.PAGE_CACHE = True
    if SWITCH_POSTS_A_FORM:
        engine = {**settings.TEMPLATES[0]}
        engine["DIRS"] = [settings.BASE_DIR / "tests" / "page_cache_templates", *engine["DIRS"]]
        settings.TEMPLATES = [engine]


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """
    `with committed():` commits what the block writes as a real transaction
    would (the test's own never does), running its on-commit work: there the
    page cache starts a new generation. What the test wrote before the block
    counts as committed before any page was cached.
    """

    @contextlib.contextmanager
    def commit():
        transaction.get_connection().run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return commit
