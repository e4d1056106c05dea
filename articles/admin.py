from django.contrib import admin
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Document, Publication, Review
from articles.resources import ArticleResource, PublicationResource
from curation.admin import ArchiveAdmin, ImportableArchiveAdmin, filtered_list_link
from curation.changelists import DateHierarchyChangeList
from curation.publishing import PUBLISHING_FIELDSET


@admin.register(Publication)
class PublicationAdmin(ImportableArchiveAdmin):
    resource_classes = [PublicationResource]
    list_display = ["name", "kind", "country", "language", "articles", "reviews"]
    list_filter = ["kind", "language"]
    search_fields = ["name", "url"]
    prepopulated_fields = {"slug": ["name"]}

    # The article and review lists filter by publication from these links:
    # a list_filter there would draw every publication, thousands of them.
    @admin.display(description=_("articles"))
    def articles(self, publication):
        return filtered_list_link(Article, "publication", publication, _("articles"))

    @admin.display(description=_("reviews"))
    def reviews(self, publication):
        return filtered_list_link(Review, "publication", publication, _("reviews"))


@admin.register(Document)
class DocumentAdmin(ArchiveAdmin):
    list_display = ["title", "kind", "parent", "position", "posted_by", "date"]
    list_filter = ["kind"]
    search_fields = ["title", "posted_by", "url", "note"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    fields = ["title", "slug", "kind", ("parent", "position"), "posted_by", "date", "url", "note"]

    def get_queryset(self, request):
        # A document's __str__ names its thread: the changelist shows the
        # parent's __str__ too, and autocomplete lists every result's.
        return super().get_queryset(request).select_related("parent__parent")


@admin.register(Article)
class ArticleAdmin(ImportableArchiveAdmin):
    resource_classes = [ArticleResource]
    date_hierarchy = "date"
    list_display = ["title", "publication", "date", "byline", "language", "status"]
    # By publication: the links of the publication list (PublicationAdmin).
    list_filter = ["status", "language"]
    # A searched or filtered list says "(Show all)" rather than counting every article
    # for "(100,006 total)": at 100,000 articles that count took PostgreSQL 8-12 ms of
    # the searched list's 77-90.
    show_full_result_count = False
    # Ends in pk, so that the admin adds no "-pk" of its own: read in the
    # order of the index article_newest_first, with no sort of every row.
    ordering = ["-date", "title", "pk"]
    # No join: SQLite would start from publications and sort every article.
    # The page's publications come in one more query (PrefetchingChangeList).
    list_select_related = ()
    search_fields = ["title", "byline", "text", "publication__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["publication", "authors", "films", "people", "via"]
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "publication", "date", "byline", "authors"]}),
        (_("Text"), {"fields": ["language", "text", "url"]}),
        (_("What visitors may see"), {"fields": ["text_rights", "rights_note", "excerpt"]}),
        (_("Mentions"), {"fields": ["films", "people"]}),
        (_("Provenance"), {"fields": ["via", "source_line", "provenance_note"]}),
        PUBLISHING_FIELDSET,
    ]

    def get_changelist(self, request, **kwargs):
        return PrefetchingChangeList


class PrefetchingChangeList(DateHierarchyChangeList):
    """The article list's page of rows, then their publications: no join; its date
    hierarchy grouped by the database. The page's rows leave out the long texts the
    list never shows: sorted whole to find the page, 7,057 matches of a search carried
    their text into the sort (at 100,000 articles, 23 ms on SQLite; 16 without)."""

    UNSHOWN = ("text", "excerpt", "rights_note", "provenance_note", "via", "source_line")

    def apply_select_related(self, queryset):
        return queryset.prefetch_related("publication")

    def get_results(self, request):
        super().get_results(request)
        # The page only: actions and exports ask get_queryset() for whole rows.
        if isinstance(self.result_list, QuerySet):
            self.result_list = self.result_list.defer(*self.UNSHOWN)


@admin.register(Review)
class ReviewAdmin(ArchiveAdmin):
    # A review's page shows only once its film is published.
    preview_also = ["film"]
    list_display = [
        "__str__",
        "film",
        "publication",
        "author",
        "byline",
        "date",
        "rating_as_published",
        "status",
    ]
    # By publication: the links of the publication list (PublicationAdmin).
    list_filter = ["status", "language"]
    list_select_related = ["film", "publication", "author"]
    search_fields = ["title", "byline", "text", "film__title", "publication__name", "author__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["film", "publication", "author", "via"]
    readonly_fields = ["score", "created", "updated"]
    fieldsets = [
        (None, {"fields": ["film", "title", "slug", "publication", "author", "byline", "date"]}),
        (_("Text"), {"fields": ["language", "text", "url"]}),
        (_("What visitors may see"), {"fields": ["text_rights", "rights_note", "excerpt"]}),
        (_("Rating"), {"fields": [("rating", "rating_scale"), "rating_text", "score"]}),
        (_("Provenance"), {"fields": ["via", "provenance_note"]}),
        PUBLISHING_FIELDSET,
    ]

    def get_queryset(self, request):
        # An untitled review's __str__ names its film; autocomplete lists it. The list's
        # own joins too: Django adds list_select_related only to a queryset that has none
        # (the list read each row's publication and critic one by one).
        return super().get_queryset(request).select_related(*self.list_select_related)

    @admin.display(description=_("rating"), ordering="score")
    def rating_as_published(self, review):
        return review.rating_display
