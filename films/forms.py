from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from films import images


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


class CheckedImageField(forms.ImageField):
    """
    An image upload checked and cleaned by films.images: what it returns is
    the re-encoded file, under a name with the extension of its real format.
    """

    default_error_messages = {
        "too_large": _("The file is %(size)s; the limit is %(limit)s."),
        "extension": _(
            "“%(extension)s” files are not accepted: upload a JPEG, PNG or WebP image "
            "(.jpg, .jpeg, .png or .webp)."
        ),
        "svg": _("SVG files are not accepted: upload a JPEG, PNG or WebP image."),
        "not_an_image": _(
            "This file is not a JPEG, PNG or WebP image that can be read: upload another file."
        ),
        "truncated": _("The image is damaged or incomplete (the file may have been cut short)."),
        "too_many_pixels": _(
            "The image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels."
        ),
        "decompression_bomb": _(
            "The image declares far more pixels than it could hold (a “decompression bomb”): "
            "upload another file."
        ),
        "format_mismatch": _(
            "The file is a %(format)s image but its name ends in “%(extension)s”: "
            "rename it or upload another file."
        ),
    }

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = ",".join(images.CONTENT_TYPES.values())
        return attrs

    def to_python(self, data):
        # forms.ImageField's own check would open the file with every format
        # Pillow knows; films.images decides instead.
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        if upload.size > images.MAX_BYTES:
            self.reject(images.ImageRejected("too_large", size=upload.size, limit=images.MAX_BYTES))
        content = b"".join(upload.chunks())
        try:
            prepared = images.prepare(content, upload.name)
        except images.ImageRejected as rejection:
            self.reject(rejection)
        stem = PurePath(upload.name).stem[:100] or "image"
        return SimpleUploadedFile(
            stem + prepared.extension, prepared.content, content_type=prepared.content_type
        )

    def reject(self, rejection):
        params = dict(rejection.params)
        if rejection.code == "too_large":
            params = {
                "size": filesizeformat(params["size"]),
                "limit": filesizeformat(params["limit"]),
            }
        elif rejection.code == "too_many_pixels":
            params["limit"] = params["limit"] // 1_000_000
        raise ValidationError(
            self.error_messages[rejection.code], code=rejection.code, params=params
        )


class ArchiveImageForm(forms.ModelForm):
    image = CheckedImageField(label=_("image file"))
