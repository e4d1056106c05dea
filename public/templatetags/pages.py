"""Template tags of the page layouts: claim headlines, ratings in words, track titles, metadata."""

from django import template
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from crossing_archive.lib.ratings import format_rating
from public.citations import citation_of, meta_tags, review_citation_of
from public.templatetags.archive import claim_date

register = template.Library()

DESCRIPTION_LENGTH = 160


@register.filter
def claim_headline(claim):
    """
    What a claim says, in the page's language: its date, normalised and
    formatted for the locale, when it has one; otherwise its words as stated.
    """
    return claim_date(claim) or claim.value


@register.filter
def rating_in_words(review):
    """
    A review's rating as one phrase that invents nothing: the published text
    first, then the number on its scale, or that the scale is not stated.
    """
    if review.rating is None:
        return review.rating_text
    if review.rating_scale is None:
        value = review.rating_text or format_rating(review.rating)
        return _("%(rating)s — scale not stated") % {"rating": value}
    on_scale = format_rating(review.rating, review.rating_scale)
    if review.rating_text and review.rating_text != on_scale:
        return _("%(text)s (%(rating)s)") % {"text": review.rating_text, "rating": on_scale}
    return on_scale


@register.filter
def description(text):
    """Text for <meta name="description">: one line, cut at a word near 160 characters."""
    return Truncator(" ".join(str(text).split())).chars(DESCRIPTION_LENGTH)


@register.simple_tag(takes_context=True)
def citation_meta(context, document):
    """The citation_* <meta> tags of an article (from Article.objects.with_links()) or review."""
    request = context["request"]
    if hasattr(document, "visible_authors"):
        citation = citation_of(document, request, accessed=None)
    else:
        citation = review_citation_of(document, request)
    return format_html_join("\n  ", '<meta name="{}" content="{}">', meta_tags(citation))
