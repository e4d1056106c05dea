from django.db import migrations

from search import text_index


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
            text_index.executes(text_index.GRAMS_CREATE),
            text_index.executes(text_index.GRAMS_DROP),
            elidable=False,
        ),
    ]
