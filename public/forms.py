from django import forms
from django.utils.translation import gettext_lazy as _

from crossing_archive.lib.search import MAX_QUERY_LENGTH
from search.engine import KIND_SLUGS


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
    kind = forms.ChoiceField(
        label=_("Show"),
        choices=[("", _("Everything"))] + [(slug, kind.label) for kind, slug in KIND_SLUGS.items()],
        required=False,
        error_messages={"invalid_choice": _("There is no kind of result with this name.")},
    )
