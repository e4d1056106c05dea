"""
PostgreSQL trigram indexes on upper-cased fields, for migrations: Django's `icontains`
is `UPPER(field::text) LIKE UPPER(%s)`, which such an index looks up for a word of three
characters or more instead of reading every row (curation/admin.py, word_matches).
SQLite has no such index: the operation does nothing there.
"""

from django.db import migrations


def upper_trigram_indexes(indexes):
    """A migration operation making [(index name, table, column)] on PostgreSQL (the
    trigram extension comes with search's migration 0001), and dropping them back."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, table, column in indexes:
            schema_editor.execute(
                f"CREATE INDEX {name} ON {table} USING gin (UPPER({column}::text) gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _, _ in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
