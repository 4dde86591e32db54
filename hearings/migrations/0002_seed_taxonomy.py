from django.db import migrations

from hearings.taxonomy_terms import TERMS_BY_MODEL, ensure_terms


def seed(apps, schema_editor):
    ensure_terms(lambda name: apps.get_model("hearings", name))


def unseed(apps, schema_editor):
    for model_name, terms in TERMS_BY_MODEL.items():
        apps.get_model("hearings", model_name).objects.filter(slug__in=[slug for slug, _ in terms]).delete()


class Migration(migrations.Migration):
    dependencies = [("hearings", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
