"""
Visitors never see a draft or scheduled entry, anywhere: the one module for
that rule.

- Case by case: an unpublished entry's page is a 404, and each page that
  lists, credits, mentions or cites entries leaves it out.
- Every public page: every named URL pattern outside the admin is found in
  the root URLconf and requested, so a page added later (search, feeds,
  sitemaps, the API) is checked without changing this module. A pattern
  that takes parameters is filled from DETAIL_PAGES; one missing there fails
  with a message saying so.
- Machine-readable outputs: feeds, the sitemap, the API, citation exports,
  and the JSON-LD of public pages, even where a published entry is tied to
  an unpublished one.
"""

import datetime
import fnmatch
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.models import Status
from films.models import Role
from public.sitemaps import SITEMAPS
from tests.factories import (
    LATER,
    STATES,
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
    published_article,
    published_film,
    published_person,
    published_review,
    rolled_back,
)

pytestmark = pytest.mark.django_db

# ---------------------------------------------------------------------------
# Case by case
# ---------------------------------------------------------------------------

EARLIER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("make", "fields"),
    [
        (make_film, {}),
        (make_film, {"status": "published", "published_at": LATER}),
        (make_person, {}),
        (make_person, {"status": "published", "published_at": LATER}),
        (make_article, {}),
        (make_article, {"status": "published", "published_at": LATER}),
        (make_review, {"film": None}),
        (make_review, {"status": "published", "published_at": LATER, "film": None}),
    ],
)
def test_draft_or_scheduled_entry_page_is_404(client, make, fields):
    if "film" in fields:
        fields["film"] = published_film()
    entry = make(**fields)
    assert client.get(entry.get_absolute_url()).status_code == 404


def test_entry_published_in_the_past_is_shown(client):
    film = published_film(published_at=EARLIER)
    assert client.get(film.get_absolute_url()).status_code == 200


def test_review_of_a_draft_film_is_hidden(client):
    review = published_review(film=make_film(), title="Of a draft film")
    assert client.get(review.get_absolute_url()).status_code == 404
    assert "Of a draft film" not in page(client, "/reviews/")


def test_draft_film_is_missing_from_lists_filmographies_and_mentions(client):
    person = published_person()
    draft = make_film(title="Secret film")
    make_credit(film=draft, person=person, role=Role.DIRECTOR)
    article = published_article()
    article.films.add(draft)
    for url in ["/", person.get_absolute_url(), article.get_absolute_url(), "/press/"]:
        assert "Secret film" not in page(client, url), url
    response = client.get(f"/press/?film={draft.slug}")
    assert response.context["problems"][0]["label"] == "Film"


def test_draft_person_is_missing_from_cast_tracks_and_mentions(client):
    film = published_film()
    draft = make_person(name="Secret person")
    make_credit(film=film, person=draft, role=Role.ACTOR, character="Someone", billing_order=1)
    make_credit(film=film, person=draft, role=Role.PRODUCER)
    make_track_credit(track=make_track(film=film), person=draft)
    article = published_article()
    article.people.add(draft)
    article.authors.add(draft)
    review = published_review(film=film, author=draft, byline="By the critic")
    for url in [film.get_absolute_url(), article.get_absolute_url(), review.get_absolute_url()]:
        assert "Secret person" not in page(client, url), url
    assert draft.get_absolute_url() not in page(client, review.get_absolute_url())


def test_draft_article_is_missing_from_press_counts_film_page_and_people(client):
    film = published_film()
    person = published_person()
    draft = make_article(title="Secret article")
    draft.films.add(film)
    draft.authors.add(person)
    draft.people.add(person)
    name = make_person_name(person=person, name="Spelling")
    name.found_in_articles.add(draft)
    press = client.get("/press/")
    assert press.context["page_obj"].paginator.count == 0
    for url in ["/press/", film.get_absolute_url(), person.get_absolute_url()]:
        assert "Secret article" not in page(client, url), url


def test_claim_citing_a_draft_source_waits_for_it(client):
    film = published_film()
    make_claim(film=film, value="From a draft article", article=make_article())
    make_claim(film=film, value="From a draft review", review=make_review(film=film))
    make_claim(film=film, value="From a published article", article=published_article())
    html = page(client, film.get_absolute_url())
    assert "From a published article" in html
    assert "From a draft article" not in html
    assert "From a draft review" not in html


def test_synopsis_source_is_named_only_once_published(client):
    film = published_film(synopsis="A story.", synopsis_source=make_article(title="Secret"))
    html = page(client, film.get_absolute_url())
    assert "A story." in html
    assert "Secret" not in html


def test_draft_review_is_missing_from_lists_and_the_film_page(client):
    film = published_film()
    make_review(film=film, title="Secret review")
    person = published_person()
    name = make_person_name(person=person)
    name.found_in_reviews.add(make_review(film=film, title="Secret source"))
    assert client.get("/reviews/").context["page_obj"].paginator.count == 0
    for url in ["/reviews/", film.get_absolute_url(), person.get_absolute_url()]:
        html = page(client, url)
        assert "Secret review" not in html, url
        assert "Secret source" not in html, url


# ---------------------------------------------------------------------------
# Every public page
# ---------------------------------------------------------------------------

# Which kind of entry each parametrised public page shows, by URL name
# (shell-style wildcards allowed).
DETAIL_PAGES = {
    "film_detail": "film",
    "film_cast": "film",
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
# Patterns whose parameter names a list rather than an entry: every value is asked for.
LIST_PAGES = {"sitemap_section": ("section", list(SITEMAPS))}
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


@pytest.fixture(scope="class")
def entries_on_pages(django_db_setup, django_db_blocker):
    """
    For each kind, a published entry, a draft and a scheduled one, tied to
    each other the way real entries are (credits, mentions, reviews, claims,
    name forms, sources), so that a page that leaks an unpublished entry
    shows its token. Made once for the class of tests that read the pages.
    """
    with rolled_back(django_db_blocker):
        yield make_entries_on_pages()


def make_entries_on_pages():
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
    if name in LIST_PAGES:
        parameter, values = LIST_PAGES[name]
        return [(reverse(name, kwargs={parameter: value}), 200) for value in values]
    kind = next(
        (kind for pattern, kind in DETAIL_PAGES.items() if fnmatch.fnmatchcase(name, pattern)),
        None,
    )
    unknown = [parameter for parameter in parameters if parameter not in PARAMETERS]
    if kind is None or unknown:
        pytest.fail(
            f"The public URL pattern {name!r} takes {', '.join(parameters)}: add it to "
            "DETAIL_PAGES (the kind of entry it shows) and any new parameter to PARAMETERS "
            "in tests/test_drafts.py, so that its drafts are checked."
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


class TestPages:
    @pytest.mark.parametrize(
        ("name", "route", "parameters"),
        [pattern for pattern in PATTERNS if pattern[0]],
        ids=[name for name, _, _ in PATTERNS if name],
    )
    def test_public_page_never_shows_an_unpublished_entry(
        self, client, entries_on_pages, name, route, parameters
    ):
        for url, expected in urls_to_request(name, parameters, entries_on_pages):
            response = client.get(url)
            if expected is not None:
                assert response.status_code == expected, url
            if response.status_code != 404:
                assert_hides_unpublished(response, url)

    def test_every_published_entry_shows_somewhere(self, client, entries_on_pages):
        # Without this, a site that showed nothing at all would pass the test above.
        pages = ""
        for name, _, parameters in PATTERNS:
            if name is None:
                continue
            for url, expected in urls_to_request(name, parameters, entries_on_pages):
                if expected != 404:
                    pages += client.get(url).content.decode(errors="replace").lower()
        for kind in KINDS:
            assert token(kind, "shown") in pages, kind


# ---------------------------------------------------------------------------
# Machine-readable outputs
# ---------------------------------------------------------------------------


def word(kind, state):
    return f"{state}{kind}word"


@pytest.fixture
def entries_in_outputs():
    publication = make_publication(slug="paper")
    made = {}
    for state, fields in STATES.items():
        made[state] = {
            "film": make_film(title=word("film", state), slug=word("film", state), **fields),
            "person": make_person(name=word("person", state), slug=word("person", state), **fields),
            "article": make_article(
                title=word("article", state),
                slug=word("article", state),
                publication=publication,
                **fields,
            ),
        }
    shown = made["shown"]
    for state in STATES:
        make_review(
            film=shown["film"],
            title=word("review", state),
            slug=word("review", state),
            rating="3",
            rating_scale="4",
            **STATES[state],
        )
        if state == "shown":
            continue
        hidden = made[state]
        make_credit(film=shown["film"], person=hidden["person"], role=Role.DIRECTOR)
        make_credit(film=hidden["film"], person=shown["person"], role=Role.PRODUCER)
        make_track_credit(track=make_track(film=shown["film"]), person=hidden["person"])
        make_track(film=hidden["film"], title=word("track", state))
        hidden["article"].films.add(shown["film"])
        shown["article"].films.add(hidden["film"])
        shown["article"].people.add(hidden["person"])
        shown["article"].authors.add(hidden["person"])
        make_person_name(person=shown["person"]).found_in_articles.add(hidden["article"])
        # A published review of an unpublished film is not public either.
        make_review(
            film=hidden["film"],
            status=Status.PUBLISHED,
            title=word("filmreview", state),
            slug=word("filmreview", state),
        )
    shown["article"].films.add(shown["film"])
    shown["article"].people.add(shown["person"])
    return made


def machine_readable_urls(entries):
    shown = entries["shown"]
    film, person = shown["film"].slug, shown["person"].slug
    article, review = shown["article"].slug, word("review", "shown")
    return [
        "/press/feed.atom",
        "/press/feed.rss",
        "/press/feed.atom?source=paper",
        f"/films/{film}/press.atom",
        f"/films/{film}/press.rss",
        "/sitemap.xml",
        "/press/citations.ris",
        "/press/citations.bib",
        "/press/citations.json",
        f"/press/{article}/citation.json",
        "/api/films/",
        f"/api/films/{film}/",
        "/api/people/",
        f"/api/people/{person}/",
        "/api/credits/",
        "/api/tracks/",
        "/api/publications/",
        "/api/articles/",
        f"/api/articles/{article}/",
        "/api/reviews/",
        f"/api/reviews/{review}/",
        # The pages' JSON-LD and Open Graph tags.
        f"/films/{film}/",
        f"/people/{person}/",
        f"/press/{article}/",
        f"/reviews/{review}/",
        "/press/",
    ]


def test_no_unpublished_entry_in_any_machine_readable_output(client, entries_in_outputs):
    hidden = [
        word(kind, state)
        for kind in ("film", "person", "article", "review", "track", "filmreview")
        for state in ("draft", "scheduled")
    ]
    everything = ""
    for url in machine_readable_urls(entries_in_outputs):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        leaked = [token for token in hidden if token in text]
        assert not leaked, f"{url} shows {leaked}"
        everything += text
    # And the published entries are there, so that the test above means something.
    for kind in ("film", "person", "article", "review"):
        assert word(kind, "shown") in everything


def test_unpublished_entries_have_no_feed_api_entry_or_citation(client, entries_in_outputs):
    for state in ("draft", "scheduled"):
        group = entries_in_outputs[state]
        urls = [
            f"/films/{group['film'].slug}/press.atom",
            f"/api/films/{group['film'].slug}/",
            f"/api/people/{group['person'].slug}/",
            f"/api/articles/{group['article'].slug}/",
            f"/api/reviews/{word('review', state)}/",
            f"/api/reviews/{word('filmreview', state)}/",
            f"/press/{group['article'].slug}/citation.ris",
        ]
        for url in urls:
            assert client.get(url).status_code == 404, url


def test_json_ld_counts_only_published_reviews_in_the_rating(client, entries_in_outputs):
    html = client.get(entries_in_outputs["shown"]["film"].get_absolute_url()).content.decode()
    assert re.search(r'"ratingCount": 1\b', html)
