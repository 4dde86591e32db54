"""A site created before this page type has its statement as a standard page at /accessibilite/:
make it the statement page type (same page, same text, same revisions), so that it shows the audit
and the demo loader finds it."""

from django.db import migrations


def convert(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    StandardPage = apps.get_model("home", "StandardPage")
    Statement = apps.get_model("accessibility", "AccessibilityStatementPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    standard_type = ContentType.objects.filter(app_label="home", model="standardpage").first()
    if standard_type is None:
        return
    statement_type, _ = ContentType.objects.get_or_create(
        app_label="accessibility", model="accessibilitystatementpage"
    )
    for page in StandardPage.objects.filter(slug="accessibilite", depth=3, content_type=standard_type):
        if Statement.objects.filter(pk=page.pk).exists():
            continue
        schema_editor.execute(
            f"INSERT INTO {schema_editor.quote_name(Statement._meta.db_table)} (standardpage_ptr_id) VALUES (%s)",
            [page.pk],
        )
        StandardPage.objects.filter(pk=page.pk).update(content_type=statement_type)
        for revision in Revision.objects.filter(object_id=str(page.pk), base_content_type__model="page"):
            revision.content["content_type"] = statement_type.pk
            revision.content_type = statement_type
            revision.save(update_fields=["content", "content_type"])


class Migration(migrations.Migration):
    dependencies = [
        ("accessibility", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]
