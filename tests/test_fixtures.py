"""The seed fixtures carry the whole record of the seed documents, and nothing invented."""

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from articles.models import Article, Publication, Review
from films.models import (
    Claim,
    CompanyCredit,
    Credit,
    Fact,
    Film,
    NameKind,
    Person,
    PersonName,
    Rank,
    Role,
    Track,
)
from tests.seed_record import SOUNDTRACK

pytestmark = pytest.mark.django_db


ARTICLES = [
    # (publication slug, date, byline, title)
    (
        "kbs-world",
        dt.date(2008, 3, 6),
        "",
        "Belated Release of Cha In-pyo’s “Crossing”",
    ),
    (
        "joongang-daily",
        dt.date(2008, 3, 12),
        "By Lee Eun-joo",
        "North Korean defector crisis of 2002 hits movie screens in ‘Crossing’",
    ),
    (
        "chosun-ilbo",
        dt.date(2008, 3, 17),
        "Credits: englishnews@chosun.com",
        "Daring Movie Tells Plight of N.Korean Refugees",
    ),
    (
        "korea-herald",
        dt.date(2008, 3, 19),
        "By Yang Sung-jin (insight@heraldm.com), image from yahoo.kr",
        "'Crossing' depicts the plight of North Korean defectors",
    ),
    (
        "chosun-ilbo",
        dt.date(2008, 4, 30),
        "",
        "N.Korean Refugees Film Strikes Chord at U.S. Screening",
    ),
    (
        "kofic",
        dt.date(2008, 5, 6),
        "Nigel D'Sa (KOFIC), image from news.yahoo.kr",
        "Crossing Screens at US Library of Congress",
    ),
]

SPELLINGS = {
    "kim-tae-kyun": {
        "김태균",
        "Kim Tae Gyoon",
        "Kim Tae-gyun",
        "Kim Tae-kyun",
        "KIM Tae-kyun",
        "Kim T'ae-gyun",
    },
    "cha-in-pyo": {"차인표", "Cha In Pyo", "Cha In-pyo", "CHA In-pyo", "Ch'a In-p'yo"},
    "shin-myung-chul": {
        "신명철",
        "Shin Myung Chul",
        "Shin Myung-chul",
        "Shin Myeong-cheol",
        "SHIN Myoung-cheol",
        "Sin Myeong-cheol",
        "Sin Myŏng-ch'ŏl",
    },
    "kim-tae-seong": {"김태성", "Kim Tae-seong", "Kim T'ae-sŏng"},
    "suh-young-hwa": {"Suh Young-hwa"},
    "lee-yoo-jin": {"Lee Yoo-jin"},
    "patrick-cheh": {"Patrick Cheh"},
    "kim-chul-yong": {"Kim Chul-yong"},
    "lee-eun-joo": {"Lee Eun-joo"},
    "yang-sung-jin": {"Yang Sung-jin"},
    "nigel-dsa": {"Nigel D'Sa"},
    "kim-sung-min": {"Kim Sung-min", "KIM Sung-min"},
}


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("films", "articles")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.usefixtures("seed")
class TestSeedRecord:
    def test_loading_the_fixtures_twice_creates_no_duplicates(self):
        first = row_counts()
        call_command("loaddata", "crossing", verbosity=0)
        assert row_counts() == first
        assert first["films.Track"] == 22
        assert first["articles.Article"] == 6

    def test_soundtrack_has_22_tracks_in_order_with_exact_titles(self):
        tracks = Track.objects.filter(film__slug="crossing").order_by("position")
        assert [(t.position, t.title) for t in tracks] == list(enumerate(SOUNDTRACK, start=1))

    def test_tracks_1_to_21_credit_kim_tae_seong_and_track_22_credits_nobody(self):
        tracks = Track.objects.filter(film__slug="crossing").prefetch_related(
            "credits__credited_as"
        )
        for track in tracks:
            credits = list(track.credits.all())
            if track.position == 22:
                assert credits == []
            else:
                assert [(c.person.slug, c.credited_as.name) for c in credits] == [
                    ("kim-tae-seong", "김태성")
                ]

    def test_six_articles_with_publication_date_and_byline(self):
        found = [
            (a.publication.slug, a.date, a.byline, a.title)
            for a in Article.objects.select_related("publication").order_by("date")
        ]
        assert found == ARTICLES

    def test_article_texts_are_complete(self):
        herald = Article.objects.get(publication__slug="korea-herald")
        assert herald.text.startswith("In recent years, Korean producers")
        assert herald.text.endswith("a campaign against child abuse.")
        assert herald.text.count("\n\n") == 10  # eleven paragraphs
        kofic = Article.objects.get(publication__slug="kofic")
        assert kofic.text.endswith("Fine Cut is handling international sales.")

    def test_articles_record_where_the_archive_found_them(self):
        kbs = Article.objects.get(publication__slug="kbs-world")
        assert kbs.source_line == "Source: KBS World 2008-03-06"
        assert kbs.via.posted_by == "kdramafanusa"
        assert kbs.via.parent.title == "[movie 2008] Crossing 크로싱"
        screening = Article.objects.get(date=dt.date(2008, 4, 30))
        # The repost gives the address only shortened, so no link is invented.
        assert screening.url == ""
        assert "0804300013.html" in screening.source_line

    def test_journalists_are_the_articles_authors(self):
        authors = {
            a.publication.slug: sorted(p.slug for p in a.authors.all())
            for a in Article.objects.prefetch_related("authors")
        }
        assert authors["joongang-daily"] == ["lee-eun-joo"]
        assert authors["korea-herald"] == ["yang-sung-jin"]
        assert authors["kofic"] == ["nigel-dsa"]
        assert authors["kbs-world"] == []

    def test_review_keeps_its_rating_without_inventing_scale_or_source(self):
        review = Review.objects.get()
        assert review.rating == Decimal("2.5")
        assert review.rating_text == "2.5 STARS"
        assert review.rating_scale is None
        assert review.score is None
        assert review.publication is None
        assert review.author is None
        assert review.date is None
        assert review.text.startswith("In one emblematic scene")
        assert review.text.endswith("a beautiful and moving drama.")

    @pytest.mark.parametrize("slug", sorted(SPELLINGS))
    def test_every_spelling_of_each_person_is_kept(self, slug):
        names = set(PersonName.objects.filter(person__slug=slug).values_list("name", flat=True))
        assert SPELLINGS[slug] <= names

    def test_each_person_is_one_record(self):
        assert (
            Person.objects.filter(names__name__in=["Kim Tae Gyoon", "KIM Tae-kyun"])
            .distinct()
            .count()
            == 1
        )
        assert Person.objects.filter(name_hangul="신명철").count() == 1

    def test_published_spellings_appear_in_the_documents_that_cite_them(self):
        forms = PersonName.objects.filter(kind=NameKind.PUBLISHED).prefetch_related(
            "found_in_articles", "found_in_reviews", "found_in_documents"
        )
        for form in forms:
            sources = form.sources()
            assert sources, f"{form} cites no source"
            for article in form.found_in_articles.all():
                assert form.name in article.text + article.byline, (form.name, article.title)
            for review in form.found_in_reviews.all():
                assert form.name in review.text + review.provenance_note

    def test_claim_quotes_appear_in_their_sources(self):
        for claim in Claim.objects.select_related("article", "review", "document"):
            if claim.article or claim.review:
                assert claim.quote in claim.source.text, claim

    def test_conflicting_release_dates_are_all_kept_preferred_first(self):
        claims = list(Claim.objects.filter(fact=Fact.RELEASE_DATE).ranked())
        assert claims[0].value == "26 June 2008"
        assert claims[0].rank == Rank.PREFERRED
        assert claims[0].document.posted_by == "huangsy"
        by_value = {c.value: c for c in claims}
        assert by_value["June 5"].article.publication.slug == "kofic"
        assert by_value["May"].article.publication.slug == "chosun-ilbo"
        assert by_value["not yet set"].article.publication.slug == "joongang-daily"

    def test_conflicting_shooting_claims_are_both_kept(self):
        claims = {c.value: c for c in Claim.objects.filter(fact=Fact.SHOOTING_PERIOD)}
        assert claims["between July and September last year"].date_start == dt.date(2007, 7, 1)
        assert (
            claims["between July and September last year"].article.publication.slug
            == "korea-herald"
        )
        assert claims["four years since it was filmed"].article.publication.slug == "kbs-world"

    def test_budget_locations_and_basis_are_sourced(self):
        facts = set(Claim.objects.values_list("fact", flat=True))
        assert {Fact.BUDGET, Fact.FILMING_LOCATION, Fact.BASED_ON, Fact.SCREENING} <= facts
        assert Claim.objects.get(fact=Fact.BUDGET).value == "W4 billion (US$1=W997)"

    def test_cast_and_crew_of_crossing(self):
        credits = Credit.objects.filter(film__slug="crossing")
        cast = [
            (c.billing_order, c.person.slug, c.character)
            for c in credits.filter(role=Role.ACTOR).order_by("billing_order")
        ]
        assert cast == [
            (1, "cha-in-pyo", "Kim Yong-soo"),
            (2, "shin-myung-chul", "Juni"),
            (3, "suh-young-hwa", "Yong-soo's wife"),
        ]
        crew = {(c.role, c.person.slug) for c in credits.exclude(role=Role.ACTOR)}
        assert crew == {
            (Role.DIRECTOR, "kim-tae-kyun"),
            (Role.SCREENWRITER, "lee-yoo-jin"),
            (Role.PRODUCER, "patrick-cheh"),
            (Role.ASSISTANT_DIRECTOR, "kim-chul-yong"),
            (Role.MUSIC, "kim-tae-seong"),
        }
        assert credits.get(role=Role.DIRECTOR).credited_as.name == "Kim Tae Gyoon"

    def test_company_credits(self):
        credits = {
            (c.company.slug, c.role)
            for c in CompanyCredit.objects.filter(film__slug="crossing").select_related("company")
        }
        assert credits == {
            ("camp-b", "production"),
            ("vantage-holdings", "distribution"),
            ("vantage-holdings", "investment"),
            ("fine-cut", "international_sales"),
            ("big-house", "unspecified"),
        }

    def test_earlier_work_of_director_and_lead_actor_holds_only_what_documents_say(self):
        directed = {
            (c.film.title, c.film.year)
            for c in Credit.objects.filter(person__slug="kim-tae-kyun", role=Role.DIRECTOR)
        }
        assert directed == {
            ("Crossing", 2008),
            ("Volcano High", 2001),
            ("Temptation of Wolves", 2004),
            ("A Millionaire’s First Love", 2006),
        }
        hanbando = Film.objects.get(slug="hanbando")
        assert hanbando.year is None
        assert hanbando.credits.get().person.slug == "cha-in-pyo"
        volcano_titles = set(
            Film.objects.get(slug="volcano-high").titles.values_list("title", flat=True)
        )
        assert volcano_titles == {"Volcano High", "Whasan High School"}

    def test_film_titles_and_links(self):
        crossing = Film.objects.get(slug="crossing")
        assert crossing.original_title == "크로싱"
        assert set(crossing.titles.values_list("title", "kind")) == {
            ("크로싱", "original"),
            ("Crossing", "english"),
            ("Keurosing", "romanized"),
        }
        assert crossing.links.get(kind="official").url == "http://www.crossing2008.co.kr/"
        assert crossing.runtime_minutes is None
        assert crossing.synopsis_source.publication.slug == "kofic"

    def test_publications_are_the_five_sources(self):
        assert set(Publication.objects.values_list("slug", flat=True)) == {
            "kbs-world",
            "joongang-daily",
            "chosun-ilbo",
            "korea-herald",
            "kofic",
        }

    def test_everything_in_the_seed_is_published(self):
        for model in (Film, Person, Article, Review):
            assert model.objects.published().count() == model.objects.count()
