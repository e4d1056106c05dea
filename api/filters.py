"""
Filters of the API lists that have no public list of their own. Articles
and reviews use public.filters, the very filters of /press/ and /reviews/.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from films.models import Credit, Person, Role, Track
from public.filters import film_filter

PERSON_ERROR = _("There is no person with this name in the archive.")


def published_people(request):
    # A callable, so that "published" is judged at the time of the request.
    return Person.objects.published()


class CreditFilterSet(django_filters.FilterSet):
    film = film_filter("film")
    person = django_filters.ModelChoiceFilter(
        label=_("Person"),
        field_name="person",
        to_field_name="slug",
        queryset=published_people,
        error_messages={"invalid_choice": PERSON_ERROR},
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"),
        choices=Role.choices,
        error_messages={"invalid_choice": _("There is no role with this code.")},
    )

    class Meta:
        model = Credit
        fields = []


class TrackFilterSet(django_filters.FilterSet):
    film = film_filter("film")

    class Meta:
        model = Track
        fields = []
