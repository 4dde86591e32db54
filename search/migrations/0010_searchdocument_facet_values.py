"""Each search document's facet values as one column, which the facet counts group by
(search/engine.py), filled here from the facet rows of the documents already written."""

from django.db import migrations, models

BATCH_SIZE = 2000


def fill(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    SearchFacet = apps.get_model("search", "SearchFacet")
    last = 0
    while True:
        ids = list(
            SearchDocument.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not ids:
            return
        lines = {pk: [] for pk in ids}
        rows = SearchFacet.objects.filter(document_id__in=ids).values_list("document_id", "dimension", "value")
        for document_id, dimension, value in rows:
            lines[document_id].append(f"{dimension}={value}")
        SearchDocument.objects.bulk_update(
            [SearchDocument(pk=pk, facet_values="\n".join(sorted(found))) for pk, found in lines.items()],
            ["facet_values"],
        )
        last = ids[-1]


class Migration(migrations.Migration):
    dependencies = [("search", "0009_unpublished_comments_index")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="facet_values",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
