from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from core.models import OldSlug


class OldSlugRedirectMixin:
    """
    A detail view whose entry answers at its old slugs too: when no entry
    holds the slug now, the entry that once held it redirects permanently to
    its current address, in the page's language, keeping the query string.
    An entry holding the slug today always wins. A page of an entry other
    than its main one names its URL in `url_name`.
    """

    url_name = None

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            visible = self.get_queryset().model._default_manager.published()
            entry = OldSlug.objects.entry(visible, kwargs["slug"])
            if entry is None:
                raise
            query = request.META.get("QUERY_STRING", "")
            address = (
                reverse(self.url_name, args=[entry.slug])
                if self.url_name
                else entry.get_absolute_url()
            )
            return HttpResponsePermanentRedirect(address + (f"?{query}" if query else ""))
