from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# PostgreSQL serves the matching in search/engine.py from these indexes; SQLite from
# its own (migration 0004).
# The trigram indexes serve `LIKE '%x%'` for three characters or more; names and running
# text are in separate columns, so a query on names never reads the (much larger) index of
# the articles' text. The array index finds the one- and two-syllable Hangul queries that
# leave a trigram index nothing to look up.
POSTGRESQL_INDEXES = [
    ("searchentry_folded_trgm", "USING gin (folded gin_trgm_ops)"),
    ("searchentry_keys_trgm", "USING gin (keys gin_trgm_ops)"),
    ("searchentry_body_folded_trgm", "USING gin (body_folded gin_trgm_ops)"),
    ("searchentry_body_keys_trgm", "USING gin (body_keys gin_trgm_ops)"),
    ("searchentry_grams", "USING gin (string_to_array(grams, ' '))"),
]


def create_indexes(apps, schema_editor, indexes=POSTGRESQL_INDEXES):
    """Of search_searchentry, on PostgreSQL only (migration 0011 makes its own too)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in indexes:
        schema_editor.execute(f"CREATE INDEX {name} ON search_searchentry {definition}")


def drop_indexes(apps, schema_editor, indexes=POSTGRESQL_INDEXES):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in indexes:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        # pg_trgm is a trusted extension: the database's owner may create it.
        TrigramExtension(),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.PositiveSmallIntegerField(choices=[(1, "Films"), (2, "People"), (3, "Characters"), (4, "Soundtrack"), (5, "Publications"), (6, "Press"), (7, "Reviews")], verbose_name="kind")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                ("position", models.PositiveSmallIntegerField(default=0, help_text="Among equal matches, the lower is shown.", verbose_name="position")),
                ("text", models.CharField(blank=True, max_length=300, verbose_name="text as shown")),
                ("romanization", models.CharField(blank=True, choices=[("rr", "Revised Romanization"), ("mr", "McCune–Reischauer")], help_text="Set when the text was romanized from Hangul by the archive.", max_length=2, verbose_name="generated romanization")),
                ("body", models.BooleanField(default=False, verbose_name="running text")),
                ("folded", models.TextField(blank=True, verbose_name="folded text")),
                ("keys", models.TextField(blank=True, verbose_name="phonetic keys")),
                ("body_folded", models.TextField(blank=True, verbose_name="folded running text")),
                ("body_keys", models.TextField(blank=True, verbose_name="phonetic key of the running text")),
                ("grams", models.TextField(blank=True, verbose_name="Hangul syllables and pairs")),
                ("sort_key", models.CharField(blank=True, max_length=200, verbose_name="sort key")),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "indexes": [models.Index(fields=["kind", "object_id"], name="searchentry_object")],
            },
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
