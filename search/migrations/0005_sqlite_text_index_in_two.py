import importlib

from django.db import migrations

from search import text_index

one_table = importlib.import_module("search.migrations.0004_sqlite_text_index")


def split(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in one_table.DROP:
        schema_editor.execute(statement)
    if text_index.can_create(schema_editor.connection):
        for statement in text_index.create_statements("column"):
            schema_editor.execute(statement)


def join(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in text_index.DROP:
        schema_editor.execute(statement)
    one_table.create(apps, schema_editor)


class Migration(migrations.Migration):
    """
    SQLite: the search entries' trigram index as two FTS5 tables, the names' and titles'
    columns apart from the running text's, kept in step by triggers
    (search/text_index.py). A migration that rebuilds search_searchentry on SQLite
    (Django copies the table to alter it) drops the triggers with it: such a migration
    must run text_index.DROP before and text_index.CREATE after (all that 0007 to 0009
    made).
    """

    dependencies = [
        ("search", "0004_sqlite_text_index"),
    ]

    operations = [
        migrations.RunPython(split, join, elidable=False),
    ]
