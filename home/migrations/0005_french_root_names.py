"""The root of the page tree and the root collection are created by Wagtail as « Root »: the
admin shows that name in its breadcrumbs, page chooser and permission forms. They read « Racine »
here (only if they still have Wagtail's name)."""

from django.db import migrations


def rename(apps, schema_editor, old, new):
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)
    Collection.objects.filter(depth=1, name=old).update(name=new)


def to_french(apps, schema_editor):
    rename(apps, schema_editor, "Root", "Racine")


def to_english(apps, schema_editor):
    rename(apps, schema_editor, "Racine", "Root")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_mission_settings"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
