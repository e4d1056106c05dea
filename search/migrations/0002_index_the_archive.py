from django.db import migrations


def build(apps, schema_editor):
    from search.index import rebuild

    rebuild(apps)


def clear(apps, schema_editor):
    apps.get_model("search", "SearchEntry").objects.all().delete()


class Migration(migrations.Migration):
    """Indexes what the archive already holds; saves keep the index up to date from here on."""

    dependencies = [
        ("search", "0001_initial"),
        ("films", "0004_remove_poster_and_photo_fields"),
        ("articles", "0003_publish_permission"),
    ]

    operations = [migrations.RunPython(build, clear)]
