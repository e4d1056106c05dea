from django.db import migrations

from core.trigram_indexes import upper_trigram_indexes


class Migration(migrations.Migration):
    """PostgreSQL: the names of a person the admin searches with LIKE, indexed."""

    dependencies = [
        ("films", "0004_remove_poster_and_photo_fields"),
        ("search", "0001_initial"),  # the trigram extension
    ]

    operations = [
        upper_trigram_indexes(
            [
                ("person_name_upper_trgm", "films_person", "name"),
                ("person_name_hangul_upper_trgm", "films_person", "name_hangul"),
                ("personname_name_upper_trgm", "films_personname", "name"),
            ]
        )
    ]
