"""
Edit conflicts: the change form carries the entry's state as it was when the
curator opened it (signed, in a hidden field). If the entry or the rows edited
with it changed since, the save is refused and the page shows what changed,
keeping what the curator typed; saving again then replaces the other version
on purpose.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from curation.diff import difference, entry_state

SALT = "curation.conflicts"
TOKEN_FIELD = "opened_state"


class ConflictCheckedForm(forms.ModelForm):
    """
    A model form that refuses to save over changes made since it was opened.
    The admin sets `entry_state` on a subclass: the entry as it is now.
    """

    opened_state = forms.CharField(widget=forms.HiddenInput, required=False)

    entry_state = None
    conflict_message = _(
        "This %(name)s changed since you opened it (%(fields)s). Nothing was saved. "
        "The changes are shown below and your edits are still in the form: save again "
        "to replace the other version with yours, or reload the page to start from it."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        self.opened = None
        if self.entry_state is None:
            return
        token = signing.dumps(self.entry_state, salt=SALT, compress=True)
        name = self.add_prefix(TOKEN_FIELD)
        if self.is_bound:
            self.opened = self.data.get(name)
            # The form shown again after a refusal carries the present state,
            # so that a deliberate second save goes through.
            self.data = self.data.copy()
            self.data[name] = token
        self.initial[TOKEN_FIELD] = token

    def clean(self):
        cleaned_data = super().clean()
        opened = self.opened_entry_state()
        if opened is not None and opened != self.entry_state:
            model = self._meta.model
            self.conflict = difference(model, opened, self.entry_state)
            raise ValidationError(
                self.conflict_message,
                code="edit_conflict",
                params={
                    "name": model._meta.verbose_name,
                    "fields": ", ".join(self.conflict.changed_labels),
                },
            )
        return cleaned_data

    def opened_entry_state(self):
        """
        The state the form was opened with; None when there is none to check
        (a new entry, or a submission made without the admin's page).
        """
        if self.entry_state is None or not self.opened:
            return None
        try:
            return signing.loads(self.opened, salt=SALT)
        except signing.BadSignature:
            return None


class ConflictMixin:
    """Admin side of edit conflicts; put before the ModelAdmin in the bases."""

    form = ConflictCheckedForm
    change_form_template = "curation/change_form.html"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if TOKEN_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        # The hidden field rides in the first fieldset, where it shows nothing.
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], TOKEN_FIELD]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.pk is None or not issubclass(form, ConflictCheckedForm):
            return form
        return type(form.__name__, (form,), {"entry_state": self.current_state(request, obj)})

    def current_state(self, request, obj):
        """
        The entry with the rows of its inlines, read once per request (the
        admin builds its form class more than once). Runs a query for each
        inline and many-to-many field.
        """
        cache = request.__dict__.setdefault("_curation_states", {})
        key = (self.model, obj.pk)
        if key not in cache:
            rows = []
            for inline in self.get_inline_instances(request, obj):
                fk_name = inline.fk_name or foreign_key_name(inline.model, self.model)
                rows += inline.get_queryset(request).filter(**{fk_name: obj})
            cache[key] = entry_state(obj, rows)
        return cache[key]

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        form = context["adminform"].form
        conflict = getattr(form, "conflict", None)
        if conflict is not None:
            context["conflict"] = conflict
            context["conflict_revision"] = self.latest_revision(context.get("original"))
        return super().render_change_form(request, context, add, change, **kwargs)

    @staticmethod
    def latest_revision(obj):
        """Who saved the entry last, and when, as history recorded it."""
        if obj is None:
            return None
        version = Version.objects.get_for_object(obj).select_related("revision__user").first()
        return version.revision if version else None


def foreign_key_name(model, parent_model):
    """The field of `model` that points to `parent_model` (an inline's own foreign key)."""
    return next(
        f.name
        for f in model._meta.concrete_fields
        if f.many_to_one and issubclass(parent_model, f.related_model)
    )
