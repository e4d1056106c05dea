"""
The curators' roles, as permission groups every install has.

- Curator: adds, changes and views every entry of the archive; cannot
  publish, unpublish or delete, and cannot manage users.
- Editor: everything a Curator does, and publishes, unpublishes and deletes.

The archive's models are those of ARCHIVE_APPS; publishing is each
publishable model's `publish_<model>` permission. A migration that adds a
model to these apps runs `grant_role_permissions` to give the roles its
permissions (tests/test_roles.py checks that every model has them).
"""

CURATOR = "Curator"
EDITOR = "Editor"
ARCHIVE_APPS = ("films", "articles")
CURATOR_ACTIONS = ("add", "change", "view")
EDITOR_ACTIONS = (*CURATOR_ACTIONS, "delete", "publish")
ROLES = {CURATOR: CURATOR_ACTIONS, EDITOR: EDITOR_ACTIONS}


def action_of(codename):
    """'publish_film' -> 'publish'."""
    return codename.split("_", 1)[0]


def grant_role_permissions(apps, schema_editor=None):
    """
    Creates both groups if missing and grants them their permissions on every
    model of the archive apps at this point of the migrations. Only adds: a
    permission an administrator took away from a group on purpose stays away
    unless its model is new.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after the last migration; the groups
    # need them now.
    for app_config in apps.get_app_configs():
        if app_config.label in (*ARCHIVE_APPS, "auth", "contenttypes"):
            app_config.models_module = True
            create_permissions(app_config, verbosity=0, apps=apps)
            app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label__in=ARCHIVE_APPS))
    for role, actions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(*(p for p in permissions if action_of(p.codename) in actions))


def remove_roles(apps, schema_editor=None):
    apps.get_model("auth", "Group").objects.filter(name__in=[CURATOR, EDITOR]).delete()
