# The statements are this migration's own constants: no outside input.
# ruff: noqa: S608
from django.db import migrations

from search import text_index

# The one table of this migration (migration 0005 replaces it with two): its
# statements as they were, so that the history stays what it was.
TABLE = "search_entry_text"
COLUMNS = "folded, keys, body_folded, body_keys"
_NEW = "new.folded, new.keys, new.body_folded, new.body_keys"
_OLD = "old.folded, old.keys, old.body_folded, old.body_keys"
_DELETE_OLD = f"INSERT INTO {TABLE}({TABLE}, rowid, {COLUMNS}) VALUES ('delete', old.id, {_OLD});"
_INSERT_NEW = f"INSERT INTO {TABLE}(rowid, {COLUMNS}) VALUES (new.id, {_NEW});"
CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}, content='search_searchentry', "
    "content_rowid='id', tokenize='trigram case_sensitive 1', detail='column')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON search_searchentry BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON search_searchentry BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON search_searchentry "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_{event}" for event in ("insert", "delete", "update")] + [
    f"DROP TABLE IF EXISTS {TABLE}"
]


def create(apps, schema_editor):
    if text_index.can_create(schema_editor.connection):
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    """
    SQLite: an FTS5 trigram index of the search entries' match columns, kept in step by
    triggers. Migration 0005 replaces it with the two tables of search/text_index.py.
    """

    dependencies = [
        ("search", "0003_romanization_is_a_name_kind"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
