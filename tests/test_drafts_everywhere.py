"""
Visitors never see an unpublished entry, on any public page: every named URL
pattern outside the admin is found in the root URLconf and requested, so a
page added later (search, feeds, sitemaps, the API) is checked without
changing this test. A detail page of a draft or scheduled entry is a 404;
every other page leaves out each unpublished entry's title and slug.

A pattern that takes parameters is filled from DETAIL_PAGES; one missing
there fails with a message saying so.
"""

import datetime
import fnmatch

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.models import Status
from films.models import Role
from tests.conftest import (
    make_article,
    make_claim,
    make_credit,
    make_film,
    make_person,
    make_person_name,
    make_publication,
    make_review,
    make_track,
    make_track_credit,
)

pytestmark = pytest.mark.django_db

# Which kind of entry each parametrised public page shows, by URL name
# (shell-style wildcards allowed).
DETAIL_PAGES = {
    "film_detail": "film",
    "film_press_feed*": "film",
    "person_detail": "person",
    "article_detail": "article",
    "article_citation_*": "article",
    "review_detail": "review",
    "api:film-detail": "film",
    "api:person-detail": "person",
    "api:article-detail": "article",
    "api:review-detail": "review",
}
# How a URL parameter is filled from the entry a page shows.
PARAMETERS = {
    "slug": lambda entry: entry.slug,
    "pk": lambda entry: entry.pk,
    "id": lambda entry: entry.pk,
    "format": lambda entry: "json",
}
KINDS = ["film", "person", "article", "review"]
# Every entry's title has this word, so that a search for it finds them all.
SHARED_WORD = "Zqmarker"
LATER = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


def public_patterns(resolver=None, namespace="", parameters=()):
    """(name, parameter names) for each URL pattern outside the admin, names namespaced."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        entry_parameters = (*parameters, *pattern_parameters(entry.pattern))
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from public_patterns(entry, inner, entry_parameters)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield name, str(entry.pattern), entry_parameters


def pattern_parameters(pattern):
    converters = getattr(pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.regex.groupindex)


PATTERNS = sorted(public_patterns(), key=lambda item: (item[0] or "", item[1]))


def token(kind, state):
    """The word that marks one entry: it must not appear where the entry must not."""
    return f"{state}{kind}token"


STATES = {
    "shown": {"status": Status.PUBLISHED},
    "draft": {"status": Status.DRAFT},
    "scheduled": {"status": Status.PUBLISHED, "published_at": LATER},
}


def make_entries(state, publication, film=None):
    """One entry of each kind in `state`, its review about `film` (its own film if None)."""
    fields = STATES[state]

    def marked(kind):
        return {"slug": token(kind, state), **fields}

    made = {
        "film": make_film(title=f"{SHARED_WORD} {token('film', state)}", **marked("film")),
        "person": make_person(name=f"{SHARED_WORD} {token('person', state)}", **marked("person")),
        "article": make_article(
            title=f"{SHARED_WORD} {token('article', state)}",
            text=f"{SHARED_WORD} article text.",
            publication=publication,
            **marked("article"),
        ),
    }
    made["review"] = make_review(
        film=film or made["film"],
        title=f"{SHARED_WORD} {token('review', state)}",
        publication=publication,
        **marked("review"),
    )
    return made


@pytest.fixture
def entries():
    """
    For each kind, a published entry, a draft and a scheduled one, tied to
    each other the way real entries are (credits, mentions, reviews, claims,
    name forms, sources), so that a page that leaks an unpublished entry
    shows its token.
    """
    publication = make_publication()
    shown = make_entries("shown", publication)
    made = {"shown": shown}
    for state in ("draft", "scheduled"):
        group = made[state] = make_entries(state, publication, film=shown["film"])
        make_credit(film=shown["film"], person=group["person"], role=Role.DIRECTOR)
        make_credit(film=group["film"], person=shown["person"], role=Role.PRODUCER)
        make_track_credit(track=make_track(film=shown["film"]), person=group["person"])
        make_track_credit(track=make_track(film=group["film"]), person=shown["person"])
        group["article"].films.add(shown["film"])
        group["article"].people.add(shown["person"])
        group["article"].authors.add(shown["person"])
        shown["article"].films.add(group["film"])
        shown["article"].people.add(group["person"])
        make_claim(
            film=shown["film"],
            value=f"Claimed by {token('article', state)}",
            article=group["article"],
        )
        make_person_name(person=shown["person"]).found_in_articles.add(group["article"])
        # A published review of an unpublished film is unpublished too.
        make_review(
            film=group["film"],
            status=Status.PUBLISHED,
            title=f"{SHARED_WORD} {token('filmreview', state)}",
            slug=token("filmreview", state),
        )
    shown["film"].synopsis_source = made["draft"]["article"]
    shown["film"].synopsis = f"{SHARED_WORD} synopsis."
    shown["film"].save()
    return made


HIDDEN_TOKENS = [
    token(kind, state) for kind in [*KINDS, "filmreview"] for state in ("draft", "scheduled")
]


def assert_hides_unpublished(response, url):
    assert response.status_code < 500, url
    text = response.content.decode(errors="replace").lower()
    leaked = [word for word in HIDDEN_TOKENS if word in text]
    assert not leaked, f"{url} shows unpublished entries: {leaked}"


def urls_to_request(name, parameters, entries):
    """
    The addresses to ask for one pattern, each with whether it must be a
    404 (an unpublished entry's own page) or 200 (a published one's).
    """
    if not parameters:
        url = reverse(name)
        return [(url, None), (f"{url}?q={SHARED_WORD}", None)]
    kind = next(
        (kind for pattern, kind in DETAIL_PAGES.items() if fnmatch.fnmatchcase(name, pattern)),
        None,
    )
    unknown = [parameter for parameter in parameters if parameter not in PARAMETERS]
    if kind is None or unknown:
        pytest.fail(
            f"The public URL pattern {name!r} takes {', '.join(parameters)}: add it to "
            "DETAIL_PAGES (the kind of entry it shows) and any new parameter to PARAMETERS "
            "in tests/test_drafts_everywhere.py, so that its drafts are checked."
        )
    urls = []
    for state, status in [("shown", 200), ("draft", 404), ("scheduled", 404)]:
        entry = entries[state][kind]
        kwargs = {parameter: PARAMETERS[parameter](entry) for parameter in parameters}
        urls.append((reverse(name, kwargs=kwargs), status))
    if kind == "review":
        for state in ("draft", "scheduled"):
            review = entries[state]["film"].reviews.get()
            kwargs = {parameter: PARAMETERS[parameter](review) for parameter in parameters}
            urls.append((reverse(name, kwargs=kwargs), 404))
    return urls


def test_every_public_url_pattern_is_named():
    unnamed = [route for name, route, _ in PATTERNS if name is None]
    assert not unnamed, f"Name these URL patterns, so that they can be checked: {unnamed}"


def test_the_public_url_patterns_include_the_known_pages():
    names = {name for name, _, _ in PATTERNS}
    pages = ["home", "film_detail", "person_detail", "article_list", "article_detail"]
    assert {*pages, "review_list", "review_detail"} <= names


@pytest.mark.parametrize(
    ("name", "route", "parameters"),
    [pattern for pattern in PATTERNS if pattern[0]],
    ids=[name for name, _, _ in PATTERNS if name],
)
def test_public_page_never_shows_an_unpublished_entry(client, entries, name, route, parameters):
    for url, expected in urls_to_request(name, parameters, entries):
        response = client.get(url)
        if expected is not None:
            assert response.status_code == expected, url
        if response.status_code != 404:
            assert_hides_unpublished(response, url)


def test_every_published_entry_shows_somewhere(client, entries):
    # Without this, a site that showed nothing at all would pass the test above.
    pages = ""
    for name, _, parameters in PATTERNS:
        if name is None:
            continue
        for url, expected in urls_to_request(name, parameters, entries):
            if expected != 404:
                pages += client.get(url).content.decode(errors="replace").lower()
    for kind in KINDS:
        assert token(kind, "shown") in pages, kind
