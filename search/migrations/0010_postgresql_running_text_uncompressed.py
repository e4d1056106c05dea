from django.db import migrations

# PostgreSQL compresses a row's long values once the row passes about 2 KB, and an
# entry of running text (body_folded and body_keys, about 1.1 KB each) does. A search that
# walks the newest entries (search.engine) then decompresses every text it reads: for
# "defector" among 100,000 articles, 72-96 ms of reading 25,000 entries, 38-48 ms when
# they are stored as they are. Rows up to a page's size now stay whole and uncompressed
# (a table built so at that size: 290 MB, against 207); longer texts are compressed as
# before.
KEEP_WHOLE = "ALTER TABLE search_searchentry SET (toast_tuple_target = 8160)"
COMPRESS_AGAIN = "ALTER TABLE search_searchentry RESET (toast_tuple_target)"
# A value a row keeps as it is stays compressed: the texts are written anew (`|| ''`), a
# batch of ids at a time, each its own transaction, so that no save waits for them all.
REWRITE = (
    "UPDATE search_searchentry SET body_folded = body_folded || '', "
    "body_keys = body_keys || '' WHERE body AND id >= %s AND id < %s"
)
BATCH = 5_000
# The rewritten rows' old versions, cleared now rather than left in the searches' way
# until autovacuum comes. Their space is kept for the table's later rows: at 100,000
# articles (the migration: about a minute) the table then holds 430-470 MB until a
# VACUUM FULL (37 s at that size, then 290 MB).
CLEAR = "VACUUM (ANALYZE) search_searchentry"


def keep_running_text_whole(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(KEEP_WHOLE)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM search_searchentry WHERE body")
        first, last = cursor.fetchone()
    if first is not None:
        for start in range(first, last + 1, BATCH):
            schema_editor.execute(REWRITE, [start, start + BATCH])
    schema_editor.execute(CLEAR)


def compress_running_text(apps, schema_editor):
    # Rows already written stay uncompressed until they are written again.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COMPRESS_AGAIN)


class Migration(migrations.Migration):
    # VACUUM runs outside a transaction, and each batch commits on its own.
    atomic = False

    dependencies = [
        ("search", "0009_sqlite_short_needles_index"),
    ]

    operations = [
        migrations.RunPython(keep_running_text_whole, compress_running_text, elidable=False),
    ]
