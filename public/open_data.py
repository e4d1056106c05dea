"""
What the press feeds, the citation exports and the links to them share: the
filters of /press/ (public.filters, one definition), applied strictly.

/press/ leaves out a parameter it cannot use and says so on the page; a feed
or a download has nowhere to say it, so there such a parameter is a 400.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext as _

from articles.models import Article
from public.filters import DEFAULT_ORDERING, ArticleFilterSet


def press_filterset(request, data=None):
    """The /press/ filters bound to the query string (or `data`), over published articles."""
    articles = Article.objects.published().select_related("publication").order_by(*DEFAULT_ORDERING)
    return ArticleFilterSet(
        request.GET if data is None else data, queryset=articles, request=request
    )


def bad_filters_response(filterset):
    """A plain-text 400 listing what cannot be used, as /press/ would show it."""
    lines = [_("This address has parameters that cannot be used:")]
    for problem in filterset.problems():
        if problem["label"]:
            value = f" “{problem['value']}”" if problem["value"] else ""
            lines.append(f"- {problem['label']}{value}: {problem['message']}")
        else:
            lines.append(f"- {problem['message']}")
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def usable_query(filterset, leave_out=("page",)):
    """
    The query string of the filters the page could use, for links to the
    feeds and downloads of the same selection; None when the filters
    contradict each other (a date range that ends before it starts), since
    such a page lists nothing.
    """
    form = filterset.form
    errors = form.errors
    if errors.get(NON_FIELD_ERRORS):
        return None
    query = QueryDict(mutable=True)
    for name in form.fields:
        if name in leave_out or name in errors:
            continue
        values = [value for value in filterset.data.getlist(name) if value.strip()]
        if values:
            query.setlist(name, values)
    return query.urlencode()
