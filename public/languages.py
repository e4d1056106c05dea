"""
Where a page lives in each language: the language switch, hreflang
alternates and the canonical address all come from here.

English pages have no prefix and Korean pages the /ko/ prefix
(crossing_archive/urls.py); the same page in another language is the view's
URL reversed with that language active.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from public.filters import ArticleFilterSet, ReviewFilterSet
from public.forms import SearchForm

# The query parameters that choose what a page shows, per page: the canonical
# address keeps these and drops the rest (tracking tags, a stray parameter).
# The order of the results is left out: another order is the same page.
MEANINGFUL_PARAMETERS = {
    "article_list": {*ArticleFilterSet.base_filters, "page"} - {"ordering"},
    "review_list": {*ReviewFilterSet.base_filters, "page"} - {"ordering"},
    "search": {*SearchForm.base_fields, "page"},
}


def path_in(request, language):
    """
    This page's path in `language` (no query string); the home page in that
    language when the address matched no page of the public site.
    """
    match = getattr(request, "resolver_match", None)
    with translation.override(language):
        if match is not None:
            try:
                return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                pass
        return reverse("home")


def canonical_query(request):
    """
    The page's meaningful parameters, sorted and without empty values, as a
    query string with its "?" (or ""): one address for one content.
    """
    match = getattr(request, "resolver_match", None)
    keep = MEANINGFUL_PARAMETERS.get(match.url_name if match else None, set())
    pairs = sorted(
        (name, value)
        for name in request.GET
        if name in keep
        for value in request.GET.getlist(name)
        if value.strip()
    )
    return f"?{urlencode(pairs)}" if pairs else ""


def page_languages(request):
    """
    [(code, local name, path with the visitor's query string, is current)]:
    the language switch, as links to this same page.
    """
    current = translation.get_language()
    query = request.META.get("QUERY_STRING", "")
    return [
        (
            code,
            translation.get_language_info(code)["name_local"],
            path_in(request, code) + (f"?{query}" if query else ""),
            code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


def alternates(request):
    """
    The canonical address of the page in the current language and its
    hreflang alternates [(hreflang, absolute URL)], x-default in English.
    """
    query = canonical_query(request)
    urls = {
        code: request.build_absolute_uri(path_in(request, code) + query)
        for code, _name in settings.LANGUAGES
    }
    return {
        "canonical": urls[translation.get_language()],
        "alternates": [
            *urls.items(),
            ("x-default", urls[settings.LANGUAGE_CODE]),
        ],
    }
