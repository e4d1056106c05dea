"""
Citation downloads: one article (/press/<slug>/citation.ris) or the
selection of /press/ (/press/citations.ris?source=...), in RIS, BibTeX or
CSL-JSON. The formats themselves are in crossing_archive.lib.citations.

A selection is written CITATIONS_PER_FILE articles a file, in the order of
/press/: `file=2` gives the next ones, and the response's Link header names
the next and previous files, so that a download costs the same whatever the
archive's size. The API pages through everything too.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from crossing_archive.lib.citations import Citation, to_bibtex, to_csl_json, to_ris
from public.open_data import bad_filters_response, press_filterset

ARCHIVE_NAME = "Crossing Archive"
CITATIONS_PER_FILE = 1000

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


def page_link(request, number, relation):
    query = request.GET.copy()
    query["file"] = str(number)
    return f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="{relation}"'


def article_citation(request, slug, extension):
    article = get_object_or_404(Article.objects.published().with_links(), slug=slug)
    citation = citation_of(article, request, timezone.localdate())
    return download([citation], extension, article.slug)


def press_citations(request, extension):
    """Every article /press/ lists for this query string, in its order (not just one page)."""
    filterset = press_filterset(request)
    if not filterset.is_valid():
        return bad_filters_response(filterset)
    paginator = Paginator(filterset.qs.defer("text").with_links(), CITATIONS_PER_FILE)
    try:
        page = paginator.page(request.GET.get("file") or 1)
    except PageNotAnInteger:
        return HttpResponseBadRequest(
            _("“file” must be a whole number.") + "\n", content_type="text/plain; charset=utf-8"
        )
    except EmptyPage:
        message = _("There is no file %(page)s: this selection has %(last)s.") % {
            "page": request.GET.get("file"),
            "last": paginator.num_pages,
        }
        return HttpResponseBadRequest(message + "\n", content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    citations = [citation_of(article, request, today) for article in page.object_list]
    name = "press" if page.number == 1 else f"press-{page.number}"
    response = download(citations, extension, name)
    response["X-Total-Count"] = str(paginator.count)
    links = []
    if page.has_next():
        links.append(page_link(request, page.next_page_number(), "next"))
    if page.has_previous():
        links.append(page_link(request, page.previous_page_number(), "prev"))
    if links:
        response["Link"] = ", ".join(links)
    return response
