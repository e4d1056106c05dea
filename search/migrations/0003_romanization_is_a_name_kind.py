from django.db import migrations, models


def reindex_people(apps, schema_editor):
    """Name forms are now read in the person page's order (name_display_order())."""
    from search.index import rebuild
    from search.models import Kind

    rebuild(apps, kinds=[Kind.PERSON])


class Migration(migrations.Migration):
    """search.models.Romanization was a copy of two of films' NameKind values: use NameKind."""

    dependencies = [
        ("search", "0002_index_the_archive"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchentry",
            name="romanization",
            field=models.CharField(
                blank=True,
                choices=[
                    ("hangul", "Hangul"),
                    ("hanja", "Hanja"),
                    ("rr", "Revised Romanization"),
                    ("mr", "McCune–Reischauer"),
                    ("published", "As published"),
                    ("other", "Other form"),
                ],
                help_text=(
                    "Set when the text was romanized from Hangul by the archive: "
                    "the kind of name form it is (RR or MR)."
                ),
                max_length=20,
                verbose_name="generated romanization",
            ),
        ),
        migrations.RunPython(reindex_people, migrations.RunPython.noop),
    ]
