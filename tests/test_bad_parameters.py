"""
A bad query parameter gets the page with a message naming the problem, never a
500. The parameter is left out: the list shows what the valid filters give.
A page past the end shows the last page, with a message.
"""

import datetime
import re

import pytest

from tests.factories import make_publication, published_article, published_review, text_of

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/press/", "/reviews/"]

# (query string, what the message says)
BAD_PARAMETERS = [
    ("date_after=2008-02-30", "From “2008-02-30”: Enter a date that exists"),
    ("date_after=abc", "From “abc”: Enter a date that exists"),
    ("date_before=2008-13-01", "To “2008-13-01”: Enter a date that exists"),
    ("date_before=99999-01-01", "To “99999-01-01”: Enter a date that exists"),
    ("date_after=03/01/2008", "From “03/01/2008”: Enter a date that exists"),
    ("source=no-such-paper", "Source “no-such-paper”: There is no source with this name."),
    ("source=herald&source=nope", "Source “herald, nope”: There is no source with this name."),
    ("source=%00", "Null characters are not allowed."),
    (
        "date_after=2008-04-01&date_before=2008-03-01",
        "The “from” date (2008-04-01) is later than the “to” date (2008-03-01)",
    ),
    ("film=no-such-film", "Film “no-such-film”: There is no film with this name in the archive."),
    ("language=xx", "Language “xx”: There is no language with this code."),
    ("ordering=junk", "Order “junk”: Choose newest, oldest or title."),
    ("ordering=-date", "Order “-date”: Choose newest, oldest or title."),
    ("q=%00", "Null characters are not allowed."),
    ("q=" + "x" * 201, "Ensure this value has at most 200 characters"),
    ("page=abc", "“abc” is not a page number: this is the first page."),
    ("page=0", "There is no page 0: this is the first page."),
    ("page=-3", "There is no page -3: this is the first page."),
    ("page=999", "There is no page 999: this is the last page, 1."),
    ("page=99999999999999999999999", "this is the last page, 1."),
]


@pytest.fixture
def rows():
    herald = make_publication(slug="herald", name="Herald")
    published_article(publication=herald, date=datetime.date(2008, 3, 19))
    published_review(publication=herald, date=datetime.date(2008, 3, 19))


@pytest.mark.parametrize("url", LIST_PAGES)
@pytest.mark.parametrize(("query", "message"), BAD_PARAMETERS)
def test_bad_parameter_shows_the_page_with_a_message_not_an_error(
    client, rows, url, query, message
):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    alert = re.search(r'<div class="alert" role="alert".*?</div>', response.content.decode(), re.S)
    assert alert, "no alert on the page"
    assert message in text_of(alert.group())


@pytest.mark.parametrize("url", LIST_PAGES)
def test_every_bad_parameter_at_once_is_listed(client, rows, url):
    query = "date_after=abc&date_before=2008-02-30&source=x&film=y&language=z&ordering=w&page=q"
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    assert len(response.context["problems"]) == 7


@pytest.mark.parametrize("url", LIST_PAGES)
def test_invalid_filter_is_left_out_and_valid_ones_still_apply(client, url):
    herald, other = make_publication(slug="herald"), make_publication(slug="other")
    for publication in (herald, other):
        published_article(publication=publication, date=datetime.date(2008, 3, 19))
        published_review(publication=publication, date=datetime.date(2008, 3, 19))
    response = client.get(f"{url}?source=herald&date_after=abc")
    assert [row.publication for row in response.context["page_obj"]] == [herald]
    assert len(response.context["problems"]) == 1


@pytest.mark.parametrize("url", LIST_PAGES)
def test_reversed_date_range_lists_nothing_and_says_why(client, rows, url):
    response = client.get(f"{url}?date_after=2008-04-01&date_before=2008-03-01")
    assert response.context["page_obj"].paginator.count == 0
    assert "is later than the “to” date" in response.content.decode()


@pytest.mark.parametrize("url", LIST_PAGES)
def test_problem_offers_a_link_without_the_bad_parameter(client, rows, url):
    response = client.get(f"{url}?source=herald&date_after=abc&page=2")
    assert response.context["problems"][0]["remove_url"] == f"{url}?source=herald"


def test_page_past_the_end_shows_the_last_page(client):
    publication = make_publication()
    for day in range(25):
        published_article(publication=publication, date=datetime.date(2008, 1, 1 + day))
    response = client.get("/press/?page=7")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"]) == 5
    assert "There is no page 7: this is the last page, 2." in response.content.decode()


def test_empty_list_with_a_page_number_shows_the_empty_first_page(client):
    response = client.get("/reviews/?page=3")
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert b"No review matches." in response.content


def test_home_ignores_other_parameters_and_reports_a_bad_page(client):
    response = client.get("/?page=abc&date_after=2008-02-30&source=%00")
    assert response.status_code == 200
    assert "“abc” is not a page number: this is the first page." in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/films/crossing/?page=abc", "/people/x/?q=%00", "/press/x/?page=-1", "/reviews/x/?a=b"],
)
def test_detail_pages_answer_404_not_500_for_unknown_entries(client, url):
    assert client.get(url).status_code == 404
