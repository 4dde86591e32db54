"""Wagtail's default groups and workflow, renamed in French after what they do.

Wagtail creates « Editors » (write pages, no publishing) and « Moderators » (publish pages on the
whole tree, and approve its default workflow) beside this site's « Modérateurs » (comments) and
« Équipe communication »: giving someone « Moderators » for comment moderation gave them page
publishing. Renamed, not deleted, so that members and rights stay as they were.
"""

from django.db import migrations

RENAMED_GROUPS = {
    "Editors": "Rédaction des pages (sans publication)",
    "Moderators": "Publication des pages",
}
RENAMED_WORKFLOWS = {"Moderators approval": "Relecture avant publication"}
RENAMED_TASKS = {"Moderators approval": "Validation par « Publication des pages »"}


def rename(model, names):
    for old, new in names.items():
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def to_french(apps, schema_editor):
    rename(apps.get_model("auth", "Group"), RENAMED_GROUPS)
    rename(apps.get_model("wagtailcore", "Workflow"), RENAMED_WORKFLOWS)
    rename(apps.get_model("wagtailcore", "Task"), RENAMED_TASKS)


def to_english(apps, schema_editor):
    def reverse(names):
        return {new: old for old, new in names.items()}

    rename(apps.get_model("auth", "Group"), reverse(RENAMED_GROUPS))
    rename(apps.get_model("wagtailcore", "Workflow"), reverse(RENAMED_WORKFLOWS))
    rename(apps.get_model("wagtailcore", "Task"), reverse(RENAMED_TASKS))


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0003_comment_indexes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(to_french, to_english)]
