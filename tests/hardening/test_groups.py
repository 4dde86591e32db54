"""Issue 18, failure 9: Wagtail's English « Editors » and « Moderators » (page rights on the whole
tree) beside the French comment groups, and a workflow named « Moderators approval »."""

from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Task, Workflow

PAGE_WRITERS = "Rédaction des pages (sans publication)"
PAGE_PUBLISHERS = "Publication des pages"


def page_rights(group_name):
    rights = GroupPagePermission.objects.filter(group__name=group_name, page__depth=1)
    return set(rights.values_list("permission__codename", flat=True))


def test_every_group_is_french_and_says_what_it_gives(db):
    assert set(Group.objects.values_list("name", flat=True)) == {
        "Modérateurs",
        "Équipe communication",
        PAGE_WRITERS,
        PAGE_PUBLISHERS,
    }
    assert page_rights("Modérateurs") == set()
    assert {"add_page", "change_page"} <= page_rights(PAGE_WRITERS)
    assert "publish_page" not in page_rights(PAGE_WRITERS)
    assert {"add_page", "change_page", "publish_page"} <= page_rights(PAGE_PUBLISHERS)
    moderators = Group.objects.get(name="Modérateurs")
    assert moderators.permissions.filter(codename="moderate_comment").exists()


def test_the_workflow_and_its_task_are_named_in_french(db):
    assert list(Workflow.objects.values_list("name", flat=True)) == ["Relecture avant publication"]
    task = Task.objects.get().specific
    assert task.name == "Validation par « Publication des pages »"
    assert list(task.groups.values_list("name", flat=True)) == [PAGE_PUBLISHERS]
