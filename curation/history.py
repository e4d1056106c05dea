"""
Every change made in the admin, kept with who and when (django-reversion),
shown as a readable difference, and revertible; deleted entries recoverable
with the rows edited with them.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from reversion import add_to_revision, create_revision, set_comment, set_user
from reversion.admin import VersionAdmin
from reversion.models import Version

from curation.diff import difference, version_state

# The history page compares this many versions at most, newest first.
HISTORY_LENGTH = 100

# Requests that only read: no revision, so no transaction (see add_view).
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class HistoryAdmin(VersionAdmin):
    object_history_template = "curation/object_history.html"
    history_latest_first = True

    def add_view(self, request, form_url="", extra_context=None):
        """
        VersionAdmin opens a revision, and with it a transaction, around every
        request to the form; on SQLite each transaction takes the write lock
        as it begins (settings: IMMEDIATE), so merely opening a form would
        wait for an import. Showing the form saves nothing: no revision.
        """
        if request.method in SAFE_METHODS:
            return super(VersionAdmin, self).add_view(request, form_url, extra_context)
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method in SAFE_METHODS:
            # As in add_view: showing the form saves nothing.
            return super(VersionAdmin, self).change_view(
                request, object_id, form_url, extra_context
            )
        if request.method == "POST":
            self.record_first_state(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def record_first_state(self, request, object_id):
        """
        Keeps the state of an entry that has no history yet (loaded from the
        seed record or imported before history was kept), so that the first
        edit in the admin can be reverted too. Runs one query, and saves a
        revision of its own when there is none.
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None or Version.objects.get_for_object(obj).exists():
            return
        with create_revision():
            set_comment(_("State before the first edit in the admin."))
            add_to_revision(obj)

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin runs the whole changelist in one revision, saved when
        # the view ends; versions of rows deleted by then are dropped, so a
        # bulk delete would leave nothing to recover. Actions here keep their
        # own revisions instead (delete_queryset below, publishing actions).
        context = {"has_change_permission": self.has_change_permission(request)}
        return super(VersionAdmin, self).changelist_view(
            request, {**context, **(extra_context or {})}
        )

    def delete_model(self, request, obj):
        self.record_before_deletion(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.record_before_deletion(request, obj)
        super().delete_queryset(request, queryset)

    def record_before_deletion(self, request, obj):
        """
        Saves the entry as it is, with the rows edited with it, in a revision
        of its own: what "Recover deleted" brings back. One revision each,
        since recovering restores every version of the revision.
        """
        with create_revision():
            set_user(request.user)
            set_comment(_("Deleted."))
            add_to_revision(obj)

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {"history": self.history_rows(request, object_id)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def history_rows(self, request, object_id):
        """
        The latest versions of the entry, newest first, each with who saved
        it, when, why, how it differs from the version before it, and where
        to revert to it. Runs three queries, and one for each related name
        a difference shows.
        """
        versions = list(
            Version.objects.get_for_object_reference(self.model, unquote(object_id))
            .select_related("revision__user")
            .prefetch_related("revision__version_set__content_type")
            .order_by("-pk")[: HISTORY_LENGTH + 1]
        )
        versions.reverse()
        states = [version_state(v, v.revision.version_set.all()) for v in versions]
        opts = self.opts
        rows = []
        for index, version in enumerate(versions):
            rows.append(
                {
                    "version": version,
                    "revision": version.revision,
                    "difference": difference(self.model, states[index - 1], states[index])
                    if index
                    else None,
                    "revert_url": reverse(
                        f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
                        args=[quote(version.object_id), version.pk],
                    ),
                }
            )
        rows.reverse()
        return rows[:HISTORY_LENGTH]
