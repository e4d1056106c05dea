"""
The page cache's table (CACHE_URL=db://…, the default): created with the
database, so that every install has it. With another CACHE_URL there is
nothing to create; switching to db:// later needs `manage.py createcachetable`.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
