from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from articles.models import Article, Publication, Review
from core.paginators import PickedRowsPaginator
from public.filters import DEFAULT_ORDERING, REVIEW_ORDERING, ArticleFilterSet, ReviewFilterSet
from public.timeline import coverage_timeline
from public.views.old_slugs import OldSlugRedirectMixin

PER_PAGE = 20
# Lists count no further than this, and page no further: past it a count
# reads "more than 10,000" and the visitor narrows the filters instead.
COUNT_CAP = 10_000


class CappedPaginator(PickedRowsPaginator):
    """
    A paginator that counts a queryset up to COUNT_CAP + 1 rows, a subquery
    with a LIMIT, instead of every row, and pages no further than the cap.
    """

    @cached_property
    def count(self):
        if isinstance(self.object_list, QuerySet):
            return self.object_list.order_by()[: self.cap + 1].count()
        return super().count

    cap = COUNT_CAP

    @property
    def capped(self):
        return self.count > self.cap

    @cached_property
    def num_pages(self):
        return min(super().num_pages, self.cap // self.per_page)


def paginate(request, queryset, per_page=PER_PAGE, rows_from=None):
    """
    The requested page and a message when the page parameter could not be
    honoured: not a number gives the first page, past the end the last one.
    Runs two queries: the count (capped) and the page's rows. With `rows_from`
    (the queryset that `queryset` filters), the rows are read from it by the
    ids the filtered list picks.
    """
    paginator = CappedPaginator(queryset, per_page, rows_from=rows_from)
    raw = request.GET.get("page", "").strip()
    if not raw:
        return paginator.page(1), None
    try:
        number = int(raw)
    except ValueError:
        return paginator.page(1), _("“%(page)s” is not a page number: this is the first page.") % {
            "page": raw
        }
    if number < 1:
        return paginator.page(1), _("There is no page %(page)s: this is the first page.") % {
            "page": number
        }
    if number > paginator.num_pages and paginator.capped:
        message = _(
            "Lists stop at page %(last)s: this is that page. Narrow the search or the "
            "filters to reach further."
        ) % {"last": paginator.num_pages}
        return paginator.page(paginator.num_pages), message
    if number > paginator.num_pages:
        message = _("There is no page %(page)s: this is the last page, %(last)s.") % {
            "page": number,
            "last": paginator.num_pages,
        }
        return paginator.page(paginator.num_pages), message
    return paginator.page(number), None


def filtered_list(request, filterset_class, queryset, template_name, extra_context=None):
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    page, page_problem = paginate(request, filterset.qs, rows_from=queryset)
    problems = filterset.problems()
    if page_problem:
        problems.append({"message": page_problem, "label": "", "value": "", "remove_url": ""})
    return render(
        request,
        template_name,
        {
            "filterset": filterset,
            "page_obj": page,
            "problems": problems,
            "notice": filterset.match_notice(),
            "active_filters": filterset.active_filters(),
            **(extra_context(filterset, page) if extra_context else {}),
        },
    )


def press_timeline(filterset, page):
    """
    The coverage chart of the filtered articles: one grouped query once a generation
    for each set of filters (the page and the order leave it alike), none when
    nothing matches.
    """
    if not page.paginator.count:
        return {"timeline": None}
    filters = sorted(
        (name, tuple(values))
        for name, values in filterset.data.lists()
        if name not in ("page", "ordering")
    )
    return {"timeline": coverage_timeline(filterset.qs, remembered_as=("press", filters))}


def article_list(request):
    # A list never reads the text: sorting rows without it keeps them small.
    articles = Article.objects.published().select_related("publication").defer("text")
    return filtered_list(
        request,
        ArticleFilterSet,
        articles.order_by(*DEFAULT_ORDERING),
        "articles/article_list.html",
        extra_context=press_timeline,
    )


def review_list(request):
    reviews = (
        Review.objects.published()
        .select_related("film", "publication", "author")
        .defer("text", "film__synopsis", "author__bio")
    )
    return filtered_list(
        request,
        ReviewFilterSet,
        reviews.order_by(*REVIEW_ORDERING),
        "articles/review_list.html",
    )


class ArticleDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().with_links().select_related("via__parent")


class ReviewDetailView(OldSlugRedirectMixin, DetailView):
    template_name = "articles/review_detail.html"
    context_object_name = "review"

    def get_queryset(self):
        return Review.objects.published().select_related(
            "film", "publication", "author", "via__parent"
        )


SOURCES_PER_PAGE = 100


def source_list(request):
    """
    /sources/: every publication A to Z with its published articles, each a
    link to /press/ filtered by it; the counts are read for one page only.
    """
    articles = (
        Article.objects.published()
        .filter(publication=OuterRef("pk"))
        .order_by()
        .values("publication")
        .annotate(entries=Count("pk"))
        .values("entries")
    )
    publications = Publication.objects.order_by("name", "pk")
    page, page_problem = paginate(request, publications, per_page=SOURCES_PER_PAGE)
    rows = Publication.objects.filter(pk__in=[p.pk for p in page.object_list]).annotate(
        entries=Coalesce(Subquery(articles), 0)
    )
    return render(
        request,
        "articles/source_list.html",
        {
            "page_obj": page,
            "sources": sorted(rows, key=lambda row: (row.name, row.pk)),
            "problems": [{"message": page_problem}] if page_problem else [],
        },
    )
