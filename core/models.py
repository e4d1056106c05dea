"""
The bases every record app shares: publication state and the one rule of what
visitors may see, natural keys, language codes, and the old slugs that keep
an entry's earlier addresses answering (OldSlug, the one concrete model).
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NaturalKeyManager(models.Manager):
    """
    Looks a row up by the fields its natural_key() returns, in that order.
    `NaturalKeyManager.from_queryset(QS)(*lookups)` adds a queryset's methods.
    """

    def __init__(self, *lookups):
        super().__init__()
        self.lookups = lookups

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.lookups, values, strict=True)))


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


def published_q(path=""):
    """
    The one rule of what visitors may see, as a condition on the entry at
    `path` ("" for the row itself, "film" for a credit's film): published,
    and not scheduled for later.
    """
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}published_at__isnull": True})
        | Q(**{f"{prefix}published_at__lte": timezone.now()})
    )


class Ids:
    """
    Ids for `pk__in_ids`, as one value. Django resolves the items of a list or tuple
    given to a filter one by one (10,000 calls for a film's articles), and every
    compiled query (a list's count, chart and page) would encode them again: these are
    encoded once a database. `Ids.read()` takes them from the database already encoded.
    """

    __slots__ = ("_ids", "_encoded")

    def __init__(self, ids=(), **encoded):
        self._ids = None if encoded else list(map(int, ids))
        self._encoded = encoded

    @classmethod
    def read(cls, column):
        """
        The ids a queryset of one column named ids (`values(ids=F(...))`, never null)
        selects, in one row: the database writes the list as the text `pk__in_ids` gives
        it back (a film's 10,006 articles: 2.4 ms on PostgreSQL, 2.8 on SQLite, where
        reading them as rows took 6.5 and 5). A list, not a subquery: PostgreSQL hashes
        a constant array it is given (a subquery's it would compare row by row, id by
        id, where it reads the table for another condition), and its planner sees how
        long it is.
        """
        connection = connections[column.db]
        try:
            sql, params = column.query.get_compiler(using=column.db).as_sql()
        except EmptyResultSet:  # a condition that holds for no row (`none()`, `in=[]`)
            return cls([])
        postgresql = connection.vendor == "postgresql"
        aggregate = "array_agg(ids)::text" if postgresql else "json_group_array(ids)"
        with connection.cursor() as cursor:
            # The ORM's own SQL, its values in params.
            cursor.execute(f"SELECT {aggregate} FROM ({sql}) AS linked", params)  # noqa: S608
            (text,) = cursor.fetchone()
        # PostgreSQL's array of no row is NULL; SQLite's, "[]".
        return cls(**{connection.vendor: text or "{}"})

    @property
    def empty(self):
        if self._ids is not None:
            return not self._ids
        ((_vendor, text),) = self._encoded.items()
        return text in ("[]", "{}")

    @property
    def ids(self):
        if self._ids is None:
            ((vendor, text),) = self._encoded.items()
            self._ids = json.loads(text if vendor != "postgresql" else f"[{text[1:-1]}]")
        return self._ids

    def __len__(self):
        return len(self.ids)

    def __iter__(self):
        return iter(self.ids)

    def __repr__(self):
        return f"Ids({len(self.ids)})"

    def encoded(self, vendor):
        if vendor not in self._encoded:
            if vendor == "postgresql":
                self._encoded[vendor] = "{" + ",".join(map(str, self.ids)) + "}"
            else:
                self._encoded[vendor] = json.dumps(self.ids)
        return self._encoded[vendor]


@models.IntegerField.register_lookup
class InIds(models.Lookup):
    """
    `pk__in_ids=ids`: the rows whose ids are in a list of any length (an Ids, or any
    iterable of ids), given as one parameter, where a parameter an id would pass the
    databases' limits (SQLite's 32,766) and cost Django a conversion each. PostgreSQL
    gets `= ANY(array)`, whose length its planner sees (a film's 10,000 articles sorted
    newest first: 27 ms as `IN (SELECT unnest(…))`, which it takes for 200 rows, 18 ms
    this way), as the array's text (a list of 10,000 ints takes the driver 12 ms to
    convert, one at a time; this, 1 ms); SQLite a JSON array it reads as a table.
    """

    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        if not self.rhs_is_direct_value():
            raise TypeError(
                "pk__in_ids takes a list of ids or an Ids (Ids.read() reads a queryset's)"
            )
        return self.rhs if isinstance(self.rhs, Ids) else Ids(self.rhs)

    def as_sql(self, compiler, connection):
        # `lhs` is the ORM's own column; the ids are a parameter.
        if self.rhs.empty:
            # As Django's `in` with an empty list: no row, and no query where it decides.
            raise EmptyResultSet
        lhs, params = self.process_lhs(compiler, connection)
        ids = self.rhs.encoded(connection.vendor)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, ids]
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, [*params, ids]


def picked_rows(rows, picked):
    """
    `rows` (a queryset, with its joins, deferred fields and order) limited to the rows
    whose ids the sliced queryset `picked` chooses, in one query. `picked` sorts and
    skips ids from the ordering's columns, which an index holds; only the rows it keeps
    are read whole. Sorted whole instead, a film's 10,000 articles carried their texts
    through the sort, and a far page's OFFSET read every row before it.
    """
    return rows.filter(pk__in=Subquery(picked.values("pk")))


class PublishableQuerySet(SlugQuerySet):
    def published(self):
        """What visitors may see: published, and not scheduled for later."""
        return self.filter(published_q())


class AttachedQuerySet(models.QuerySet):
    """
    Rows with no publication state of their own (credits, tracks, name forms,
    titles): visitors see one when every entry it hangs on is published.
    `visible_through` names those entries' paths.
    """

    visible_through = ()

    def published(self):
        return self.filter(*(published_q(path) for path in self.visible_through))


class Publishable(models.Model):
    """Entries visitors see only once a curator publishes them."""

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish at once; a future time schedules it."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    def natural_key(self):
        return (self.slug,)


class LanguageCode(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    KOREAN_LATIN = "ko-Latn", _("Korean (romanized)")
    CHINESE = "zh", _("Chinese")
    JAPANESE = "ja", _("Japanese")
    FRENCH = "fr", _("French")
    OTHER = "und", _("Other or unknown")


class OldSlugQuerySet(models.QuerySet):
    def entry(self, queryset, slug):
        """
        The entry of `queryset` that was once at `slug`, or None: one query
        (the content type comes from Django's cache).
        """
        content_type = ContentType.objects.get_for_model(queryset.model)
        earlier = self.filter(content_type=content_type, slug=slug).values("object_id")
        return queryset.filter(pk__in=earlier).first()


class OldSlug(models.Model):
    """
    A slug a Publishable entry had before a curator changed it
    (core/slugs.py writes it): the old address redirects to the entry's
    current one for good, so that citations and links never break.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(_("slug"), max_length=200)
    changed = models.DateTimeField(_("changed"), auto_now_add=True)

    objects = OldSlugQuerySet.as_manager()

    class Meta:
        verbose_name = _("old slug")
        verbose_name_plural = _("old slugs")
        constraints = [
            # An old address leads to one entry; also the index of the redirect's lookup.
            models.UniqueConstraint(fields=["content_type", "slug"], name="old_slug_unique"),
        ]

    def __str__(self):
        return self.slug
