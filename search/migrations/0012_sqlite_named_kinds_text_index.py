from django.db import migrations

from search import text_index


class Migration(migrations.Migration):
    """
    SQLite: a full-text table of the names' and titles' columns of the kinds without
    running text alone, kept in step by triggers, from which the search of every kind
    reads those kinds when a common word's newest matches were all articles' and
    reviews' titles (search/text_index.py, named_entries_sql()), as PostgreSQL reads
    its partial indexes of migration 0011.
    """

    dependencies = [
        ("search", "0011_postgresql_named_kinds_indexes"),
    ]

    operations = [
        migrations.RunPython(
            text_index.executes(text_index.NAMED_CREATE),
            text_index.executes(text_index.NAMED_DROP),
            elidable=False,
        ),
    ]
