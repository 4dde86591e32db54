"""Who sees the failed announcements on the admin dashboard: the page publishers (« Équipe
communication », « Publication des pages »), through the « voir annonce aux abonnés » permission.
Their errors may name a subscriber's address, so not everyone who reaches the admin."""

from django.db import migrations

GROUPS = ["Équipe communication", "Publication des pages"]


def view_permission(apps):
    # Permissions are normally created after all migrations; this one is needed now.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("questions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="questions", codename="view_notificationsent")


def grant(apps, schema_editor):
    permission = view_permission(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = view_permission(apps)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0003_announcement_mails"),
        ("discussion", "0004_french_page_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
