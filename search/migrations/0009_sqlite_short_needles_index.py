from django.db import migrations

from search import text_index


class Migration(migrations.Migration):
    """
    SQLite: an index of the entries' names' and titles' columns by id, from which a
    needle too short for the full-text tables is read instead of every entry's row
    (search/text_index.py).
    """

    dependencies = [
        ("search", "0008_sqlite_hangul_grams_index"),
    ]

    operations = [
        migrations.RunPython(
            text_index.executes(text_index.SHORT_CREATE),
            text_index.executes(text_index.SHORT_DROP),
            elidable=False,
        ),
    ]
