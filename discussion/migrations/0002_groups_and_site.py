"""The « Modérateurs » and « Équipe communication » groups, and the Django Site on Wagtail's."""

from django.db import migrations

GROUP_MODERATORS = "Modérateurs"
GROUP_COMMUNICATION = "Équipe communication"

COMMENT_PERMISSIONS = [
    ("discussion", "view_discussioncomment"),
    ("discussion", "change_discussioncomment"),
    ("discussion", "moderate_comment"),
    ("discussion", "view_personaldatarequest"),
    ("discussion", "add_personaldatarequest"),
]
TAXONOMY_MODELS = ["organism", "organismnature", "actorfamily", "sector"]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_permissions(apps):
    # Permissions are normally created after all migrations; these groups need them now.
    from django.contrib.auth.management import create_permissions

    for label in ("discussion", "hearings", "wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    admin_access = permission(apps, "wagtailadmin", "access_admin")
    comment_permissions = [permission(apps, app, codename) for app, codename in COMMENT_PERMISSIONS]

    moderators, _ = Group.objects.get_or_create(name=GROUP_MODERATORS)
    moderators.permissions.add(admin_access, *comment_permissions)

    communication, _ = Group.objects.get_or_create(name=GROUP_COMMUNICATION)
    taxonomy = [
        permission(apps, "hearings", f"{action}_{model}")
        for model in TAXONOMY_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    communication.permissions.add(admin_access, *comment_permissions, *taxonomy)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=communication, page=root, permission=permission(apps, "wagtailcore", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=communication,
                collection=root_collection,
                permission=permission(apps, app_label, codename),
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[GROUP_MODERATORS, GROUP_COMMUNICATION]).delete()


def sync_site(apps, schema_editor):
    from django.conf import settings

    WagtailSite = apps.get_model("wagtailcore", "Site")
    DjangoSite = apps.get_model("sites", "Site")
    default = WagtailSite.objects.filter(is_default_site=True).first()
    if default is None:
        return
    domain = default.hostname if default.port in (80, 443) else f"{default.hostname}:{default.port}"
    DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": default.site_name or settings.WAGTAIL_SITE_NAME}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0001_initial"),
        ("hearings", "0002_seed_taxonomy"),
        ("sites", "0002_alter_domain_unique"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
        migrations.RunPython(sync_site, migrations.RunPython.noop),
    ]
