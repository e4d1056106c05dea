"""Form widgets of the public pages."""

from django import forms
from django.utils.html import format_html, format_html_join


def html_attrs(attrs):
    """Attributes as Django's widget templates write them: True bare, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    """
    A <select> written out in Python, the same HTML as Django's. Django draws each
    option through two templates of its own: for the film menu of /press/ and
    /reviews/, when it listed every film (a few hundred at the bench's size), that
    was a third of the page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            html_attrs(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in self.groups(widget["optgroups"]))),
        )

    @staticmethod
    def groups(optgroups):
        for group_name, options, _index in optgroups:
            html = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>\n',
                ((str(o["value"]), html_attrs(o["attrs"]), o["label"]) for o in options),
            )
            if group_name:
                html = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, html)
            yield html
