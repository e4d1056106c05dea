import importlib
from functools import partial

from django.db import migrations

initial = importlib.import_module("search.migrations.0001_initial")

# The search of every kind reads the kinds without running text on their own when a
# common word filled its limit (search.engine.last_matching(named=True)): the trigram
# index of every entry's names and titles gave it every article's title that holds the
# word, each read again to be skipped ("defector" at 100,000 articles: 3,975 titles for
# 12 names, 4 ms a needle). These hold those kinds' entries alone (55,000 at that size:
# 0.3-1.5 ms a needle; built in about a second). The kinds are search.models.NAMED_KINDS,
# written out: the engine asks `kind IN (1, 2, 3, 4, 5)`, the condition PostgreSQL must
# find here to use them (tests/test_search_matching.py checks that it does).
NAMED = "WHERE kind IN (1, 2, 3, 4, 5)"
POSTGRESQL_INDEXES = [
    ("searchentry_named_folded_trgm", f"USING gin (folded gin_trgm_ops) {NAMED}"),
    ("searchentry_named_keys_trgm", f"USING gin (keys gin_trgm_ops) {NAMED}"),
    ("searchentry_named_grams", f"USING gin (string_to_array(grams, ' ')) {NAMED}"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_postgresql_running_text_uncompressed"),
    ]

    operations = [
        migrations.RunPython(
            partial(initial.create_indexes, indexes=POSTGRESQL_INDEXES),
            partial(initial.drop_indexes, indexes=POSTGRESQL_INDEXES),
            elidable=False,
        ),
    ]
