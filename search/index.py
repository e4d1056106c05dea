"""
Keeping the search entries in step with the archive.

Each searchable object (a person with all their name forms, a film with all
its titles, a character, a track, a publication, an article, a review) owns
the SearchEntry rows of its kind and id; saving or deleting the object or one
of its rows replaces them. The signal handlers read only the saved rows' own
fields and foreign key ids, so they work as well for `loaddata` (raw saves).
`manage.py rebuild_search_index` and migration 0002 rebuild everything, with
the historical models a migration is given.

Writes that skip signals (QuerySet.update() of a name, bulk_create) leave the
entries behind until the next save or rebuild. Publishing by update() is safe:
visibility is not stored here.
"""

import contextlib
import threading
import time
from collections import defaultdict

from django.apps import apps as global_apps
from django.db.models.signals import post_delete, post_save

from crossing_archive.lib import hangul
from crossing_archive.lib.names import fold
from crossing_archive.lib.search import name_fields, text_fields
from films.models.people import NameKind, name_display_order
from search.models import BODY_COLUMNS, Kind

CHUNK = 1000
TEXT_POSITION = 100


class Form:
    """One text to index for an object, as shown, and whether it was generated."""

    def __init__(self, text, romanization="", body=False):
        self.text, self.romanization, self.body = text, romanization, body


def generated_forms(hangul_text, personal_name):
    """The RR and MR romanizations of a Hangul name or title, as the archive spells them."""
    if not hangul_text or not any(map(hangul.is_syllable, hangul_text)):
        return []
    if personal_name and hangul.split_name(hangul_text):
        rr, mr = hangul.romanize_name_rr(hangul_text), hangul.romanize_name_mr(hangul_text)
    else:
        rr, mr = hangul.romanize_rr(hangul_text), hangul.romanize_mr(hangul_text)
        rr, mr = rr[:1].upper() + rr[1:], mr[:1].upper() + mr[1:]
    return [Form(rr, NameKind.REVISED), Form(mr, NameKind.MCCUNE_REISCHAUER)]


def name_forms(texts, personal_name=False):
    """The given forms in order, then the romanizations of those in Hangul."""
    forms = [Form(text) for text in texts if text]
    for text in texts:
        forms += generated_forms(text, personal_name)
    return forms


def inverted_date(date):
    """A sort key that puts later dates first (and unknown dates last)."""
    if date is None:
        return "99999999"
    return f"{99999999 - int(date.strftime('%Y%m%d')):08d}"


# ---------------------------------------------------------------------------
# What each kind indexes. Each reader takes the models registry and a list of
# ids, and yields (object id, sort key, forms); it reads only named columns,
# so migrations can run it on historical models. Sort keys are folded (lower
# case letters and digits) so that every database collation orders them alike.
# ---------------------------------------------------------------------------


def read_people(apps, ids):
    Person, PersonName = apps.get_model("films", "Person"), apps.get_model("films", "PersonName")
    names = defaultdict(list)
    # In the order the person page lists them: of two forms that fold alike, the first
    # is the one a result says it matched. name_display_order() rather than the
    # queryset method, which historical models (migration 0002) do not have.
    rows = (
        PersonName.objects.filter(person_id__in=ids)
        .order_by(*name_display_order())
        .values_list("person_id", "name")
    )
    for person_id, name in rows:
        names[person_id].append(name)
    for pk, name, name_hangul in Person.objects.filter(pk__in=ids).values_list(
        "pk", "name", "name_hangul"
    ):
        yield pk, fold(name), name_forms([name, name_hangul, *names[pk]], True)


def read_films(apps, ids):
    Film, FilmTitle = apps.get_model("films", "Film"), apps.get_model("films", "FilmTitle")
    titles = defaultdict(list)
    for film_id, title in (
        FilmTitle.objects.filter(film_id__in=ids)
        .order_by("film_id", "kind", "title")
        .values_list("film_id", "title")
    ):
        titles[film_id].append(title)
    for pk, title, original in Film.objects.filter(pk__in=ids).values_list(
        "pk", "title", "original_title"
    ):
        yield pk, fold(title), name_forms([title, original, *titles[pk]])


def read_characters(apps, ids):
    Credit = apps.get_model("films", "Credit")
    rows = Credit.objects.filter(pk__in=ids).exclude(character="")
    for pk, character in rows.values_list("pk", "character"):
        yield pk, fold(character), name_forms([character])


def read_tracks(apps, ids):
    Track = apps.get_model("films", "Track")
    rows = Track.objects.filter(pk__in=ids).values_list(
        "pk", "film_id", "position", "title", "transliteration", "translation"
    )
    for pk, film_id, position, *texts in rows:
        yield pk, f"{film_id:012d}{position:05d}", name_forms(texts)


def read_publications(apps, ids):
    Publication = apps.get_model("articles", "Publication")
    for pk, name in Publication.objects.filter(pk__in=ids).values_list("pk", "name"):
        yield pk, fold(name), name_forms([name])


def _read_documents(model, ids):
    rows = model.objects.filter(pk__in=ids).values_list("pk", "date", "title", "text")
    for pk, date, title, text in rows:
        forms = name_forms([title])
        if text:
            forms.append(Form(text, body=True))
        yield pk, inverted_date(date) + fold(title), forms


def read_articles(apps, ids):
    return _read_documents(apps.get_model("articles", "Article"), ids)


def read_reviews(apps, ids):
    return _read_documents(apps.get_model("articles", "Review"), ids)


READERS = {
    Kind.FILM: ("films", "Film", read_films),
    Kind.PERSON: ("films", "Person", read_people),
    Kind.CHARACTER: ("films", "Credit", read_characters),
    Kind.TRACK: ("films", "Track", read_tracks),
    Kind.PUBLICATION: ("articles", "Publication", read_publications),
    Kind.ARTICLE: ("articles", "Article", read_articles),
    Kind.REVIEW: ("articles", "Review", read_reviews),
}


def build_entries(kind, ids, apps=global_apps):
    """The SearchEntry rows (unsaved) of the objects of `kind` with these ids."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    entries = []
    for object_id, sort_key, forms in READERS[kind][2](apps, ids):
        seen = set()
        for position, form in enumerate(forms):
            if form.body:
                fields, position = text_fields(form.text), TEXT_POSITION
            else:
                fields = name_fields(form.text)
            # Spellings that fold alike ("KIM Tae-kyun", "Kim Tae-kyun") are one entry:
            # the first, the display form, is the one shown.
            if not fields.folded or (form.body, fields.folded) in seen:
                continue
            seen.add((form.body, fields.folded))
            columns = BODY_COLUMNS if form.body else ("folded", "keys")
            entries.append(
                SearchEntry(
                    kind=kind,
                    object_id=object_id,
                    position=position,
                    text="" if form.body else form.text[:300],
                    romanization=form.romanization,
                    body=form.body,
                    grams=fields.grams,
                    sort_key=sort_key[:200],
                    **dict(zip(columns, (fields.folded, fields.keys), strict=True)),
                )
            )
    return entries


def reindex(kind, object_id):
    """Replaces the entries of one object (runs four queries or fewer)."""
    from search.models import SearchEntry

    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    SearchEntry.objects.bulk_create(build_entries(kind, [object_id]))


def reindex_many(kind, object_ids):
    """Replaces the entries of many objects of one kind, CHUNK objects at a time."""
    from search.models import SearchEntry

    object_ids = sorted(object_ids)
    for start in range(0, len(object_ids), CHUNK):
        chunk = object_ids[start : start + CHUNK]
        SearchEntry.objects.filter(kind=kind, object_id__in=chunk).delete()
        SearchEntry.objects.bulk_create(build_entries(kind, chunk), batch_size=CHUNK)


# The objects whose entries wait for the end of a `deferred()` block, per thread.
_waiting = threading.local()


@contextlib.contextmanager
def deferred(discard=False):
    """
    Collects the objects that saves and deletes in this thread would
    reindex one at a time, and reindexes them in bulk when the block ends
    (a few queries per kind, rather than some per row): for imports and
    fixture loading. Nested blocks reindex once, when the outer one ends.
    Nothing is reindexed if the block raises, or with discard=True: both
    for writes that are rolled back.
    """
    if getattr(_waiting, "objects", None) is not None:
        yield
        return
    _waiting.objects = defaultdict(set)
    try:
        yield
        waiting = _waiting.objects
    finally:
        _waiting.objects = None
    for kind, object_ids in () if discard else waiting.items():
        reindex_many(kind, object_ids)


def rebuild(apps=global_apps, kinds=None, stdout=None):
    """Replaces every entry, CHUNK objects at a time. Returns the number of entries."""
    SearchEntry = apps.get_model("search", "SearchEntry")
    total = 0
    for kind in kinds or Kind:
        app_label, model_name, _ = READERS[kind]
        started = time.monotonic()
        SearchEntry.objects.filter(kind=kind).delete()
        model = apps.get_model(app_label, model_name)
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        count = 0
        for start in range(0, len(ids), CHUNK):
            entries = build_entries(kind, ids[start : start + CHUNK], apps)
            SearchEntry.objects.bulk_create(entries, batch_size=CHUNK)
            count += len(entries)
        total += count
        if stdout is not None:
            seconds = time.monotonic() - started
            stdout.write(
                f"{Kind(kind).label}: {len(ids)} objects, {count} entries ({seconds:.1f} s)"
            )
    return total


# ---------------------------------------------------------------------------
# Signals
# ---------------------------------------------------------------------------

# model: (kind it belongs to, the attribute holding that object's id)
TRIGGERS = {
    ("films", "Person"): (Kind.PERSON, "pk"),
    ("films", "PersonName"): (Kind.PERSON, "person_id"),
    ("films", "Film"): (Kind.FILM, "pk"),
    ("films", "FilmTitle"): (Kind.FILM, "film_id"),
    ("films", "Credit"): (Kind.CHARACTER, "pk"),
    ("films", "Track"): (Kind.TRACK, "pk"),
    ("articles", "Publication"): (Kind.PUBLICATION, "pk"),
    ("articles", "Article"): (Kind.ARTICLE, "pk"),
    ("articles", "Review"): (Kind.REVIEW, "pk"),
}


def _handler(kind, attribute):
    def update_search_entries(sender, instance, **kwargs):
        object_id = getattr(instance, attribute)
        if object_id is None:
            return
        waiting = getattr(_waiting, "objects", None)
        if waiting is not None:
            waiting[kind].add(object_id)
        else:
            reindex(kind, object_id)

    return update_search_entries


def connect_signals():
    for (app_label, model_name), (kind, attribute) in TRIGGERS.items():
        model = global_apps.get_model(app_label, model_name)
        handler = _handler(kind, attribute)
        uid = f"search-{app_label}-{model_name}"
        post_save.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        post_delete.connect(handler, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
