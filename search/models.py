from django.db import models
from django.utils.translation import gettext_lazy as _

from films.models import NameKind


class Kind(models.IntegerChoices):
    """What a search result is; results are grouped in this order."""

    FILM = 1, _("Films")
    PERSON = 2, _("People")
    CHARACTER = 3, _("Characters")
    TRACK = 4, _("Soundtrack")
    PUBLICATION = 5, _("Publications")
    ARTICLE = 6, _("Press")
    REVIEW = 7, _("Reviews")


# The columns of running text, and the kinds that have any: an article's and a review's
# text, one entry of each object at most (search.index).
BODY_COLUMNS = ("body_folded", "body_keys")
RUNNING_TEXT = (Kind.ARTICLE, Kind.REVIEW)
# The others: names and titles only.
NAMED_KINDS = tuple(kind for kind in Kind if kind not in RUNNING_TEXT)


class SearchEntry(models.Model):
    """
    One searchable text of one object: a name form of a person, a title of a
    film, an article's title or its full text. Rebuilt from the objects on
    every save (search.index), so matching is a query on this table; who may
    see the object is decided at query time, by the objects' own rules.
    See crossing_archive/lib/search.py for what the fields hold.
    """

    kind = models.PositiveSmallIntegerField(_("kind"), choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Among equal matches, the lower is shown.")
    )
    text = models.CharField(_("text as shown"), max_length=300, blank=True)
    romanization = models.CharField(
        _("generated romanization"),
        max_length=20,
        choices=NameKind.choices,
        blank=True,
        help_text=_(
            "Set when the text was romanized from Hangul by the archive: "
            "the kind of name form it is (RR or MR)."
        ),
    )
    body = models.BooleanField(_("running text"), default=False)
    # A name or title fills folded and keys, running text body_folded and body_keys: the
    # two are asked different questions, and separate columns keep each index to its own.
    folded = models.TextField(_("folded text"), blank=True)
    keys = models.TextField(_("phonetic keys"), blank=True)
    body_folded = models.TextField(_("folded running text"), blank=True)
    body_keys = models.TextField(_("phonetic key of the running text"), blank=True)
    grams = models.TextField(_("Hangul syllables and pairs"), blank=True)
    sort_key = models.CharField(_("sort key"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # Reindexing an object replaces its entries: search.index.reindex().
            models.Index(fields=["kind", "object_id"], name="searchentry_object"),
            # A kind's newest entries (search.engine.common_words_newest_first): people's
            # are the oldest, and the newest 200 were found by reading back through
            # every article's (90 ms at the bench's size).
            models.Index(fields=["kind", "id"], name="searchentry_newest_of_kind"),
        ]
        # The text indexes are PostgreSQL's own (trigram and array GIN indexes), created
        # by migration 0001: see search/migrations/0001_initial.py.

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}: {self.text or self.body_folded[:60]}"
