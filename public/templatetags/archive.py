"""Filters and small widgets shared by the public pages."""

import re

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Article, Document, Review
from crossing_archive.lib.hangul import contains_hangul, split_korean
from crossing_archive.lib.ratings import format_rating
from films.models import DatePrecision, Film

register = template.Library()


# ---------------------------------------------------------------------------
# Language of curators' text
# ---------------------------------------------------------------------------


_LATIN_LETTER = re.compile("[a-z]", re.IGNORECASE)


def page_is_korean():
    return get_language() == "ko"


def language_of_text(value):
    """ "ko" for Hangul, "en" for Latin letters, None for neither (digits, punctuation)."""
    if contains_hangul(value):
        return "ko"
    if value and _LATIN_LETTER.search(str(value)):
        return "en"
    return None


@register.filter
def lang_attr(value):
    """
    ' lang="…"' when the text is not in the page's language, for
    <span{{ name|lang_attr }}>: Hangul on English pages is "ko", Latin
    letters on Korean pages (a romanized name, an English title) are "en",
    so that a screen reader speaks each with the right voice.
    """
    language = language_of_text(value)
    if language is None or language == get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.filter
def mark_korean(value):
    """
    The text, always escaped, with each run in the other language marked:
    runs of Korean script in <span lang="ko"> on English pages, runs of
    Latin letters in <span lang="en"> on Korean pages.
    """
    korean_page = page_is_korean()

    def marked(piece, korean):
        if korean and not korean_page:
            return format_html('<span lang="ko">{}</span>', piece)
        if not korean and korean_page and language_of_text(piece) == "en":
            return format_html('<span lang="en">{}</span>', piece)
        return piece

    return format_html_join("", "{}", ((marked(*run),) for run in split_korean(value)))


def name_forms(entry):
    """
    (lead, second) names of a Person or titles of a Film in the page's
    language: on Korean pages the Hangul form leads and the romanization
    follows; on English pages the other way round. Second may be "".
    """
    if isinstance(entry, Film):
        latin, original = entry.title, entry.original_title
        if original == latin:
            original = ""
    else:
        latin, original = entry.name, entry.name_hangul
    if page_is_korean() and contains_hangul(original):
        return original, latin
    return latin, original


@register.filter
def lead_name(entry):
    """The name or title of a person or film to show first (see name_forms)."""
    return name_forms(entry)[0]


@register.filter
def second_name(entry):
    """The name or title shown after the lead one, or ""."""
    return name_forms(entry)[1]


@register.filter
def lead_marked(entry):
    """The lead name or title, in a <span lang> when it is not in the page's language."""
    lead = name_forms(entry)[0]
    return format_html("<span{}>{}</span>", lang_attr(lead), lead) if lang_attr(lead) else lead


@register.filter
def marked_name(entry):
    """
    '<span lang="ko">차인표</span> <span lang="en">Cha In-pyo</span>' style:
    both forms in the page's order, each in its language when it is not the
    page's, the second in a <span class="second-name">.
    """
    lead, second = name_forms(entry)
    html = format_html("<span{}>{}</span>", lang_attr(lead), lead)
    if second:
        html += format_html(' <span class="second-name"{}>{}</span>', lang_attr(second), second)
    return html


@register.filter
def lang_of(code):
    """' lang="en"' for a stored language code; nothing when it is unknown."""
    if not code or code == "und":
        return ""
    return format_html(' lang="{}"', code)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------


@register.filter
def claim_date(claim):
    """A claim's date at the precision its source gave, in the visitor's language."""
    if not claim.date_start:
        return ""
    pattern = {
        DatePrecision.YEAR: "Y",
        DatePrecision.MONTH: "YEAR_MONTH_FORMAT",
    }.get(claim.date_precision, "DATE_FORMAT")
    text = date_format(claim.date_start, pattern)
    if claim.date_end and claim.date_end != claim.date_start:
        text = f"{text} – {date_format(claim.date_end, pattern)}"
    return text


@register.filter
def track_length(value):
    """A duration as m:ss (h:mm:ss past an hour)."""
    if value is None:
        return ""
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


@register.filter
def rating_on_scale(review):
    """'2.5/4', or '2.5 (scale not stated)' when the review gives no scale."""
    if review.rating is None:
        return ""
    if review.rating_scale is None:
        return _("%(rating)s (scale not stated)") % {"rating": format_rating(review.rating)}
    return format_rating(review.rating, review.rating_scale)


@register.filter
def review_title(review):
    return review.title or _("Review of %(film)s") % {"film": review.film.title}


# ---------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------


def describe_source(source):
    """What to show for one source: label, link, and a note on where it appeared."""
    if isinstance(source, Article):
        return {
            "label": source.title,
            "url": source.get_absolute_url(),
            "detail": f"{source.publication.name}, {date_format(source.date)}",
        }
    if isinstance(source, Review):
        detail = source.publication.name if source.publication_id else ""
        return {"label": review_title(source), "url": source.get_absolute_url(), "detail": detail}
    if isinstance(source, Document):
        return {"label": str(source), "url": source.url, "detail": source.get_kind_display()}
    return {"label": str(source), "url": "", "detail": ""}


@register.inclusion_tag("includes/source.html")
def source(document):
    """One cited document: a link to its page, or to its address when it has one."""
    return describe_source(document)


@register.inclusion_tag("includes/source_list.html")
def sources(row):
    """Where an attested row was found (its sources must be prefetched)."""
    return {"sources": [describe_source(item) for item in row.sources()]}


@register.inclusion_tag("includes/nav_link.html", takes_context=True)
def nav_link(context, url_name, label):
    url = reverse(url_name)
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = bool(match) and match.url_name == url_name
    return {"url": url, "label": label, "current": current}


@register.inclusion_tag("includes/person_link.html")
def person_link(person, credited_as=None):
    """A person's name linked to their page, with the name they were credited under."""
    known = {person.name, person.name_hangul}
    credited = credited_as.name if credited_as and credited_as.name not in known else ""
    lead, second = name_forms(person)
    return {"person": person, "lead": lead, "second": second, "credited": credited}


@register.inclusion_tag("includes/article_item.html")
def article_item(article):
    """An article in a list: title as a level-3 heading, publication, date, byline."""
    return {"article": article}


@register.inclusion_tag("includes/review_item.html")
def review_item(review, show_film=True):
    """A review in a list: title as a level-3 heading, film, source, rating."""
    return {"review": review, "show_film": show_film}


@register.inclusion_tag("includes/rating.html")
def rating(review):
    return {"review": review}


@register.inclusion_tag("includes/image.html")
def archive_image(image, sizes="100vw", css_class="", leading=False):
    """
    An archive image at the size that fits: srcset from its smaller copies.
    Lazily loaded, unless it is `leading`: the image at the top of its page
    (a film's poster, a person's photo), which the browser fetches first.
    """
    return {"image": image, "sizes": sizes, "css_class": css_class, "leading": leading}


@register.inclusion_tag("includes/pagination.html")
def pagination(page):
    """Page links that keep the query string (the {% querystring %} tag needs a request)."""
    return {"page": page}
