from django.db import migrations

from curation.roles import grant_role_permissions, remove_roles


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("films", "0004_remove_poster_and_photo_fields"),
        ("articles", "0003_publish_permission"),
    ]

    operations = [
        migrations.RunPython(grant_role_permissions, remove_roles),
    ]
