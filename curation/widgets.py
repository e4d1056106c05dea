"""The admin's autocompletes: entries looked up once for an inline's rows, bad ids ignored."""

from collections import defaultdict

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class SharedLookupMixin:
    """
    An autocomplete draws the entries it holds (a person, a credit's sources) by
    asking the database for them, one query a field a row: 130 on a film's form.
    An inline formset looks up each field's entries for all its rows at once
    (share_autocomplete_lookups) and hands them to the widgets in `known`, in the
    order the field's queryset gives them; a widget not handed any asks alone.

    A submitted value that cannot be an id ("abc" for a number) is left out of the
    lookup: the field reports it as an invalid choice, where Django's widget ran the
    query with it and answered the form with a server error.
    """

    known = None

    def target_field(self):
        remote = self.field.remote_field
        options = remote.model._meta
        return options.get_field(getattr(remote, "field_name", None) or options.pk.name)

    def wanted(self, values):
        """The submitted or saved values that can be looked up."""
        target, usable = self.target_field(), set()
        for value in values:
            if value in self.choices.field.empty_values:
                continue
            try:
                target.to_python(value)
            except (ValidationError, ValueError, TypeError):
                continue
            usable.add(str(value))
        return usable

    def lookup(self, values):
        wanted = self.wanted(values)
        if not wanted:
            return []
        target = self.target_field().attname
        return list(self.choices.queryset.using(self.db).filter(**{f"{target}__in": wanted}))

    def optgroups(self, name, value, attr=None):
        default = (None, [], 0)
        selected_choices = self.wanted(value)
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        target = self.target_field().attname
        has_selected = False
        for entry in self.lookup(value) if self.known is None else self.known:
            option_value = getattr(entry, target)
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


class SharedLookupAutocompletes:
    """A ModelAdmin or inline mixin: its autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SharedLookupSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SharedLookupSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def share_autocomplete_lookups(forms):
    """Looks up the entries the autocompletes of `forms` hold: one query a field."""
    fields = defaultdict(list)
    for form in forms:
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the "+" wrapper
            if isinstance(widget, SharedLookupMixin):
                fields[name].append((widget, widget.format_value(form[name].value())))
    for rows in fields.values():
        entries = rows[0][0].lookup([value for _, values in rows for value in values])
        for widget, _ in rows:
            widget.known = entries
