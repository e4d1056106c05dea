"""
An entry's state, and the readable difference between two states.

A state is plain JSON: {"fields": {name: text}, "rows": {model label: {pk:
{"repr": text, "fields": {...}}}}}, where "fields" holds the editable fields
as text (many-to-many fields as sorted lists of primary keys) and "rows" the
rows edited with the entry (a film's credits and tracks). The same shape
comes from the database (edit conflicts) and from django-reversion's
versions (history), so one diff serves both.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.translation import gettext as _

# Unchanged words kept around a change in a long text.
CONTEXT_WORDS = 8
LONG_TEXT = 80
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def editable_fields(model):
    return [f for f in model._meta.concrete_fields if f.editable and not f.primary_key]


def many_to_many_fields(model):
    return [f for f in model._meta.many_to_many if f.editable]


def field_state(obj, many_to_many=None):
    """
    The editable fields of `obj` as text. Many-to-many values come from
    `many_to_many` ({name: [pk, ...]}) when given, else from the database
    (prefetched rows when present).
    """
    model = type(obj)
    state = {f.name: f.value_to_string(obj) for f in editable_fields(model)}
    for f in many_to_many_fields(model):
        if many_to_many is not None:
            pks = many_to_many.get(f.name, [])
        else:
            pks = [related.pk for related in getattr(obj, f.name).all()]
        state[f.name] = sorted(str(pk) for pk in pks)
    return state


def entry_state(obj, rows=()):
    """The state of `obj` read from the database, with the rows `rows` edited with it."""
    state = {"fields": field_state(obj), "rows": {}}
    for row in rows:
        label = row._meta.label_lower
        state["rows"].setdefault(label, {})[str(row.pk)] = {
            "repr": str(row),
            "fields": field_state(row),
        }
    return state


def version_fields(version):
    """The field state a django-reversion Version stored."""
    model = version._model
    stored = version.field_dict
    names = {f.name for f in many_to_many_fields(model)}
    instance = model(**{key: value for key, value in stored.items() if key not in names})
    return field_state(instance, {key: value for key, value in stored.items() if key in names})


def version_state(version, revision_versions):
    """
    The state of the entry `version` stored, with the rows saved in the same
    revision that point to it, directly or through one another (a track's
    credits). `revision_versions` are that revision's versions.
    """
    state = {"fields": version_fields(version), "rows": {}}
    included = {(version._model, str(version.object_id))}
    pending = [other for other in revision_versions if other.pk != version.pk]
    found = True
    while found:
        found = False
        for other in list(pending):
            if points_to(other, included):
                included.add((other._model, str(other.object_id)))
                state["rows"].setdefault(other._model._meta.label_lower, {})[
                    str(other.object_id)
                ] = {"repr": other.object_repr, "fields": version_fields(other)}
                pending.remove(other)
                found = True
    return state


def points_to(version, included):
    stored = version.field_dict
    for f in version._model._meta.concrete_fields:
        if f.many_to_one and (f.related_model, str(stored.get(f.attname))) in included:
            return True
    return False


# ---------------------------------------------------------------------------
# Differences
# ---------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    # For long texts: (tag, text) pieces, tag "equal", "delete" or "insert".
    pieces: list = field(default_factory=list)


@dataclass
class RowChange:
    kind: str  # "added", "removed" or "changed"
    model_label: str
    description: str
    changes: list = field(default_factory=list)


@dataclass
class Difference:
    fields: list = field(default_factory=list)
    rows: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.fields or self.rows)

    @property
    def changed_labels(self):
        labels = [change.label for change in self.fields]
        labels += sorted({row.model_label for row in self.rows})
        return labels


def difference(model, old, new):
    """How the state `new` of a `model` entry differs from `old`."""
    describe = Describer()
    result = Difference(fields=field_changes(model, old["fields"], new["fields"], describe))
    for label in sorted(set(old["rows"]) | set(new["rows"])):
        row_model = apps.get_model(label)
        model_label = str(row_model._meta.verbose_name_plural).capitalize()
        before, after = old["rows"].get(label, {}), new["rows"].get(label, {})
        for pk in sorted(set(before) | set(after), key=sort_key):
            if pk not in before:
                result.rows.append(RowChange("added", model_label, after[pk]["repr"]))
            elif pk not in after:
                result.rows.append(RowChange("removed", model_label, before[pk]["repr"]))
            else:
                changes = field_changes(
                    row_model, before[pk]["fields"], after[pk]["fields"], describe
                )
                if changes:
                    result.rows.append(
                        RowChange("changed", model_label, after[pk]["repr"], changes)
                    )
    return result


def sort_key(pk):
    return (0, int(pk), "") if str(pk).isdigit() else (1, 0, str(pk))


def field_changes(model, old, new, describe):
    changes = []
    for f in [*editable_fields(model), *many_to_many_fields(model)]:
        if f.name not in old and f.name not in new:
            continue
        before, after = old.get(f.name), new.get(f.name)
        if before == after:
            continue
        old_text, new_text = describe(f, before), describe(f, after)
        change = FieldChange(str(f.verbose_name).capitalize(), old_text, new_text)
        if len(old_text) > LONG_TEXT or len(new_text) > LONG_TEXT:
            change.pieces = word_diff(old_text, new_text)
        changes.append(change)
    return changes


def word_diff(old, new):
    """
    The changed words of two texts as (tag, text) pieces, with a few
    unchanged words around each change and the rest elided.
    """
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    pieces = []
    opcodes = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = a[i1:i2]
            first, last = index == 0, index == len(opcodes) - 1
            keep = 2 * CONTEXT_WORDS
            if len(words) > keep * 2:
                head = [] if first else words[:keep]
                tail = [] if last else words[-keep:]
                text = "".join(head) + " … " + "".join(tail)
            else:
                text = "".join(words)
            pieces.append(("equal", text))
            continue
        if tag in ("replace", "delete"):
            pieces.append(("delete", "".join(a[i1:i2])))
        if tag in ("replace", "insert"):
            pieces.append(("insert", "".join(b[j1:j2])))
    return pieces


class Describer:
    """Turns a stored value into what a curator reads; remembers related names."""

    def __init__(self):
        self.names = {}

    def __call__(self, f, value):
        if value is None or value == "" or value == []:
            return _("(empty)")
        if f.many_to_many:
            return ", ".join(self.related_name(f.related_model, pk) for pk in value)
        if f.many_to_one or f.one_to_one:
            return self.related_name(f.related_model, value)
        if f.choices:
            labels = {str(key): str(label) for key, label in f.flatchoices}
            return labels.get(str(value), str(value))
        return str(value)

    def related_name(self, model, pk):
        key = (model, str(pk))
        if key not in self.names:
            obj = model._default_manager.filter(pk=pk).first()
            self.names[key] = str(obj) if obj else _("#%(pk)s (deleted)") % {"pk": pk}
        return self.names[key]
