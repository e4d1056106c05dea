from django.shortcuts import render
from django.utils.translation import gettext as _

from public.forms import SearchForm
from public.views.press import paginate
from search.engine import KIND_SLUGS, KINDS_BY_SLUG, Search
from search.models import Kind


def search(request):
    """
    /search/?q=: every kind of result, grouped, best first; `kind` keeps one
    kind. A parameter that does not validate is reported, never an error.
    """
    form = SearchForm(request.GET)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    kind = KINDS_BY_SLUG.get(form.cleaned_data.get("kind") or "")
    problems = [
        {"message": message, "label": form.fields[name].label, "value": shown(request, name)}
        for name, messages in form.errors.items()
        for message in messages
    ]
    context = {"query": query, "kind": kind, "problems": problems}
    if query and "q" not in form.errors:
        found = Search(query, kind)
        if not found.terms:
            problems.append({"message": _("Type a name, a title or a word to search for.")})
        else:
            page, page_problem = paginate(request, found)
            if found.more:
                context["notice"] = _(
                    "“%(q)s” matches more than %(cap)s entries: the results come from "
                    "the %(cap)s added or changed last. Add a word to narrow the search."
                ) % {"q": query, "cap": f"{found.limit:,}"}
            if page_problem:
                problems.append({"message": page_problem})
            context.update(
                searched=True,
                more=found.more,
                page_obj=page,
                groups=found.groups(page.object_list),
                total=found.count(),
                everything=found.everything,
                kinds=[
                    (KIND_SLUGS[kind_], kind_.label, found.counts[kind_], kind_ == kind)
                    for kind_ in Kind
                    if found.counts.get(kind_)
                ],
            )
    return render(request, "search/results.html", context)


def shown(request, name, limit=80):
    """The parameter as given, cut for display."""
    value = request.GET.get(name, "").replace("\x00", "")
    return value if len(value) <= limit else value[:limit] + "…"
