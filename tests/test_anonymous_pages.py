"""
Anonymous pages set no cookie and do not vary by cookie or browser language,
so that a shared cache may keep them: every page of the public site
(public.urls, found by name so that a page added later is checked too) in
both languages, and the pages a visitor reaches with odd parameters.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from public.urls import urlpatterns as public_pages

pytestmark = pytest.mark.django_db

# The seed entry each parametrised page shows; a page missing here fails.
SEED_SLUGS = {
    "film_detail": "crossing",
    "film_cast": "crossing",
    "person_detail": "kim-tae-kyun",
    "article_detail": "nkorean-refugees-film-strikes-chord-at-us-screening",
    "review_detail": "crossing-review",
}
ODD_ADDRESSES = [
    "/search/?q=kim+tae+gyoon",
    "/search/?q=crossing&kind=nope&page=99",
    "/press/?source=nope&date_after=abc&page=x",
    "/reviews/?page=99",
    "/films/no-such-film/",
    "/no-such-page/",
]


def page_addresses():
    for language in ("en", "ko"):
        with translation.override(language):
            for pattern in public_pages:
                slug = SEED_SLUGS.get(pattern.name)
                yield reverse(pattern.name, args=[slug] if slug else [])
        prefix = "" if language == "en" else f"/{language}"
        yield from (prefix + address for address in ODD_ADDRESSES)


def test_every_page_is_named_here():
    needs_a_slug = {p.name for p in public_pages if "slug" in str(p.pattern)}
    assert needs_a_slug == set(SEED_SLUGS)


@pytest.mark.usefixtures("module_seed")
@pytest.mark.parametrize("address", list(page_addresses()))
def test_anonymous_page_sets_no_cookie(client, address):
    response = client.get(address)
    assert response.status_code in (200, 404), address
    assert not response.cookies, f"{address} sets {list(response.cookies)}"
    vary = response.get("Vary", "")
    assert "Cookie" not in vary
    assert "Accept-Language" not in vary
