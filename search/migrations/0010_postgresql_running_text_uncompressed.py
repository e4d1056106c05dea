from django.db import migrations

# PostgreSQL compresses a row's long values once the row passes about 2 KB, and an
# entry of running text (body_folded and body_keys, about 1.1 KB each) does. A search that
# walks the newest entries (search.engine) then decompresses every text it reads: for
# "defector" among 100,000 articles, 72-96 ms of reading 25,000 entries, 45-48 ms when
# they are stored as they are. Rows up to a page's size now stay whole and uncompressed
# (the table grows from 207 to 290 MB at that size); longer texts are compressed as before.
KEEP_WHOLE = "ALTER TABLE search_searchentry SET (toast_tuple_target = 8160)"
COMPRESS_AGAIN = "ALTER TABLE search_searchentry RESET (toast_tuple_target)"
# A value a row keeps as it is stays compressed: the texts are written anew (`|| ''`).
REWRITE = (
    "UPDATE search_searchentry SET body_folded = body_folded || '', "
    "body_keys = body_keys || '' WHERE body"
)
# The rewritten rows' old versions, cleared now rather than left in the searches' way
# until autovacuum comes.
CLEAR = "VACUUM (ANALYZE) search_searchentry"


def keep_running_text_whole(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in (KEEP_WHOLE, REWRITE, CLEAR):
        schema_editor.execute(statement)


def compress_running_text(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(COMPRESS_AGAIN)


class Migration(migrations.Migration):
    # VACUUM runs outside a transaction.
    atomic = False

    dependencies = [
        ("search", "0009_sqlite_short_needles_index"),
    ]

    operations = [
        migrations.RunPython(keep_running_text_whole, compress_running_text, elidable=False),
    ]
