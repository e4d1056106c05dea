from django.db import migrations

# The admin's search of articles' titles, bylines and sources (curation.admin.word_matches)
# reads, on SQLite, this index rather than every article's row with its text, and reads it
# backwards, led by the id, so that a list capped at its newest matches stops there
# (curation.admin.newest_ids: "kim" at 100,000 articles, 38 ms read from the rows newest
# first, 8.6 from here). PostgreSQL finds the words from its trigram indexes: there, an
# index holding the id and these columns was read whole instead (45 ms against 4), so it
# has none.
CREATE = (
    "CREATE INDEX article_search_cover "
    "ON articles_article (id, title, byline, publication_id)"
)
DROP = "DROP INDEX article_search_cover"


def create_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop_on_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0012_article_by_title"),
        ("films", "0005_upper_trgm_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="article", name="article_search_cover"),
        migrations.RunPython(create_on_sqlite, drop_on_sqlite),
    ]
