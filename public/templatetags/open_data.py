"""
Machine-readable parts of the public pages: JSON-LD data blocks, Open Graph
tags, the query string of feed and download links, the coverage chart.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language

from articles.models import Article, Review
from films.models import Film, Person
from public import jsonld
from public.citations import CITATIONS_PER_FILE
from public.feeds import selection_title
from public.open_data import usable_query
from public.templatetags.archive import review_title

register = template.Library()

# What json_script escapes: with these, no text can close the <script>
# element or open a comment in it, whatever a curator typed.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
OG_LOCALES = {"en": "en_US", "ko": "ko_KR"}
DESCRIPTION_WORDS = 40

PAGE_DATA = {
    Film: jsonld.film_page_data,
    Person: jsonld.person_page_data,
    Article: jsonld.article_page_data,
    Review: jsonld.review_page_data,
}


def json_ld_script(data):
    """
    A <script type="application/ld+json"> data block. A data block is never
    run, so a Content-Security-Policy without 'unsafe-inline' allows it.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # Safe to mark: the escapes above leave no markup in the text.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308
    )


@register.simple_tag(takes_context=True)
def json_ld(context, entry):
    """The page's schema.org description of `entry` (a film, person, article or review)."""
    return json_ld_script(PAGE_DATA[type(entry)](entry, context["request"]))


def summary(text):
    return Truncator(" ".join(text.split())).words(DESCRIPTION_WORDS)


def open_graph_data(entry):
    if isinstance(entry, Film):
        return (
            "video.movie",
            str(entry),
            summary(entry.synopsis or entry.tagline),
            entry.poster_image,
        )
    if isinstance(entry, Person):
        return "profile", entry.name, summary(entry.bio), entry.photo_image
    if isinstance(entry, Article):
        return "article", entry.title, summary(entry.public_text), None
    return "article", review_title(entry), summary(entry.public_text), None


@register.inclusion_tag("includes/open_graph.html", takes_context=True)
def open_graph(context, entry):
    """Open Graph tags and the canonical address of an entry's page."""
    request = context["request"]
    kind, title, description, image = open_graph_data(entry)
    return {
        "kind": kind,
        "title": title,
        "description": description,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "image_url": request.build_absolute_uri(image.src) if image else "",
        "image_alt": image.alt_text if image else "",
        "locale": OG_LOCALES.get(get_language(), ""),
    }


@register.simple_tag
def filters_query(filterset, *leave_out):
    """
    '?source=kofic' or '': the usable filters of the page, for links to its
    feeds and downloads; None when the filters contradict each other.
    """
    query = usable_query(filterset, leave_out=("page", *leave_out))
    if query is None:
        return None
    return f"?{query}" if query else ""


@register.simple_tag
def citation_files(filterset, count):
    """
    The citation downloads a selection of `count` articles needs past the
    first: {"per_file", "last", "files": [(number, query string), ...]}, the
    files listed being the next nine and the last; None when one file holds
    them all.
    """
    query = usable_query(filterset)
    if query is None or count <= CITATIONS_PER_FILE:
        return None
    last = (count - 1) // CITATIONS_PER_FILE + 1
    numbers = sorted({*range(2, min(last, 10) + 1), last})
    prefix = f"?{query}&" if query else "?"
    return {
        "per_file": CITATIONS_PER_FILE,
        "last": last,
        "files": [(number, f"{prefix}file={number}") for number in numbers],
    }


@register.simple_tag
def feed_title(filterset):
    """The title of the feed of this selection of /press/ (its filters validated)."""
    cleaned = getattr(filterset.form, "cleaned_data", {})
    return selection_title(cleaned.get("film"), cleaned.get("source") or [])


@register.inclusion_tag("includes/coverage_timeline.html")
def coverage_timeline(timeline, heading_level=2):
    """Articles per month by publication: an SVG chart and the same numbers as a table."""
    return {"timeline": timeline, "heading_tag": f"h{heading_level}"}
