import datetime
import re
from html import unescape as html_unescape

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin import ModelAdmin
from django.db import connection
from django.db.models import Count
from django.db.models.functions import Length
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article, Document, Publication, Review
from core.models import Status
from curation.admin import SEARCH_CAP
from curation.changelists import DateHierarchyChangeList, with_grouped_dates
from films.models import (
    Claim,
    Company,
    CompanyCredit,
    Credit,
    Film,
    FilmLink,
    FilmTitle,
    Person,
    PersonName,
    Track,
    TrackCredit,
)
from tests.factories import (
    FILM_INLINES,
    MAKERS,
    admin_url,
    film_form_data,
    inline_data,
    make_article,
    make_claim,
    make_company_credit,
    make_credit,
    make_document,
    make_film,
    make_person,
    make_person_name,
    make_publication,
    make_review,
    make_track,
    make_track_credit,
)

pytestmark = pytest.mark.django_db

MODELS = pytest.mark.parametrize("model", MAKERS, ids=lambda model: model._meta.model_name)


def test_every_model_is_registered():
    models = {
        model
        for app_label in ["films", "articles"]
        for model in apps.get_app_config(app_label).get_models()
    }
    assert {model for model in models if not admin.site.is_registered(model)} == set()
    # The page tests below build one row of each model with these.
    assert models == set(MAKERS)


# ---------------------------------------------------------------------------
# Every page answers
# ---------------------------------------------------------------------------


@MODELS
def test_changelist_answers(admin_client, model):
    MAKERS[model]()
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@MODELS
def test_add_page_answers(admin_client, model):
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == 200


@MODELS
def test_change_page_answers(admin_client, model):
    obj = MAKERS[model]()
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj


def test_film_change_page_lists_every_inline(admin_client):
    film = make_film()
    make_credit(film=film)
    response = admin_client.get(admin_url(Film, "change", film.pk))
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == FILM_INLINES


# ---------------------------------------------------------------------------
# Search and autocomplete
# ---------------------------------------------------------------------------


def search(client, model, term):
    response = client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_person_search_finds_a_name_form(admin_client):
    person = make_person(name="Kim Tae-kyun", name_hangul="김태균")
    make_person_name(person=person, name="Kim Tae Gyoon")
    make_person(name="Cha In-pyo")
    assert search(admin_client, Person, "Gyoon") == [person]
    assert search(admin_client, Person, "김태균") == [person]


def test_person_matching_several_name_forms_is_listed_once(admin_client):
    person = make_person(name="Kim Tae-kyun")
    make_person_name(person=person, name="Kim Tae-gyun")
    make_person_name(person=person, name="KIM Tae-kyun")
    assert search(admin_client, Person, "Kim Tae") == [person]


def test_person_search_words_may_match_different_name_forms(admin_client):
    # Each word in some spelling of the person's, as each may be in a different field.
    person = make_person(name="Cha In-pyo")
    make_person_name(person=person, name="Ch'a In-p'yo")
    make_person_name(person=person, name="차인표")
    make_person(name="Cha Seung-won")
    assert search(admin_client, Person, "Ch'a Seung") == []
    assert search(admin_client, Person, "p'yo 차인표") == [person]
    assert search(admin_client, Person, '"Ch\'a In" Cha') == [person]


def test_person_search_reads_name_forms_in_a_subquery_not_a_join(admin_client, monkeypatch):
    # The subquery (on PostgreSQL, taken when many rows match; see related_matches).
    monkeypatch.setattr("curation.admin.RELATED_LIST", 0)
    person = make_person(name="Kim Tae-kyun")
    make_person_name(person=person, name="Kim Tae Gyoon")
    with CaptureQueriesContext(connection) as queries:
        assert search(admin_client, Person, "gyoon") == [person]
    (matching,) = [q["sql"] for q in queries if f"LIMIT {SEARCH_CAP + 1}" in q["sql"]]
    rows, name_forms = matching.split(' IN (SELECT U0."id" AS "pk" FROM "films_person" U0 ', 1)
    assert "JOIN" not in rows
    assert "DISTINCT" not in matching
    assert '"films_personname"' in name_forms


@pytest.mark.parametrize("word", ["Yi", "Eun", "Eun-ju"])
def test_person_search_finds_name_forms_by_short_and_long_words(admin_client, word):
    person = make_person(name="Lee Eun-joo")
    make_person_name(person=person, name="Yi Eun-ju")
    make_person(name="Park Chan-wook")
    assert search(admin_client, Person, word) == [person]


def test_film_search_finds_another_title(admin_client):
    film = make_film(title="Crossing", original_title="크로싱")
    film.titles.create(title="Keurosing", kind="romanized")
    make_film(title="The Chaser")
    assert search(admin_client, Film, "Keurosing") == [film]
    assert search(admin_client, Film, "크로싱") == [film]


@pytest.mark.parametrize("related_list", [0, 2_000])
def test_article_search_covers_byline_text_and_publication(admin_client, monkeypatch, related_list):
    # A related field's matches as a subquery, or (PostgreSQL, few of them) as a list.
    monkeypatch.setattr("curation.admin.RELATED_LIST", related_list)
    article = make_article(
        byline="By Lee Eun-joo",
        text="A defector's story.",
        publication=make_publication(name="JoongAng Daily"),
    )
    make_article()
    for term in ["Lee Eun-joo", "defector", "JoongAng"]:
        assert search(admin_client, Article, term) == [article]


@pytest.mark.parametrize("related_list", [0, 10])
def test_a_related_fields_few_matches_are_read_as_a_list_on_postgresql(
    admin_client, monkeypatch, related_list
):
    monkeypatch.setattr("curation.admin.RELATED_LIST", related_list)
    article = make_article(publication=make_publication(name="JoongAng Daily"))
    make_article()
    with CaptureQueriesContext(connection) as queries:
        assert search(admin_client, Article, "JoongAng") == [article]
    (matching,) = [
        q["sql"] for q in queries if 'SELECT "articles_article"."id" AS "pk"' in q["sql"]
    ]
    # More than RELATED_LIST matches (here: any), or SQLite: the subquery.
    listed = connection.vendor == "postgresql" and related_list > 0
    assert ("= ANY(" in matching) == listed
    assert ("IN (SELECT" in matching) != listed
    # Either way, the sources' ids against the article's own column: no subquery
    # joins the articles to their sources.
    assert '"articles_article"."publication_id" ' in matching
    assert 'FROM "articles_article" U0' not in matching


@pytest.mark.parametrize("related_list", [0, 2_000])
@pytest.mark.parametrize(
    "model, make, word",
    [
        (Credit, lambda person, film: make_credit(person=person, film=film), "Gyoon"),
        (Credit, lambda person, film: make_credit(person=person, film=film), "김태균"),
        (TrackCredit, lambda person, film: make_track_credit(person=person), "Kim Tae"),
        (Review, lambda person, film: make_review(author=person), "Tae-kyun"),
        (Review, lambda person, film: make_review(film=film), "Crossing"),
        (Claim, lambda person, film: make_claim(film=film), "Crossing"),
    ],
)
def test_a_search_finds_rows_through_their_foreign_keys(
    admin_client, monkeypatch, related_list, model, make, word
):
    """A word of the related row (a credit's person, its name forms, a review's film)
    finds the rows that point at it, and no other."""
    monkeypatch.setattr("curation.admin.RELATED_LIST", related_list)
    person = make_person(name="Kim Tae-kyun", name_hangul="김태균")
    make_person_name(person=person, name="Kim Tae Gyoon")
    film = make_film(title="Crossing")
    found = make(person, film)
    make(make_person(name="Cha In-pyo"), make_film(title="The Chaser"))
    assert search(admin_client, model, word) == [found]


def autocomplete_url(model, field_name, **params):
    """Where the admin's autocomplete widget for `model.field_name` asks for choices."""
    opts = model._meta
    query = {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": field_name}
    return reverse("admin:autocomplete") + "?" + urlencode({**query, **params})


def test_credited_as_autocomplete_offers_name_forms(admin_client):
    name = make_person_name(name="Kim Tae Gyoon")
    make_person_name(name="Cha In-pyo")
    response = admin_client.get(autocomplete_url(Credit, "credited_as", term="Gyoon"))
    assert response.status_code == 200
    assert [result["id"] for result in response.json()["results"]] == [str(name.pk)]


# ---------------------------------------------------------------------------
# One real submission per model
# ---------------------------------------------------------------------------


def add(client, model, data):
    response = client.post(admin_url(model, "add"), data)
    # On a refusal the page is shown again; its errors say why.
    assert response.status_code == 302, response.context["errors"]


def test_adding_a_film_saves_its_inlines(admin_client):
    person = make_person(name="Cha In-pyo")
    name = make_person_name(person=person, name="CHA In-pyo")
    article = make_article()
    document = make_document()
    data = film_form_data(
        titles=[{"title": "크로싱", "kind": "original", "language": "ko"}],
        links=[{"url": "https://example.org/crossing", "kind": "official"}],
        credits=[
            {
                "person": person.pk,
                "role": "actor",
                "character": "Kim Yong-soo",
                "billing_order": "1",
                "credited_as": name.pk,
                "found_in_articles": [article.pk],
            }
        ],
        company_credits=[{"company": MAKERS[Company]().pk, "role": "production"}],
        tracks=[{"position": "1", "title": "Crossing", "length": "3:45"}],
        claims=[
            {
                "fact": "release_date",
                "rank": "normal",
                "value": "June 26",
                "date_start": "2008-06-26",
                "date_precision": "day",
                "country": "KR",
                "document": document.pk,
            }
        ],
    )
    add(admin_client, Film, data)
    film = Film.objects.get(slug="crossing")
    credit = film.credits.get()
    assert (credit.person, credit.department, credit.credited_as) == (person, "cast", name)
    assert list(credit.found_in_articles.all()) == [article]
    assert film.titles.get().title == "크로싱"
    assert film.links.count() == film.company_credits.count() == 1
    assert film.tracks.get().length == datetime.timedelta(minutes=3, seconds=45)
    assert film.claims.get().document == document


def test_adding_a_person_saves_name_forms(admin_client):
    data = {
        "name": "Kim Tae-kyun",
        "slug": "kim-tae-kyun",
        "name_hangul": "김태균",
        "status": "published",
        **inline_data(
            "names",
            [{"name": "Kim Tae Gyoon", "kind": "published"}, {"name": "김태균", "kind": "hangul"}],
        ),
        **inline_data("images"),
    }
    add(admin_client, Person, data)
    person = Person.objects.get(slug="kim-tae-kyun")
    assert sorted(person.names.values_list("name", flat=True)) == ["Kim Tae Gyoon", "김태균"]


def test_adding_a_track_saves_its_credits(admin_client):
    film, person = make_film(), make_person()
    data = {
        "film": film.pk,
        "position": "3",
        "title": "눈물",
        "translation": "Tears",
        **inline_data("credits", [{"person": person.pk, "role": "composer"}]),
    }
    add(admin_client, Track, data)
    track = Track.objects.get(film=film, position=3)
    assert track.credits.get().person == person


# The models without inlines: the fields a curator fills in, built per test.
SIMPLE_ADDS = {
    FilmTitle: lambda: {"film": make_film().pk, "title": "Crossing", "kind": "english"},
    FilmLink: lambda: {"film": make_film().pk, "url": "https://example.org/", "kind": "database"},
    PersonName: lambda: {"person": make_person().pk, "name": "Kim Tae-gyun", "kind": "rr"},
    Credit: lambda: {"film": make_film().pk, "person": make_person().pk, "role": "editor"},
    Company: lambda: {"name": "BigHouse", "slug": "bighouse"},
    CompanyCredit: lambda: {
        "film": make_film().pk,
        "company": MAKERS[Company]().pk,
        "role": "distribution",
    },
    TrackCredit: lambda: {"track": make_track().pk, "person": make_person().pk, "role": "artist"},
    Claim: lambda: {
        "film": make_film().pk,
        "fact": "budget",
        "rank": "normal",
        "value": "5 billion won",
        "article": make_article().pk,
    },
    Publication: lambda: {"name": "The Korea Herald", "slug": "korea-herald", "kind": "newspaper"},
    Document: lambda: {
        "title": "Crossing (2008) thread",
        "slug": "forum-thread",
        "kind": "forum_thread",
        "date": "2008-06-10",
    },
    Article: lambda: {
        "title": "Cha In-pyo crosses over",
        "slug": "cha-in-pyo",
        "publication": make_publication().pk,
        "date": "2008-05-30",
        "language": "en",
        "text": "The full text.",
        "text_rights": "excerpt",
        "status": "published",
        "films": [make_film().pk],
    },
    Review: lambda: {
        "film": make_film().pk,
        "slug": "review",
        "language": "en",
        "text": "The full text.",
        "text_rights": "excerpt",
        "rating": "2.5",
        "rating_text": "2.5 STARS",
        "status": "draft",
    },
}


@pytest.mark.parametrize("model", SIMPLE_ADDS, ids=lambda model: model._meta.model_name)
def test_add_form_saves(admin_client, model):
    data = SIMPLE_ADDS[model]()
    before = model.objects.count()
    add(admin_client, model, data)
    assert model.objects.count() == before + 1


def test_saved_credit_takes_department_from_role(admin_client):
    add(admin_client, Credit, SIMPLE_ADDS[Credit]())
    assert Credit.objects.get().department == "editing"


def test_saved_review_without_scale_has_no_score(admin_client):
    add(admin_client, Review, SIMPLE_ADDS[Review]())
    review = Review.objects.get()
    assert (review.rating_display, review.score) == ("2.5", None)


# ---------------------------------------------------------------------------
# Changelist query counts
# ---------------------------------------------------------------------------


# A changelist or autocomplete is asked with one row and with ROWS: a query
# made per row shows as ROWS - 1 more.
ROWS = 5


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


# Changelists whose rows show related rows (name forms, people, films,
# publications, dates for the date hierarchy): made by `make_row`, listed
# at `url` with `query`.
CHANGELISTS_WITH_RELATED_ROWS = {
    "film": (Film, make_film, {}),
    "person-with-name-forms": (Person, lambda: make_person_name(person=make_person()), {}),
    "person-search": (
        Person,
        lambda: make_person_name(person=make_person(), name="Kim Tae Gyoon"),
        {"q": "Gyoon"},
    ),
    "credit-credited-as": (Credit, lambda: make_credit(credited_as=make_person_name()), {}),
    "article-with-publication": (Article, make_article, {}),
}


@pytest.mark.parametrize("case", CHANGELISTS_WITH_RELATED_ROWS)
def test_changelist_with_related_rows_makes_as_many_queries_for_many_rows_as_for_1(
    admin_client, case
):
    model, make_row, query = CHANGELISTS_WITH_RELATED_ROWS[case]
    url = admin_url(model, "changelist") + (f"?{urlencode(query)}" if query else "")
    make_row()
    one_row = count_queries(admin_client, url)
    for _ in range(ROWS - 1):
        make_row()
    assert count_queries(admin_client, url) == one_row
    assert admin_client.get(url).context["cl"].result_count == ROWS


@MODELS
def test_changelist_queries_do_not_grow_with_rows(admin_client, model):
    MAKERS[model]()
    url = admin_url(model, "changelist")
    one_row = count_queries(admin_client, url)
    for _ in range(ROWS - 1):
        MAKERS[model]()
    assert count_queries(admin_client, url) == one_row


def test_document_changelist_queries_do_not_grow_with_nested_parts(admin_client):
    # The parent column shows the parent's __str__, which names its own thread.
    url = admin_url(Document, "changelist")
    post = make_document(parent=make_document(), position=1)
    one_reply = make_document(parent=post, position=1)
    assert one_reply.parent.parent_id
    before = count_queries(admin_client, url)
    for position in range(2, ROWS + 1):
        make_document(parent=post, position=position)
    assert count_queries(admin_client, url) == before


def test_document_autocomplete_queries_do_not_grow_with_results(admin_client):
    # Each result's label names its thread.
    url = autocomplete_url(Track, "source")
    thread = make_document()
    one_result = count_queries(admin_client, url)
    for position in range(1, ROWS):
        make_document(parent=thread, position=position)
    assert count_queries(admin_client, url) == one_result


def test_review_autocomplete_queries_do_not_grow_with_results(admin_client):
    # An untitled review's label names its film.
    url = autocomplete_url(Claim, "review")
    make_review(title="")
    one_result = count_queries(admin_client, url)
    for _ in range(ROWS - 1):
        make_review(title="")
    assert count_queries(admin_client, url) == one_result


def date_hierarchy_choices(response):
    """The links of a changelist's date hierarchy, as a curator reads them."""
    html = response.content.decode()
    hierarchy = html[html.index('<nav class="toplinks">') :]
    hierarchy = hierarchy[: hierarchy.index("</nav>")]
    titles = re.findall(r"<a [^>]*>([^<]+)</a>", hierarchy)
    return [" ".join(html_unescape(title).split()) for title in titles]


def test_the_article_date_hierarchy_drills_from_years_to_days(admin_client):
    """Grouped by the database (curation.changelists), on SQLite as on PostgreSQL."""
    for day in [datetime.date(2007, 12, 31), datetime.date(2008, 3, 5), datetime.date(2008, 3, 9)]:
        make_article(date=day)
    make_article(date=datetime.date(2008, 6, 1))
    make_article(date=datetime.date(2011, 1, 1), status=Status.PUBLISHED)
    url = admin_url(Article, "changelist")

    def choices(query=""):
        return date_hierarchy_choices(admin_client.get(url + query))

    with CaptureQueriesContext(connection) as context:
        assert choices() == ["2007", "2008", "2011"]
    # Not SQLite's per-row date function, written in Python; the whole list's years
    # found through the date's index, not by grouping every row.
    sql = " ".join(query["sql"] for query in context.captured_queries)
    assert "django_date_trunc" not in sql and "DISTINCT" not in sql
    # A filtered list is grouped (one year and month there: Django opens them).
    assert choices("?status__exact=published") == ["‹ 2011", "January 1"]
    assert choices("?date__year=2008") == ["‹ All dates", "March 2008", "June 2008"]
    assert choices("?date__year=2008&date__month=3") == ["‹ 2008", "March 5", "March 9"]


def test_a_searched_article_list_counts_and_dates_its_matches_in_one_query(admin_client):
    """curation.changelists.GroupedDates.date_summary, on SQLite as on PostgreSQL."""
    for n, day in enumerate([datetime.date(2007, 12, 31), datetime.date(2008, 3, 5)]):
        make_article(title=f"Defector {n}", date=day)
    make_article(title="Defector 2", date=datetime.date(2011, 1, 1), status=Status.PUBLISHED)
    make_article(title="Other", date=datetime.date(2009, 5, 1))
    url = admin_url(Article, "changelist")
    with CaptureQueriesContext(connection) as context:
        response = admin_client.get(url + "?q=defector")
    assert response.context["cl"].result_count == 3
    # Not every article counted for "(4 total)": a link to the whole list instead.
    assert response.context["cl"].full_result_count is None
    assert "Show all" in response.content.decode()
    assert date_hierarchy_choices(response) == ["2007", "2008", "2011"]
    # The matches' count, first and last dates and years: one query grouped by year,
    # where they were three (a COUNT, a MIN and MAX, the DISTINCT years).
    sql = [query["sql"] for query in context.captured_queries if "articles_article" in query["sql"]]
    grouped = [query for query in sql if "GROUP BY" in query]
    assert len(grouped) == 1 and "COUNT(" in grouped[0] and "MIN(" in grouped[0]
    assert not [query for query in sql if "DISTINCT" in query]
    assert not [query for query in sql if "MIN(" in query and "GROUP BY" not in query]
    # Matches of one year open it, as Django opens them; a year chosen counts its own.
    response = admin_client.get(url + "?q=defector&status__exact=published")
    assert response.context["cl"].result_count == 1
    assert date_hierarchy_choices(response) == ["‹ 2011", "January 1"]
    response = admin_client.get(url + "?q=defector&date__year=2008")
    assert response.context["cl"].result_count == 1
    assert date_hierarchy_choices(response) == ["‹ All dates", "March 2008"]
    # With the filters' counts shown (each from a list of its own), the same.
    response = admin_client.get(url + "?q=defector&_facets=True")
    assert response.context["cl"].result_count == 3
    assert date_hierarchy_choices(response) == ["2007", "2008", "2011"]
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    assert "Draft (2) Published (1)" in text
    # No match: nothing counted, no year offered.
    response = admin_client.get(url + "?q=nowhere")
    assert response.context["cl"].result_count == 0
    assert date_hierarchy_choices(response) == []
    # Only the list shown is summarized: actions and exports ask get_queryset() for
    # querysets of their own, which count afresh.
    cl = response.context["cl"]
    assert cl.queryset.summarized_field == "date"
    assert cl.get_queryset(response.wsgi_request).summarized_field is None


def test_a_searched_article_list_query_count(admin_client, django_assert_num_queries):
    for n in range(3):
        make_article(title=f"Defector {n}", date=datetime.date(2008 + n, 1, 1))
    url = admin_url(Article, "changelist") + "?q=defector"
    admin_client.get(url)
    # The session and the user; the matches of the title, byline and source (on
    # PostgreSQL, the ids of the articles of matching sources first: related_matches());
    # of the index; their count, dates and years; the page; its publications; the
    # session saved (a savepoint, the update, its release). No count of all articles.
    with django_assert_num_queries(10 + (connection.vendor == "postgresql")):
        admin_client.get(url)


def test_the_article_lists_rows_leave_out_the_texts_it_never_shows(admin_client):
    for n in range(3):
        make_article(title=f"Defector {n}", text="A defector spoke. " * 200)
    response = admin_client.get(admin_url(Article, "changelist") + "?q=defector")
    cl = response.context_data["cl"]
    rows = list(cl.result_list)
    assert len(rows) == 3
    assert {"text", "excerpt", "via_id", "source_line"} <= rows[0].get_deferred_fields()
    # The columns shown are read with the rows (the query count above pins that).
    assert "Defector 0" in response.content.decode()
    # Actions and exports get whole rows.
    whole = cl.get_queryset(response.wsgi_request).first()
    assert not whole.get_deferred_fields()


SUMMARIZED = Article.objects.filter(status=Status.DRAFT)


@pytest.mark.parametrize(
    "queryset, query, summarized",
    [
        (SUMMARIZED, "", True),
        (SUMMARIZED, "date__year=2008", False),  # a year chosen: its months
        (SUMMARIZED, "date__gte=2008-01-01", False),
        (Article.objects.all(), "", False),  # the whole table: years by the date's index
        (SUMMARIZED.distinct(), "", False),
        (SUMMARIZED.annotate(mentions=Count("people")), "", False),  # grouped per article
        (SUMMARIZED.values("publication").annotate(n=Count("pk")), "", False),
        (SUMMARIZED[:5], "", False),
        (SUMMARIZED.annotate(title_length=Length("title")), "", True),
    ],
)
def test_which_lists_read_their_count_and_dates_in_one_query(rf, queryset, query, summarized):
    changelist = DateHierarchyChangeList.__new__(DateHierarchyChangeList)
    changelist.date_hierarchy = "date"
    request = rf.get(f"/?{query}")
    queryset = with_grouped_dates(queryset)
    assert changelist.summarizes(request, queryset) == summarized


def test_a_changelist_search_reads_the_text_from_the_search_index_once(admin_client):
    for n in range(3):
        make_article(title=f"Report {n}", text="A defector spoke.")
    make_article(title="Other", text="Nothing here.")
    with CaptureQueriesContext(connection) as context:
        response = admin_client.get(admin_url(Article, "changelist") + "?q=defector")
    assert response.context["cl"].result_count == 3
    # The count, the date hierarchy and the page read the list of ids: the text is
    # matched once, in the search index, never by a LIKE over every article.
    sql = [query["sql"] for query in context.captured_queries]
    assert not [query for query in sql if "LIKE" in query and '"articles_article"."text"' in query]
    assert len([query for query in sql if "search_searchentry" in query]) == 1


def test_the_admin_finds_a_drafts_text_in_any_spelling_of_a_name(admin_client):
    draft = make_article(title="Interview", text="A talk with Kim Tae-kyun about the film.")
    make_article(title="Other", text="Nothing here.")
    response = admin_client.get(admin_url(Article, "changelist") + "?q=Kim+Tae+Gyoon")
    assert list(response.context["cl"].result_list) == [draft]


def test_a_changelist_search_past_the_cap_shows_the_cap_and_says_so(admin_client, monkeypatch):
    monkeypatch.setattr("curation.admin.SEARCH_CAP", 2)
    for n in range(3):
        make_article(title=f"Defector {n}")
    response = admin_client.get(admin_url(Article, "changelist") + "?q=defector", follow=True)
    assert response.context["cl"].result_count == 2
    assert "More than 2 entries match “defector”" in response.content.decode()


def test_a_filtered_changelist_searches_every_row_its_filters_leave(admin_client, monkeypatch):
    """The archive's newest three matches hold one of the source's two: filtered by the
    source, which leaves three rows, the list finds both, and says nothing of a cap."""
    monkeypatch.setattr("curation.admin.SEARCH_CAP", 3)
    monkeypatch.setattr("curation.admin.SEARCHED_ROWS", 3)
    weekly = make_publication(name="Weekly")
    older = [make_article(publication=weekly, text="A defector spoke.") for _ in range(2)]
    make_article(publication=weekly, text="Rain.")
    for _ in range(2):
        make_article(text="A defector spoke.")
    url = admin_url(Article, "changelist") + f"?q=defector&publication__id__exact={weekly.pk}"
    response = admin_client.get(url, follow=True)
    assert set(response.context["cl"].result_list) == set(older)
    assert "match “defector”" not in response.content.decode()
    # Filters that leave more rows than the cap: the newest matches, and a message saying so.
    response = admin_client.get(
        admin_url(Article, "changelist") + "?q=defector&status__exact=draft"
    )
    assert response.context["cl"].result_count == 3
    assert "and the filters leave more than 3" in response.content.decode()


def test_a_capped_changelist_search_keeps_the_newest_matches(admin_client, monkeypatch):
    """Past the cap, the list holds the matches in titles, bylines and sources first, the
    newest, then the newest in texts; filters that leave few enough rows to search all of
    them keep it to the cap too."""
    monkeypatch.setattr("curation.admin.SEARCH_CAP", 2)
    weekly = make_publication(name="Weekly")
    titled = make_article(publication=weekly, title="Defector 0")
    in_text = [make_article(publication=weekly, title="Rain", text="A defector.") for _ in range(2)]
    for query in ["?q=defector", f"?q=defector&publication__id__exact={weekly.pk}"]:
        response = admin_client.get(admin_url(Article, "changelist") + query, follow=True)
        assert set(response.context["cl"].result_list) == {titled, in_text[-1]}, query
        assert "More than 2 entries match “defector”: the list holds 2" in (
            response.content.decode()
        )
    newest = [make_article(publication=weekly, title=f"Defector {n}") for n in (1, 2)]
    # The titles alone pass the cap: the index of texts is not read.
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(admin_url(Article, "changelist") + "?q=defector")
    assert set(response.context["cl"].result_list) == set(newest)
    assert not [query for query in queries if "search_searchentry" in query["sql"]]


@pytest.mark.parametrize("model", [CompanyCredit, TrackCredit])
def test_a_search_of_related_fields_only_that_matches_nothing_lists_nothing(admin_client, model):
    """Every field of these lists is a related row's: on PostgreSQL a word in none of
    them is a list of no ids, a condition that holds for no row."""
    make_company_credit()
    make_track_credit()
    assert search(admin_client, model, "zzzz") == []
    assert search(admin_client, model, "zzzz Crossing") == []


@pytest.mark.parametrize(
    "title", ["Plain", 'Quotes " and <b>markup</b> & more', "크로싱 · 탈북자", "{braces} %s"]
)
def test_the_lists_action_checkbox_is_djangos_own_markup(title):
    article = make_article(title=title)
    model_admin = admin.site._registry[Article]
    assert model_admin.action_checkbox(article) == ModelAdmin.action_checkbox(model_admin, article)
