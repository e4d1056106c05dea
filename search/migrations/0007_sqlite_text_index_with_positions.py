from django.db import migrations

from search import text_index


class Migration(migrations.Migration):
    """
    SQLite: the two trigram tables of 0005 made again keeping where each trigram stands
    (FTS5's detail=full), so that a needle is a phrase the index answers alone, without
    reading every candidate's text again; and an index of the entries' kinds and objects
    by id, where a match's entry is read (search/text_index.py).
    """

    dependencies = [
        ("search", "0006_newest_of_kind_index"),
    ]

    operations = [
        migrations.RunPython(
            # Each way, what the other made is dropped first.
            text_index.executes(text_index.TRIGRAM_DROP + text_index.TRIGRAM_CREATE),
            text_index.executes(text_index.TRIGRAM_DROP + text_index.create_statements("column")),
            elidable=False,
        ),
    ]
