"""
Who publishes, and how curators see a draft before visitors do.

Publishing an entry (its status and publication time) takes the model's
`publish_<model>` permission (the Editor role); without it the two fields are
read-only, and a revert or recovery keeps the entry's publication state as it
was (a recovered entry comes back as a draft).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import path, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reversion import create_revision, set_comment, set_user

from core.models import Publishable, Status

PUBLICATION_FIELDS = ("status", "published_at")
# The fieldset every publishable entry's change form ends with.
PUBLISHING_FIELDSET = (
    gettext_lazy("Publishing"),
    {"fields": ["status", "published_at", "created", "updated"]},
)


def may_publish(user, model):
    """The one rule of who publishes: the model's `publish_<model>` permission (Editors)."""
    opts = model._meta
    return issubclass(model, Publishable) and user.has_perm(
        f"{opts.app_label}.publish_{opts.model_name}"
    )


class PublishingMixin:
    # Offered only to users who may publish (see has_publish_permission).
    actions = ["publish_selected", "unpublish_selected"]
    # Relations that must be visible for the entry's page to show (a review
    # names its film): a preview shows them as published too.
    preview_also = ()

    @property
    def publishable(self):
        return issubclass(self.model, Publishable)

    def has_publish_permission(self, request, obj=None):
        return may_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.publishable and not self.has_publish_permission(request, obj):
            fields += [name for name in PUBLICATION_FIELDS if name not in fields]
        return fields

    # -- Reverts and recoveries ---------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.remember_publication(request, self.get_object(request, unquote(object_id)))
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self.remember_publication(request, None)
        return super().recover_view(request, version_id, extra_context)

    def remember_publication(self, request, obj):
        """
        A revert or recovery writes every field of the old version before the
        form is shown; this is the publication state to keep instead when the
        user may not publish.
        """
        if self.publishable and not self.has_publish_permission(request, obj):
            if obj is None:
                request._curation_publication = (Status.DRAFT, None)
            else:
                request._curation_publication = (obj.status, obj.published_at)

    def save_model(self, request, obj, form, change):
        kept = getattr(request, "_curation_publication", None)
        if kept is not None and (obj.status, obj.published_at) != kept:
            obj.status, obj.published_at = kept
            messages.warning(
                request,
                _(
                    "The publication state was kept as it was (%(status)s): only an Editor "
                    "publishes or unpublishes."
                )
                % {"status": obj.get_status_display()},
            )
        super().save_model(request, obj, form, change)

    # -- Actions ------------------------------------------------------------

    @admin.action(description=gettext_lazy("Publish selected entries now"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.set_status(request, queryset, Status.PUBLISHED)

    @admin.action(
        description=gettext_lazy("Return selected entries to draft"), permissions=["publish"]
    )
    def unpublish_selected(self, request, queryset):
        self.set_status(request, queryset, Status.DRAFT)

    def set_status(self, request, queryset, status):
        """Saves each entry (history and the admin log record it), one revision each."""
        changed = 0
        for obj in queryset:
            if obj.status == status and obj.published_at is None:
                continue
            obj.status, obj.published_at = status, None
            with create_revision():
                set_user(request.user)
                set_comment(_("Published.") if status == Status.PUBLISHED else _("Unpublished."))
                obj.save()
            self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
            changed += 1
        messages.success(
            request,
            ngettext("%(count)d entry changed.", "%(count)d entries changed.", changed)
            % {"count": changed},
        )

    # -- Preview ------------------------------------------------------------

    def get_urls(self):
        urls = super().get_urls()
        if not self.publishable:
            return urls
        opts = self.opts
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{opts.app_label}_{opts.model_name}_preview",
            ),
            *urls,
        ]

    def get_view_on_site_url(self, obj=None):
        # "View on site" opens the preview for an entry visitors cannot see yet.
        if obj is not None and self.publishable and not obj.is_published:
            opts = self.opts
            return reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_preview",
                args=[obj.pk],
            )
        return super().get_view_on_site_url(obj)

    def preview_view(self, request, object_id):
        """
        The entry's public page as visitors will see it once it is published:
        inside a transaction that is rolled back, the entry (and the
        relations in `preview_also`) are marked published and the public
        view renders. Nothing is saved.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        match = resolve(obj.get_absolute_url())
        request.curation_preview = obj
        with transaction.atomic():
            for entry in [obj, *(getattr(obj, name) for name in self.preview_also)]:
                type(entry)._default_manager.filter(pk=entry.pk).update(
                    status=Status.PUBLISHED, published_at=None
                )
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render"):
                response.render()
            transaction.set_rollback(True)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
