"""Forms the archive's admin classes share."""

from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from curation.widgets import share_autocomplete_lookups


class UniqueRowsInlineFormSet(BaseInlineFormSet):
    """
    Checks the model's unique constraints across the rows of one submission.

    Django checks an inline row's constraints without its parent, so a
    constraint that names the parent is checked only across the rows, only
    when it has no condition, and with a generic message. Two rows that collide
    on a conditional constraint (two cast members with one billing order)
    would reach the database together and fail there.

    The check follows the order the formset saves in: changed and deleted rows
    one by one, in order, then new rows. A row may not take a value another
    row gives up later in the same save (a swap), because the database checks
    each statement on its own.

    Conditions are not evaluated: a row with an empty (NULL) value in any of
    the constrained fields never collides, as in SQL. Every condition in this
    project says exactly that ("billing_order is not null").
    """

    given_up_later_message = _(
        "Another row gives up this value in the same save, which the database cannot do "
        "in one step: save that change first, then this one."
    )

    @cached_property
    def forms(self):
        forms = BaseInlineFormSet.forms.real_func(self)
        share_autocomplete_lookups(forms)
        return forms

    def clean(self):
        for constraint in self.model._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and constraint.fields:
                self.check_unique_across_rows(constraint)
        # Runs after, so that a pair reported above (its second row is now
        # invalid) is not reported again with Django's generic message.
        super().clean()

    def check_unique_across_rows(self, constraint):
        # Every row has the same parent, so the foreign key to it never differs.
        fields = [
            self.model._meta.get_field(name) for name in constraint.fields if name != self.fk.name
        ]
        existing = [form for form in self.initial_forms if form.instance.pk is not None]
        # Which form holds each value in the database, as the save proceeds.
        holders = {self.row_key(fields, form, saved=True): form for form in existing}
        holders.pop(None, None)
        final = {
            form: None if self._should_delete_form(form) else self.row_key(fields, form)
            for form in existing
        }
        for form in self.forms:
            old = self.row_key(fields, form, saved=True) if form in existing else None
            if self._should_delete_form(form):
                if holders.get(old) is form:
                    del holders[old]
                continue
            if not form.is_valid() or not form.cleaned_data:
                continue
            if form in existing and not form.has_changed():
                continue
            new = self.row_key(fields, form)
            holder = holders.get(new)
            if new is not None and holder is not None and holder is not form:
                if holder in existing and final[holder] != new:
                    form.add_error(None, self.given_up_later_message)
                else:
                    form.add_error(None, constraint.get_violation_error_message())
                continue
            if old is not None and holders.get(old) is form:
                del holders[old]
            if new is not None:
                holders[new] = form

    def row_key(self, fields, form, saved=False):
        """The row's values for the constraint, as saved or as submitted."""
        values = []
        for field in fields:
            value = getattr(form.instance, field.attname)
            if saved and field.name in form.initial:
                value = form.initial[field.name]
            values.append(value)
        return None if None in values else tuple(values)


class BoundedInlineFormSet(UniqueRowsInlineFormSet):
    """
    An inline that edits only the parent's first `max_shown` rows, in the
    model's order, so that a parent with thousands of rows still draws and
    posts a short form; the other rows are edited on their own changelist.

    A new or changed row is checked against the rows not shown as well (one
    query for each such row and constraint), so that a collision with a row
    the curator cannot see is a form error, not a database error.
    """

    max_shown = None

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            queryset = super().get_queryset()
            self._queryset = queryset if self.max_shown is None else queryset[: self.max_shown]
        return self._queryset

    def clean(self):
        super().clean()
        if self.max_shown is None or self.instance.pk is None:
            return
        shown = [form.instance.pk for form in self.initial_forms if form.instance.pk]
        for form in self.forms:
            if self._should_delete_form(form) or not form.is_valid() or not form.has_changed():
                continue
            for constraint in self.model._meta.constraints:
                if isinstance(constraint, UniqueConstraint) and constraint.fields:
                    self.check_unique_against_hidden_rows(constraint, form, shown)

    def check_unique_against_hidden_rows(self, constraint, form, shown):
        values = {
            field.attname: getattr(form.instance, field.attname)
            for field in (self.model._meta.get_field(name) for name in constraint.fields)
            if field.name != self.fk.name
        }
        if None in values.values():
            return
        hidden = self.model._default_manager.filter(**{self.fk.name: self.instance}).exclude(
            pk__in=shown
        )
        if constraint.condition is not None:
            hidden = hidden.filter(constraint.condition)
        if hidden.filter(**values).exists():
            form.add_error(None, constraint.get_violation_error_message())
