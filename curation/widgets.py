"""Autocomplete widgets that an inline's rows share one lookup for."""

from collections import defaultdict

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


class SharedLookupMixin:
    """
    An autocomplete draws the entries it holds (a person, a credit's sources) by
    asking the database for them, one query a field a row: 130 on a film's form.
    An inline formset looks up each field's entries for all its rows at once
    (share_autocomplete_lookups) and hands them to the widgets in `known`, in the
    order the field's queryset gives them; a widget not handed any asks alone.
    """

    known = None

    def to_field_name(self):
        remote = self.field.remote_field
        options = remote.model._meta
        return options.get_field(getattr(remote, "field_name", options.pk.attname)).attname

    def optgroups(self, name, value, attr=None):
        if self.known is None:
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        selected_choices = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        to_field_name = self.to_field_name()
        has_selected = False
        for entry in self.known:
            option_value = getattr(entry, to_field_name)
            if str(option_value) not in selected_choices:
                continue
            selected = str(option_value) in value and (
                has_selected is False or self.allow_multiple_selected
            )
            has_selected |= selected
            label = self.choices.field.label_from_instance(entry)
            default[1].append(
                self.create_option(name, option_value, label, selected_choices, len(default[1]))
            )
        return [default]


class SharedLookupSelect(SharedLookupMixin, AutocompleteSelect):
    pass


class SharedLookupSelectMultiple(SharedLookupMixin, AutocompleteSelectMultiple):
    pass


def share_autocomplete_lookups(forms):
    """Looks up the entries the autocompletes of `forms` hold: one query a field."""
    fields = defaultdict(list)
    for form in forms:
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the "+" wrapper
            if isinstance(widget, SharedLookupMixin):
                value = widget.format_value(form[name].value())
                fields[name].append((widget, value))
    for rows in fields.values():
        first = rows[0][0]
        to_field_name = first.to_field_name()
        wanted = {
            v for _, value in rows for v in value if v not in first.choices.field.empty_values
        }
        entries = (
            list(first.choices.queryset.using(first.db).filter(**{f"{to_field_name}__in": wanted}))
            if wanted
            else []
        )
        for widget, _ in rows:
            widget.known = entries
