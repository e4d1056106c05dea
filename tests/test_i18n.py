"""The interface in English and Korean; curators' text as entered; Korean script marked."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from crossing_archive.lib.hangul import contains_hangul, split_korean
from public.templatetags.archive import lang_attr, lang_of, mark_korean
from tests.factories import published_article, published_film

pytestmark = pytest.mark.django_db


def test_interface_is_english_by_default(client):
    html = client.get("/press/").content.decode()
    assert '<html lang="en">' in html
    assert "Press coverage" in html


def test_interface_is_korean_under_ko(client):
    response = client.get("/ko/press/")
    assert response.status_code == 200
    assert response["Content-Language"] == "ko"
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert "<h1>언론 보도</h1>" in html
    assert "본문으로 건너뛰기" in html
    assert '<a href="/ko/press/" aria-current="page">보도</a>' in html


def test_korean_home_page_is_served_at_ko(client):
    response = client.get("/ko/")
    assert response.status_code == 200
    assert '<html lang="ko">' in response.content.decode()


def test_home_never_redirects_or_changes_language_by_browser_or_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    response = client.get("/", headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert "Accept-Language" not in response.get("Vary", "")


def test_curators_text_stays_as_entered_in_korean(client):
    film = published_film(title="Crossing", year=2008)
    article = published_article(title="Belated Release", text="The text as published.")
    article.films.add(film)
    with translation.override("ko"):
        url = article.get_absolute_url()
    assert url == f"/ko/press/{article.slug}/"
    html = client.get(url).content.decode()
    assert '<h1 lang="en">Belated Release</h1>' in html
    assert "<p>The text as published.</p>" in html
    assert "서지 정보" in html  # "Citation"
    assert "2008년 6월 5일" in html  # the article's date, in Korean format


def test_korean_messages_for_bad_parameters(client):
    html = client.get("/ko/press/?date_after=abc").content.decode()
    assert "실제로 있는 날짜를 연-월-일 형식(2008-03-31)으로 입력하세요." in html


def test_language_switch_links_to_the_same_page_with_the_same_query(client):
    html = client.get("/press/?source=kofic&page=2").content.decode()
    assert "<form" not in html.split('class="language-switch"')[1].split("</nav>")[0]
    assert '<a href="/ko/press/?source=kofic&amp;page=2" hreflang="ko" lang="ko">한국어</a>' in html
    html = client.get("/ko/press/?source=kofic&page=2").content.decode()
    assert '<a href="/press/?source=kofic&amp;page=2" hreflang="en" lang="en">English</a>' in html
    assert '<span class="current-language" lang="ko" aria-current="true">한국어</span>' in html


def test_language_switch_on_a_detail_page(client):
    film = published_film(slug="crossing")
    html = client.get("/ko" + film.get_absolute_url()).content.decode()
    assert '<a href="/films/crossing/" hreflang="en" lang="en">English</a>' in html


def test_canonical_and_hreflang_alternates(client):
    published_film(slug="crossing")
    html = client.get("/ko/films/crossing/?utm_source=mail").content.decode()
    assert '<link rel="canonical" href="http://testserver/ko/films/crossing/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/films/crossing/">' in html
    assert (
        '<link rel="alternate" hreflang="ko" href="http://testserver/ko/films/crossing/">' in html
    )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/films/crossing/">'
        in html
    )


def test_canonical_of_a_list_keeps_its_filters_sorted_and_drops_the_rest(client):
    html = client.get(
        "/press/?source=kofic&utm_campaign=x&q=&ordering=oldest&date_after=2008-01-01&page=1"
    ).content.decode()
    assert (
        '<link rel="canonical" href="http://testserver/press/'
        '?date_after=2008-01-01&amp;page=1&amp;source=kofic">' in html
    )
    assert (
        '<link rel="alternate" hreflang="ko" href="http://testserver/ko/press/'
        '?date_after=2008-01-01&amp;page=1&amp;source=kofic">' in html
    )


def test_missing_page_has_no_canonical(client):
    response = client.get("/ko/films/no-such-film/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ko">' in html
    assert 'rel="canonical"' not in html


def test_feeds_and_api_stay_unprefixed(client):
    published_film(slug="crossing")
    assert client.get("/press/feed.atom").status_code == 200
    assert client.get("/films/crossing/press.atom").status_code == 200
    assert client.get("/ko/press/feed.atom").status_code == 404
    assert client.get("/ko/api/").status_code == 404
    with translation.override("ko"):
        assert reverse("press_feed") == "/press/feed.atom"


def test_set_language_view_is_gone(client):
    assert client.post("/i18n/setlang/", {"language": "ko"}).status_code == 404


def test_compiled_korean_catalogue_is_installed():
    with translation.override("ko"):
        assert translation.gettext("Press coverage") == "언론 보도"
        assert translation.ngettext("%(number)s article", "%(number)s articles", 3) == (
            "기사 %(number)s건"
        )


def test_contains_hangul():
    assert contains_hangul("크로싱")
    assert contains_hangul("E Minor로")
    assert not contains_hangul("Crossing")
    assert not contains_hangul("出棺")
    assert not contains_hangul("")
    assert not contains_hangul(None)


def test_split_korean_keeps_runs_whole():
    assert split_korean("[movie 2008] Crossing 크로싱") == [
        ("[movie 2008] Crossing ", False),
        ("크로싱", True),
    ]
    assert split_korean("渡江(도강)") == [("渡江(도강)", True)]
    assert split_korean("쏟아지는 별, 얼어가는 아이") == [("쏟아지는 별, 얼어가는 아이", True)]
    assert split_korean("Crossing") == [("Crossing", False)]


def test_lang_attr_marks_hangul_only():
    assert lang_attr("김태균") == ' lang="ko"'
    assert lang_attr("Kim Tae-kyun") == ""


def test_mark_korean_escapes_and_wraps():
    assert mark_korean("<b>E Minor</b>로 쌓아") == (
        '&lt;b&gt;E Minor&lt;/b&gt;<span lang="ko">로 쌓아</span>'
    )


def test_mark_korean_in_a_template_does_not_double_escape():
    template = Template("{% load archive %}<p{{ name|lang_attr }}>{{ text|mark_korean }}</p>")
    html = template.render(Context({"name": "크로싱", "text": "Tom & 제리"}))
    assert html == '<p lang="ko">Tom &amp; <span lang="ko">제리</span></p>'


def test_lang_of_a_language_code():
    assert lang_of("ko-Latn") == ' lang="ko-Latn"'
    assert lang_of("und") == ""
    assert lang_of("") == ""


@pytest.mark.usefixtures("seed")
class TestSeedRecordInKorean:
    def test_film_page_leads_with_the_hangul_title(self, client):
        html = client.get("/ko/films/crossing/").content.decode()
        assert '<html lang="ko">' in html
        assert '<h1>크로싱 <span class="year">(2008)</span></h1>' in html
        assert '<p class="original-title" lang="en">Crossing</p>' in html

    def test_names_lead_in_hangul_with_the_romanization_marked_english(self, client):
        html = client.get("/ko/films/crossing/").content.decode()
        assert (
            '<a href="/ko/people/cha-in-pyo/">차인표</a> <span lang="en">Cha In-pyo</span>' in html
        )
        html = client.get("/ko/people/cha-in-pyo/").content.decode()
        assert "<h1>차인표</h1>" in html
        assert '<p class="original-title" lang="en">Cha In-pyo</p>' in html

    def test_english_pages_lead_with_the_romanization_and_mark_hangul(self, client):
        html = client.get("/films/crossing/").content.decode()
        assert '<a href="/people/cha-in-pyo/">Cha In-pyo</a> <span lang="ko">차인표</span>' in html
        assert '<p class="original-title" lang="ko">크로싱</p>' in html

    def test_english_publication_names_are_marked_on_korean_pages(self, client):
        html = client.get("/ko/press/").content.decode()
        assert '<li><span lang="en">The Chosun Ilbo</span></li>' in html
