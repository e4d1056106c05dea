from django.db import migrations

from search import text_index


def create(apps, schema_editor):
    if text_index.can_create(schema_editor.connection):
        for statement in text_index.CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in text_index.DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    """
    SQLite: an FTS5 trigram index of the search entries' match columns, kept in step by
    triggers (search/text_index.py). A migration that rebuilds search_searchentry on
    SQLite (Django copies the table to alter it) drops the triggers with it: such a
    migration must run text_index.DROP before and text_index.CREATE after.
    """

    dependencies = [
        ("search", "0003_romanization_is_a_name_kind"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
