from django.db import migrations

from search import text_index


def run(statements):
    def operation(apps, schema_editor):
        if not text_index.can_create(schema_editor.connection):
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    """
    SQLite: a full-text table of the entries' Hangul grams, kept in step by triggers, so
    that a query of one or two syllables reads the entries that hold them rather than
    every entry (search/text_index.py), as PostgreSQL reads its array index of the same
    column.
    """

    dependencies = [
        ("search", "0007_sqlite_text_index_with_positions"),
    ]

    operations = [
        migrations.RunPython(
            run(text_index.GRAMS_CREATE), run(text_index.GRAMS_DROP), elidable=False
        ),
    ]
