"""The public filter forms' menus (public.widgets.QuickSelect) write the HTML Django's do."""

import pytest
from django import forms
from django.utils.translation import gettext_lazy

from public.filters import ArticleFilterSet
from public.widgets import QuickSelect

CHOICES = [
    ("", gettext_lazy("Any film")),
    ("crossing", "Crossing & <b>크로싱</b>"),
    ("quote", 'A "quoted" title'),
    ("Group <1>", [("<&>", "odd value"), ("7", 7)]),
]
ATTRS = {"id": "id_film", "class": "menu", "required": True, "disabled": False, "data-x": 'a"b'}


@pytest.mark.parametrize("value", [None, "", "crossing", "<&>", "7", "not offered"])
def test_quick_select_writes_what_django_writes(value):
    quick = QuickSelect(ATTRS, CHOICES).render("film<", value)
    assert quick == forms.Select(ATTRS, CHOICES).render("film<", value)
    assert "<b>" not in quick


def test_the_press_filter_menus_are_quick_selects():
    form = ArticleFilterSet().form
    for name in ["film", "language", "ordering"]:
        assert isinstance(form.fields[name].widget, QuickSelect), name
