import reversion
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from curation.admin import ArchiveAdmin, BoundedInlineBase, InlineBase, rows_elsewhere
from curation.conflicts import ConflictCheckedForm
from curation.publishing import PUBLISHING_FIELDSET
from films.forms import ArchiveImageForm
from films.models import (
    Claim,
    Company,
    CompanyCredit,
    Credit,
    Film,
    FilmImage,
    FilmLink,
    FilmTitle,
    Person,
    PersonImage,
    PersonName,
    Track,
    TrackCredit,
)
from films.models.people import name_display_order

# The many-to-many fields every Attested model shares.
SOURCES = ["found_in_articles", "found_in_reviews", "found_in_documents"]
SOURCES_FIELDSET = (_("Found in"), {"fields": SOURCES})


class SourcedInlineBase(InlineBase):
    def get_queryset(self, request):
        # Every row's form shows its sources: three queries a row otherwise.
        return super().get_queryset(request).prefetch_related(*SOURCES)


# ---------------------------------------------------------------------------
# Films
# ---------------------------------------------------------------------------


class FilmTitleInline(SourcedInlineBase, admin.TabularInline):
    model = FilmTitle
    fields = ["title", "kind", "language", "note", *SOURCES]
    autocomplete_fields = SOURCES


class FilmLinkInline(SourcedInlineBase, admin.TabularInline):
    model = FilmLink
    fields = ["url", "kind", "label", *SOURCES]
    autocomplete_fields = SOURCES


class CreditInline(SourcedInlineBase, BoundedInlineBase, admin.TabularInline):
    model = Credit
    fields = ["person", "role", "character", "billing_order", "credited_as", "note", *SOURCES]
    autocomplete_fields = ["person", "credited_as", *SOURCES]

    def get_queryset(self, request):
        # Each row's heading is the credit's __str__, which names the person.
        return super().get_queryset(request).select_related("person")


class CompanyCreditInline(SourcedInlineBase, BoundedInlineBase, admin.TabularInline):
    model = CompanyCredit
    fields = ["company", "role", "note", *SOURCES]
    autocomplete_fields = ["company", *SOURCES]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("company")


class TrackInline(BoundedInlineBase, admin.TabularInline):
    model = Track
    fields = ["position", "title", "transliteration", "translation", "length", "source", "note"]
    autocomplete_fields = ["source"]
    show_change_link = True  # Track credits are edited on the track's own page.


def thumbnail(image):
    """A small copy of an image for the admin's lists and forms."""
    if not image or not image.image:
        return "—"
    if not image.width:  # Stored before its size was read (see make_renditions).
        return format_html('<img src="{}" alt="{}" width="160">', image.image.url, image.alt_text)
    return format_html(
        '<img src="{}" alt="{}" width="160" height="{}">',
        image.rendition_list[0].url,
        image.alt_text,
        round(160 * image.height / image.width),
    )


class ImageInlineBase(InlineBase):
    form = ArchiveImageForm
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, image):
        return thumbnail(image)


class FilmImageInline(ImageInlineBase, admin.StackedInline):
    model = FilmImage
    fields = [
        ("image", "preview"),
        ("kind", "position"),
        "alt_text",
        "caption",
        ("credit", "source"),
    ]


class ClaimInline(BoundedInlineBase, admin.StackedInline):
    model = Claim
    fields = [
        ("fact", "rank"),
        "value",
        ("date_start", "date_end", "date_precision"),
        "country",
        ("article", "review", "document"),
        "quote",
        "note",
    ]
    autocomplete_fields = ["article", "review", "document"]


# A film's history keeps its tracks' credits with its tracks. FilmAdmin would
# register Track (one of its inlines) without them, and TrackAdmin registers
# nothing for a model already registered.
reversion.register(Track, follow=["credits"])


@admin.register(Film)
class FilmAdmin(ArchiveAdmin):
    list_display = ["title", "original_title", "year", "status", "published_at"]
    list_filter = ["status", "original_language"]
    search_fields = ["title", "original_title", "titles__title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["synopsis_source"]
    readonly_fields = ["created", "updated", "long_lists"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    ("original_title", "original_language"),
                    ("year", "runtime_minutes"),
                ]
            },
        ),
        (_("Text"), {"fields": ["tagline", "synopsis", "synopsis_source"]}),
        (_("Long lists"), {"fields": ["long_lists"]}),
        PUBLISHING_FIELDSET,
    ]
    # The inlines a film may have thousands of rows in: the form edits the
    # first rows_shown of each, their changelists all of them.
    long_inlines = [CreditInline, CompanyCreditInline, TrackInline, ClaimInline]
    inlines = [
        FilmTitleInline,
        FilmLinkInline,
        CreditInline,
        CompanyCreditInline,
        TrackInline,
        ClaimInline,
        FilmImageInline,
    ]

    @admin.display(description=_("all rows"))
    def long_lists(self, film):
        return rows_elsewhere(film, self.long_inlines)


@admin.register(FilmTitle)
class FilmTitleAdmin(ArchiveAdmin):
    list_display = ["title", "kind", "language", "film"]
    list_filter = ["kind", "language"]
    list_select_related = ["film"]
    search_fields = ["title", "film__title"]
    autocomplete_fields = ["film", *SOURCES]
    fieldsets = [
        (None, {"fields": ["film", "title", "kind", "language", "note"]}),
        SOURCES_FIELDSET,
    ]


@admin.register(FilmLink)
class FilmLinkAdmin(ArchiveAdmin):
    list_display = ["url", "label", "kind", "film"]
    list_filter = ["kind"]
    list_select_related = ["film"]
    search_fields = ["url", "label", "film__title"]
    autocomplete_fields = ["film", *SOURCES]
    fieldsets = [(None, {"fields": ["film", "url", "kind", "label"]}), SOURCES_FIELDSET]


@admin.register(Claim)
class ClaimAdmin(ArchiveAdmin):
    list_display = ["fact", "value", "film", "formatted_date", "rank", "cited_source"]
    list_filter = ["fact", "rank", "film"]
    # The cited source's __str__ reads the review's film and the document's thread.
    list_select_related = ["film", "article", "review__film", "document__parent"]
    search_fields = ["value", "quote", "note", "film__title"]
    autocomplete_fields = ["film", "article", "review", "document"]
    fieldsets = [
        (None, {"fields": ["film", ("fact", "rank"), "value", "country"]}),
        (_("Date"), {"fields": [("date_start", "date_end", "date_precision")]}),
        (_("Source"), {"fields": ["article", "review", "document", "quote", "note"]}),
    ]

    @admin.display(description=_("date"), ordering="date_start")
    def formatted_date(self, claim):
        return claim.formatted_date()

    @admin.display(description=_("source"))
    def cited_source(self, claim):
        return claim.source


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------


class PersonNameInline(SourcedInlineBase, admin.TabularInline):
    model = PersonName
    ordering = name_display_order()
    fields = ["name", "kind", "note", *SOURCES]
    autocomplete_fields = SOURCES


class PersonImageInline(ImageInlineBase, admin.StackedInline):
    model = PersonImage
    fields = [("image", "preview"), "position", "alt_text", "caption", ("credit", "source")]


@admin.register(Person)
class PersonAdmin(ArchiveAdmin):
    list_display = ["name", "name_hangul", "name_forms", "status"]
    list_filter = ["status"]
    search_fields = ["name", "name_hangul", "names__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created", "updated"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "name_hangul", "bio"]}),
        PUBLISHING_FIELDSET,
    ]
    inlines = [PersonNameInline, PersonImageInline]

    def get_queryset(self, request):
        names = Prefetch("names", queryset=PersonName.objects.in_display_order())
        return super().get_queryset(request).prefetch_related(names)

    @admin.display(description=_("name forms"))
    def name_forms(self, person):
        # One spelling may be recorded under several kinds; list it once.
        return ", ".join(dict.fromkeys(name.name for name in person.names.all()))


@admin.register(PersonName)
class PersonNameAdmin(ArchiveAdmin):
    list_display = ["name", "kind", "person"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["name", "person__name", "person__name_hangul"]
    autocomplete_fields = ["person", *SOURCES]
    fieldsets = [(None, {"fields": ["person", "name", "kind", "note"]}), SOURCES_FIELDSET]


@admin.register(Credit)
class CreditAdmin(ArchiveAdmin):
    list_display = [
        "person",
        "role",
        "department",
        "character",
        "billing_order",
        "credited_as",
        "film",
    ]
    list_filter = ["department", "role", "film"]
    list_select_related = ["person", "credited_as", "film"]
    search_fields = ["person__name", "person__name_hangul", "person__names__name", "character"]
    autocomplete_fields = ["film", "person", "credited_as", *SOURCES]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "film",
                    "person",
                    "role",
                    ("character", "billing_order"),
                    "credited_as",
                    "note",
                ]
            },
        ),
        SOURCES_FIELDSET,
    ]


# ---------------------------------------------------------------------------
# Companies
# ---------------------------------------------------------------------------


@admin.register(Company)
class CompanyAdmin(ArchiveAdmin):
    list_display = ["name", "name_hangul", "url"]
    search_fields = ["name", "name_hangul"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(CompanyCredit)
class CompanyCreditAdmin(ArchiveAdmin):
    list_display = ["company", "role", "film", "note"]
    list_filter = ["role", "film"]
    list_select_related = ["company", "film"]
    search_fields = ["company__name", "company__name_hangul", "film__title"]
    autocomplete_fields = ["film", "company", *SOURCES]
    fieldsets = [(None, {"fields": ["film", "company", "role", "note"]}), SOURCES_FIELDSET]


# ---------------------------------------------------------------------------
# Soundtrack
# ---------------------------------------------------------------------------


class TrackCreditInline(InlineBase, admin.TabularInline):
    model = TrackCredit
    fields = ["person", "role", "credited_as"]
    autocomplete_fields = ["person", "credited_as"]

    def get_queryset(self, request):
        # Each row's heading is the credit's __str__, which names the person.
        return super().get_queryset(request).select_related("person")


@admin.register(Track)
class TrackAdmin(ArchiveAdmin):
    list_display = ["position", "title", "length", "film", "source"]
    list_display_links = ["position", "title"]
    list_filter = ["film"]
    # A document's __str__ names the thread it belongs to.
    list_select_related = ["film", "source__parent"]
    search_fields = ["title", "transliteration", "translation", "film__title"]
    autocomplete_fields = ["film", "source"]
    fields = [
        "film",
        "position",
        "title",
        "transliteration",
        "translation",
        "length",
        "source",
        "note",
    ]
    inlines = [TrackCreditInline]


@admin.register(TrackCredit)
class TrackCreditAdmin(ArchiveAdmin):
    list_display = ["person", "role", "credited_as", "track", "film"]
    list_filter = ["role"]
    list_select_related = ["person", "credited_as", "track__film"]
    search_fields = ["person__name", "person__names__name", "track__title"]
    autocomplete_fields = ["track", "person", "credited_as"]

    @admin.display(description=_("film"), ordering="track__film__title")
    def film(self, credit):
        return credit.track.film


# ---------------------------------------------------------------------------
# Images
# ---------------------------------------------------------------------------


class ImageAdminForm(ConflictCheckedForm, ArchiveImageForm):
    pass


class ImageAdminBase(ArchiveAdmin):
    form = ImageAdminForm
    readonly_fields = ["preview", "width", "height"]
    search_fields = ["alt_text", "caption", "credit", "source"]

    @admin.display(description=_("preview"))
    def preview(self, image):
        return thumbnail(image)


@admin.register(FilmImage)
class FilmImageAdmin(ImageAdminBase):
    list_display = ["preview", "film", "kind", "position", "alt_text", "credit"]
    list_filter = ["kind"]
    list_select_related = ["film"]
    search_fields = [*ImageAdminBase.search_fields, "film__title"]
    autocomplete_fields = ["film"]
    fieldsets = [
        (None, {"fields": ["film", ("kind", "position"), "image", "preview", ("width", "height")]}),
        (_("Description and provenance"), {"fields": ["alt_text", "caption", "credit", "source"]}),
    ]


@admin.register(PersonImage)
class PersonImageAdmin(ImageAdminBase):
    list_display = ["preview", "person", "position", "alt_text", "credit"]
    list_select_related = ["person"]
    search_fields = [*ImageAdminBase.search_fields, "person__name"]
    autocomplete_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["person", "position", "image", "preview", ("width", "height")]}),
        (_("Description and provenance"), {"fields": ["alt_text", "caption", "credit", "source"]}),
    ]
