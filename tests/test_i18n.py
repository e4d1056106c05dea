"""The interface in English and Korean; curators' text as entered; Korean script marked."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from crossing_archive.lib.hangul import contains_hangul, split_korean
from public.templatetags.archive import lang_attr, lang_of, mark_korean
from tests.factories import published_article, published_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def korean(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    return client


def test_interface_is_english_by_default(client):
    html = client.get("/press/").content.decode()
    assert '<html lang="en">' in html
    assert "Press coverage" in html


def test_interface_is_korean_for_a_korean_visitor(korean):
    html = korean.get("/press/").content.decode()
    assert '<html lang="ko">' in html
    assert "<h1>언론 보도</h1>" in html
    assert "본문으로 건너뛰기" in html
    assert '<a href="/press/" aria-current="page">보도</a>' in html


def test_browser_language_chooses_korean(client):
    html = client.get("/", headers={"accept-language": "ko-KR,ko;q=0.9"}).content.decode()
    assert '<html lang="ko">' in html


def test_curators_text_stays_as_entered_in_korean(korean):
    film = published_film(title="Crossing", year=2008)
    article = published_article(title="Belated Release", text="The text as published.")
    article.films.add(film)
    html = korean.get(article.get_absolute_url()).content.decode()
    assert '<h1 lang="en">Belated Release</h1>' in html
    assert "<p>The text as published.</p>" in html
    assert "서지 정보" in html  # "Citation"
    assert "2008년 6월 5일" in html  # the article's date, in Korean format


def test_korean_messages_for_bad_parameters(korean):
    html = korean.get("/press/?date_after=abc").content.decode()
    assert "실제로 있는 날짜를 연-월-일 형식(2008-03-31)으로 입력하세요." in html


def test_language_switch_posts_to_set_language_and_keeps_the_address(client):
    html = client.get("/press/?source=kofic").content.decode()
    assert '<form class="language-switch" action="/i18n/setlang/" method="post"' in html
    assert '<input type="hidden" name="next" value="/press/?source=kofic">' in html
    assert '<button type="submit" name="language" value="ko" lang="ko">한국어</button>' in html
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/press/?source=kofic"})
    assert response.status_code == 302
    assert response["Location"] == "/press/?source=kofic"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ko"
    assert '<html lang="ko">' in client.get("/press/").content.decode()


def test_urls_are_the_same_in_every_language(korean):
    assert korean.get("/press/").status_code == 200
    assert korean.get("/ko/press/").status_code == 404


def test_compiled_korean_catalogue_is_installed():
    with translation.override("ko"):
        assert translation.gettext("Press coverage") == "언론 보도"
        assert translation.ngettext("%(counter)s article", "%(counter)s articles", 3) == (
            "기사 %(counter)s건"
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
