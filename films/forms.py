from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from films import images


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
