"""
A film's change form edits the first rows of its long inlines (credits,
company credits, tracks, claims) and links to the changelist of them all,
filtered by the film; the article and review lists filter by publication from
links on the publication list rather than a filter that draws every publication.
"""

import re

import pytest
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article, Review
from curation.admin import BoundedInlineBase
from films.models import Credit, Film, Role, Track
from tests.admin_forms import posted_back
from tests.factories import (
    admin_url,
    make_article,
    make_claim,
    make_credit,
    make_film,
    make_film_title,
    make_person,
    make_publication,
    make_review,
    make_track,
)

pytestmark = pytest.mark.django_db

SHOWN = BoundedInlineBase.rows_shown


def film_with_cast(count):
    film = make_film()
    for n in range(1, count + 1):
        make_credit(
            film=film,
            person=make_person(name=f"Actor {n:03}"),
            role=Role.ACTOR,
            character=f"Character {n:03}",
            billing_order=n,
        )
    return film


def inline(response, prefix):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    )


def test_film_form_edits_the_first_rows_and_links_to_all_of_them(admin_client):
    film = film_with_cast(SHOWN + 3)
    response = admin_client.get(admin_url(Film, "change", film.pk))
    credits = inline(response, "credits")
    assert [form.instance.billing_order for form in credits.initial_forms] == list(
        range(1, SHOWN + 1)
    )
    html = response.content.decode()
    assert f'href="/admin/films/credit/?film__id__exact={film.pk}"' in html
    assert f"{SHOWN + 3} rows, the first {SHOWN} on this form" in html
    assert f'href="/admin/films/track/?film__id__exact={film.pk}"' in html


def film_citing_articles(count):
    """A film with `count` cast, titles and claims, each row citing an article of its own."""
    film = film_with_cast(count)
    publication = make_publication()
    for n, credit in enumerate(Credit.objects.filter(film=film), start=1):
        article = make_article(publication=publication)
        credit.found_in_articles.add(article)
        make_film_title(film=film, title=f"Title {n}").found_in_articles.add(article)
        make_claim(film=film, article=article, value=f"{n} billion won")
    return film


def test_film_form_query_count_does_not_grow_with_rows(admin_client):
    """The entries a form's autocompletes hold (a credit's person, a row's sources, a
    claim's article) are looked up once a field for all the rows, not once a row."""

    def queries(film):
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(admin_url(Film, "change", film.pk))
        assert response.status_code == 200
        return len(captured)

    one, many = film_citing_articles(1), film_citing_articles(SHOWN)
    assert queries(many) == queries(one)
    html = admin_client.get(admin_url(Film, "change", many.pk)).content.decode()
    assert html.count("selected>Actor 0") == SHOWN  # each row still shows its own person


def test_saving_the_film_form_keeps_the_rows_it_does_not_show(admin_client):
    film = film_with_cast(SHOWN + 3)
    url = admin_url(Film, "change", film.pk)
    data = posted_back(admin_client.get(url), **{"credits-0-character": "Renamed"})
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert Credit.objects.filter(film=film).count() == SHOWN + 3
    assert Credit.objects.get(film=film, billing_order=1).character == "Renamed"


def test_new_row_that_collides_with_a_row_not_shown_is_a_form_error(admin_client):
    film = film_with_cast(SHOWN + 3)
    url = admin_url(Film, "change", film.pk)
    data = posted_back(admin_client.get(url))
    data.update(
        {
            "credits-TOTAL_FORMS": str(SHOWN + 1),
            f"credits-{SHOWN}-person": str(make_person().pk),
            f"credits-{SHOWN}-role": Role.ACTOR,
            f"credits-{SHOWN}-character": "Newcomer",
            f"credits-{SHOWN}-billing_order": str(SHOWN + 2),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Another cast member of this film has this billing order." in (response.content.decode())
    assert Credit.objects.filter(film=film).count() == SHOWN + 3


def test_credit_and_track_lists_filter_by_film(admin_client):
    film, other = film_with_cast(2), film_with_cast(1)
    make_track(film=film, position=1, title="Theme")
    make_track(film=other, position=1, title="Other theme")
    credits = admin_client.get(admin_url(Credit, "changelist"), {"film__id__exact": film.pk})
    assert {credit.film for credit in credits.context["cl"].result_list} == {film}
    tracks = admin_client.get(admin_url(Track, "changelist"), {"film__id__exact": film.pk})
    assert [track.title for track in tracks.context["cl"].result_list] == ["Theme"]


def test_article_and_review_lists_filter_by_publication_from_the_publication_list(
    admin_client,
):
    publication, other = make_publication(name="Chosun"), make_publication(name="Herald")
    make_article(publication=publication, title="Kept")
    make_article(publication=other, title="Left out")
    listing = admin_client.get(admin_url(publication._meta.model, "changelist")).content.decode()
    articles_link = f"/admin/articles/article/?publication__id__exact={publication.pk}"
    assert f'href="{articles_link}"' in listing
    assert f'href="/admin/articles/review/?publication__id__exact={publication.pk}"' in listing
    response = admin_client.get(articles_link)
    assert [article.title for article in response.context["cl"].result_list] == ["Kept"]
    # No filter that lists every publication: the side panel names none.
    assert "Herald" not in response.content.decode().split('id="changelist-filter"')[-1]
    assert admin_client.get(admin_url(Review, "changelist")).status_code == 200
    assert Article.objects.count() == 2


def test_review_list_query_count_does_not_grow_with_reviews(admin_client):
    # Each row names its film, publication and critic: read with the rows, not one by one.
    def queries(count):
        for _ in range(count):
            make_review(publication=make_publication(), author=make_person())
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/admin/articles/review/").status_code == 200
        return len(captured)

    assert queries(1) == queries(5)


def admin_titles(admin_client, query):
    response = admin_client.get(f"/admin/articles/article/?{query}")
    assert response.status_code == 200
    return [article.title for article in response.context["cl"].result_list]


def test_far_pages_of_an_admin_list_are_the_rows_of_the_lists_order(admin_client, monkeypatch):
    # Pages past PICK_FROM rows pick their ids first, then read those rows: the same rows,
    # in the same order, as near pages read by OFFSET, whatever the order asked for.
    from articles.admin import ArticleAdmin
    from curation.changelists import FarPagesPaginator

    monkeypatch.setattr(ArticleAdmin, "list_per_page", 3)
    monkeypatch.setattr(FarPagesPaginator, "PICK_FROM", 3)
    publication = make_publication(name="Chosun")
    days = [5, 1, 5, 9, 3, 5, 7, 2, 8, 5, 6, 4]
    for n, day in enumerate(days):
        make_article(
            publication=publication,
            title=f"{'BA'[n % 2]} {n:02}",
            date=f"2008-06-{day:02}",
            byline="Kim" if n % 3 else "Lee",
        )
    newest = sorted(Article.objects.all(), key=lambda a: (-a.date.toordinal(), a.title, a.pk))
    by_title = sorted(Article.objects.all(), key=lambda a: (a.title, -a.date.toordinal(), a.pk))
    kims = [article for article in newest if article.byline == "Kim"]
    for number in range(1, 5):
        shown = slice((number - 1) * 3, number * 3)
        assert admin_titles(admin_client, f"p={number}") == [a.title for a in newest[shown]]
        # The title column's sort (o=1), which Django completes with -date from the ordering.
        assert admin_titles(admin_client, f"o=1&p={number}") == [a.title for a in by_title[shown]]
    for number in range(1, 4):
        shown = slice((number - 1) * 3, number * 3)
        assert admin_titles(admin_client, f"q=Kim&p={number}") == [a.title for a in kims[shown]]


def test_a_far_admin_page_costs_the_queries_of_a_near_one(admin_client, monkeypatch):
    from articles.admin import ArticleAdmin
    from curation.changelists import FarPagesPaginator

    monkeypatch.setattr(ArticleAdmin, "list_per_page", 2)
    monkeypatch.setattr(FarPagesPaginator, "PICK_FROM", 4)
    for _ in range(8):
        make_article()

    def page(number):
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(f"/admin/articles/article/?p={number}").status_code == 200
        rows = [q["sql"] for q in captured if 'SELECT "articles_article"."id", ' in q["sql"]]
        return len(captured), rows

    near_count, near_rows = page(2)
    far_count, far_rows = page(3)
    assert near_count == far_count
    # The far page reads its rows by the ids a subquery picks; the near one by OFFSET.
    assert [sql.count("SELECT") for sql in far_rows] == [2]
    assert [sql.count("SELECT") for sql in near_rows] == [1]


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("films/person", "?q=kim&status__exact=draft"),
        ("films/person", ""),
        ("articles/article", "?q=kim&o=1"),
        ("films/credit", "?role__exact=actor"),
    ],
)
def test_a_lists_row_links_keep_its_filters_as_djangos_own_do(admin_client, model, query):
    """The rows' links are built from one address a page (RowLinksChangeList), and are
    what Django's row loop makes of each: the row's change page, the list's search,
    filters and order in `_changelist_filters`."""
    film = make_film()
    for n in range(3):
        person = make_person(name=f"Kim {n}")
        make_credit(film=film, person=person, role=Role.ACTOR, billing_order=n + 1)
        make_article(title=f"Kim report {n}")
    app_label, model_name = model.split("/")
    response = admin_client.get(f"/admin/{model}/{query}")
    assert response.status_code == 200
    html = response.content.decode()
    links = re.findall(rf'<a href="(/admin/{model}/(\d+)/change/[^"]*)"', html)
    assert len(links) == 3
    filters = urlencode({"_changelist_filters": query[1:]}) if query else ""
    opts = response.context["cl"].opts
    for link, pk in links:
        change = reverse(f"admin:{app_label}_{model_name}_change", args=(pk,))
        django = add_preserved_filters({"preserved_filters": filters, "opts": opts}, change)
        assert link.replace("&amp;", "&") == django
