"""
Citation downloads: one article (/press/<slug>/citation.ris) or the whole
selection of /press/ (/press/citations.ris?source=...), in RIS, BibTeX or
CSL-JSON. The formats themselves are in crossing_archive.lib.citations.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from crossing_archive.lib.citations import Citation, to_bibtex, to_csl_json, to_ris
from public.open_data import bad_filters_response, press_filterset

ARCHIVE_NAME = "Crossing Archive"

# extension: (writer, media type)
FORMATS = {
    "ris": (to_ris, "application/x-research-info-systems"),
    "bib": (to_bibtex, "application/x-bibtex"),
    "json": (to_csl_json, "application/vnd.citationstyles.csl+json"),
}


def citation_of(article, request, accessed):
    """
    An article as a Citation; its linked, published authors are its authors
    (`visible_authors`: the article comes from Article.objects.with_links()).
    """
    return Citation(
        key=article.slug,
        title=article.title,
        container_title=article.publication.name,
        date=article.date,
        authors=tuple(person.name for person in article.visible_authors),
        url=article.url,
        archive=ARCHIVE_NAME,
        archive_url=request.build_absolute_uri(article.get_absolute_url()),
        language=article.language if article.language != "und" else "",
        note=_("Byline as published: %(byline)s") % {"byline": article.byline}
        if article.byline
        else "",
        accessed=accessed,
    )


def review_citation_of(review, request):
    """A review as a Citation, with what the archive knows of its critic and publication."""
    author = review.author if review.author_id and review.author.is_published else None
    return Citation(
        key=review.slug,
        title=review.title or _("Review of %(film)s") % {"film": review.film.title},
        container_title=review.publication.name if review.publication_id else "",
        date=review.date,
        authors=(author.name,) if author else (),
        url=review.url,
        archive=ARCHIVE_NAME,
        archive_url=request.build_absolute_uri(review.get_absolute_url()),
        language=review.language if review.language != "und" else "",
    )


def meta_tags(citation):
    """
    (name, content) pairs of the citation_* <meta> tags that reference managers
    (Zotero, Mendeley) read, the Highwire Press convention Google Scholar documents.
    A tag is left out when the archive does not know its value.
    """
    tags = [("citation_title", citation.title)]
    tags += [("citation_author", author) for author in citation.authors]
    if citation.container_title:
        tags += [
            ("citation_journal_title", citation.container_title),
            ("citation_publisher", citation.container_title),
        ]
    if citation.date:
        tags.append(("citation_publication_date", citation.date.strftime("%Y/%m/%d")))
    if citation.language:
        tags.append(("citation_language", citation.language))
    if citation.url:
        tags.append(("citation_public_url", citation.url))
    tags.append(("citation_fulltext_html_url", citation.archive_url))
    return tags


def download(citations, extension, filename):
    writer, media_type = FORMATS[extension]
    response = HttpResponse(writer(citations), content_type=f"{media_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


def article_citation(request, slug, extension):
    article = get_object_or_404(Article.objects.published().with_links(), slug=slug)
    citation = citation_of(article, request, timezone.localdate())
    return download([citation], extension, article.slug)


def press_citations(request, extension):
    """Every article /press/ lists for this query string, in its order (not just one page)."""
    filterset = press_filterset(request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    today = timezone.localdate()
    articles = filterset.qs.with_links()
    citations = [citation_of(article, request, today) for article in articles]
    return download(citations, extension, "press")
