from django.db import migrations

from core.trigram_indexes import upper_trigram_indexes


class Migration(migrations.Migration):
    """PostgreSQL: the fields of an article the admin searches with LIKE, indexed."""

    dependencies = [
        ("articles", "0009_link_tables_by_film_and_person"),
        ("search", "0001_initial"),  # the trigram extension
    ]

    operations = [
        upper_trigram_indexes(
            [
                ("article_title_upper_trgm", "articles_article", "title"),
                ("article_byline_upper_trgm", "articles_article", "byline"),
            ]
        )
    ]
