"""
Machine-readable parts of the public pages: JSON-LD data blocks, Open Graph
tags, the query string of feed and download links, the coverage chart.
"""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Article, Review
from films.models import Film, Person
from public import jsonld
from public.citations import CITATIONS_PER_FILE
from public.feeds import selection_title
from public.open_data import usable_query
from public.templatetags.archive import mark_korean, review_title

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


@register.simple_tag
def coverage_timeline(timeline, heading_level=2):
    """
    Articles per month by publication: an SVG chart and the same numbers as a table.
    Written here rather than in a template: the chart has up to 840 bars, and a
    template took 9 ms to draw the 196 of the bench's press list (this, about 1 ms).
    """
    if not timeline:
        return ""
    return mark_safe("".join(timeline_parts(timeline, f"h{heading_level}")))  # noqa: S308


def timeline_parts(timeline, heading):
    """
    The chart's markup in pieces. Every text is escaped (a label holds a publication's
    name); the numbers, colours and classes are the timeline's own, written as they are.
    """
    by_year = timeline.by_year
    left, bottom = timeline.plot_left, timeline.plot_bottom
    # Each text translated outside the f-strings, where makemessages would not find it.
    title = _("Coverage by year") if by_year else _("Coverage by month")
    numbers_below = _("The table below gives the numbers.")
    yield (
        '<section class="coverage-timeline" aria-labelledby="timeline-heading">\n'
        f'  <{heading} id="timeline-heading">{text(title)}</{heading}>\n'
        '  <figure class="timeline-figure">\n'
        f'    <svg class="timeline-chart" viewBox="0 0 {timeline.width} {timeline.height}" '
        'role="img" aria-labelledby="timeline-title timeline-desc">\n'
        '      <title id="timeline-title">'
        + text(
            _("Articles per year, by publication")
            if by_year
            else _("Articles per month, by publication")
        )
        + "</title>\n"
        f'      <desc id="timeline-desc">{text(timeline.description)} '
        f"{text(numbers_below)}</desc>\n"
        '      <g class="timeline-axis" fill="currentColor" font-size="12">\n        '
    )
    for tick in timeline.ticks:
        y = tick["y"]
        yield (
            f'\n          <line x1="{left}" x2="{timeline.plot_right}" y1="{y}" y2="{y}" '
            'stroke="currentColor" stroke-opacity="0.25"></line>\n'
            f'          <text x="{left - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{number(tick["value"])}</text>\n        '
        )
    yield "\n        "
    for month in timeline.months:
        if month.axis_label:
            yield (
                f'\n          <text x="{month.label_x}" y="{bottom + 18}" '
                f'text-anchor="middle">{text(month.axis_label)}</text>\n        '
            )
    bars = '<g class="timeline-bars" stroke="#ffffff" stroke-width="1">'
    yield f"\n      </g>\n      {bars}\n        "
    for month in timeline.months:
        for segment in month.segments:
            yield (
                f'\n          <rect x="{segment.x}" y="{segment.y}" '
                f'width="{segment.width}" height="{segment.height}" '
                f'fill="{segment.series.colour}" class="{segment.series.css_class}">'
                f"<title>{text(segment.label)}</title></rect>\n        "
            )
    yield '\n      </g>\n    </svg>\n    <figcaption>\n      <ul class="timeline-legend">\n        '
    for series in timeline.series:
        colour, css_class = series.colour, series.css_class
        yield (
            '\n          <li><svg class="timeline-swatch" viewBox="0 0 10 10" width="10" '
            f'height="10" aria-hidden="true"><rect width="10" height="10" fill="{colour}" '
            f'class="{css_class}"></rect></svg> {mark_korean(series.name)} '
            f"({number(series.total)})</li>\n        "
        )
    caption = (
        _("Articles per year, by publication (years without articles are left out)")
        if by_year
        else _("Articles per month, by publication (months without articles are left out)")
    )
    as_table, month_heading, total = _("The numbers as a table"), _("Month"), _("Total")
    heads = "".join(
        f'<th scope="col">{mark_korean(series.name)}</th>' for series in timeline.series
    )
    yield (
        "\n      </ul>\n    </figcaption>\n  </figure>\n"
        '  <details class="timeline-table">\n'
        f"    <summary>{text(as_table)}</summary>\n"
        '    <div class="table-scroll" role="region" aria-labelledby="timeline-caption" '
        'tabindex="0">\n      <table class="data">\n'
        f'        <caption id="timeline-caption">{text(caption)}</caption>\n'
        "        <thead>\n"
        f'          <tr><th scope="col">{text(month_heading)}</th>{heads}'
        f'<th scope="col">{text(total)}</th></tr>\n'
        "        </thead>\n        <tbody>\n          "
    )
    for month in timeline.rows:
        counts = "".join(f'<td class="num">{number(count)}</td>' for count in month.counts)
        yield (
            f'\n            <tr><th scope="row"><time datetime="{text(month.iso)}">'
            f"{text(month.name)}</time></th>{counts}"
            f'<td class="num">{number(month.total)}</td></tr>\n          '
        )
    yield "\n        </tbody>\n      </table>\n    </div>\n  </details>\n</section>\n"


def text(value):
    """A value as a template writes it: escaped unless already safe."""
    return conditional_escape(value)


def number(value):
    """A count as a template writes it (localize() costs 14 µs, and without thousand
    separators it is the number's own digits)."""
    return localize(value) if settings.USE_THOUSAND_SEPARATOR else str(value)
