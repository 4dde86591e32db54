"""Who may do what: moderators moderate, editors without the right do not publish, and an
anonymous visitor sees neither the admin, nor drafts, nor private pages, nor any commenter's email."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.models import GroupPagePermission, Page, PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from discussion.demo import DEMO_EMAIL_DOMAIN
from discussion.models import DiscussionComment
from hearings.models import HearingPage
from home.models import StandardPage
from tests.accessibility.pages import load_demo_site
from tests.discussion.conftest import make_hearing

SECRET_TITLE = "Audition confidentielle du groupe de travail"


def staff_in(group_name, username="agent"):
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_data(page, title, publish):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "introduction": page.introduction,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    data["action-publish" if publish else "action-save"] = "1"
    return data


# --- Moderators and editors -------------------------------------------------------------------


def test_a_moderator_reaches_the_admin_but_cannot_edit_or_add_pages(client, mission_site):
    home, pages = mission_site
    page = pages["la-mission"]
    client.force_login(staff_in("Modérateurs", "moderatrice"))
    assert client.get("/admin/").status_code == 200  # the account works: the refusals below are real

    edit_url = f"/admin/pages/{page.pk}/edit/"
    response = client.get(edit_url)
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response["Location"] != edit_url
    response = client.post(edit_url, edit_data(page, "Titre changé par un modérateur", publish=True))
    assert response.status_code in (302, 403)
    assert Page.objects.get(pk=page.pk).title == page.title
    assert not Page.objects.get(pk=page.pk).has_unpublished_changes

    add_url = f"/admin/pages/add/home/standardpage/{home.pk}/"
    assert client.get(add_url).status_code in (302, 403)
    response = client.post(
        add_url, {**edit_data(page, "Page d’un modérateur", publish=True), "slug": "moderee"}
    )
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(slug="moderee").exists()


def test_the_communication_team_may_publish_so_a_writer_group_without_publish_is_tested(mission_site):
    # What the discussion migration gives « Équipe communication »: publishing included.
    team = GroupPagePermission.objects.filter(group__name="Équipe communication")
    assert set(team.values_list("permission__codename", flat=True)) >= {"change_page", "publish_page"}


def test_an_editor_without_publish_rights_saves_a_draft_but_cannot_publish(client, mission_site):
    _, pages = mission_site
    page = pages["la-mission"]
    writers = Group.objects.create(name="Rédaction sans publication")
    writers.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=writers,
            page=Page.objects.get(depth=1),
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    user = staff_in("Rédaction sans publication", "redacteur")
    client.force_login(user)
    edit_url = f"/admin/pages/{page.pk}/edit/"
    assert client.get(edit_url).status_code == 200

    response = client.post(edit_url, edit_data(page, "Titre publié sans droit", publish=True))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page.refresh_from_db()
    # The edit is kept as a draft, the live page is untouched.
    assert page.title != "Titre publié sans droit"
    assert page.has_unpublished_changes
    assert page.get_latest_revision().as_object().title == "Titre publié sans droit"
    assert "Titre publié sans droit" not in Client().get(page.url).content.decode()

    # Nor through the dedicated publish routes of the admin.
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})
    revision = page.get_latest_revision()
    client.post(
        edit_url, {**edit_data(page, "Titre publié sans droit", publish=True), "revision": revision.pk}
    )
    page.refresh_from_db()
    assert page.title != "Titre publié sans droit"

    # The same edit by the communication team is published: the refusal above is about the right.
    client.force_login(staff_in("Équipe communication", "communicante"))
    response = client.post(edit_url, edit_data(page, "Titre publié par l’équipe", publish=True))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Titre publié par l’équipe"


# --- Anonymous visitors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/3/edit/",
        "/admin/users/",
        "/admin/discussion/",
        "/admin/bilan-d-etape/",
        "/admin/snippets/",
        "/admin/documents/",
    ],
)
def test_an_anonymous_visitor_is_sent_to_the_login_page_from_any_admin_url(client, mission_site, url):
    response = client.get(url)
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")


def test_an_anonymous_visitor_gets_no_draft(client, mission_site):
    _, pages = mission_site
    draft = StandardPage(title="Brouillon du rapport final", slug="brouillon-rapport", live=False)
    pages["la-mission"].add_child(instance=draft)
    draft.save_revision()
    assert client.get("/la-mission/brouillon-rapport/").status_code == 404

    # A draft of a published page: the published version is served, never the draft.
    page = pages["la-mission"]
    page.title = "Titre de travail non publié"
    page.save_revision()
    html = client.get(page.url).content.decode()
    assert "Titre de travail non publié" not in html
    assert "Brouillon du rapport final" not in client.get("/plan-du-site/").content.decode()
    assert "Brouillon du rapport final" not in client.get("/sitemap.xml").content.decode()


@pytest.mark.parametrize("restriction", ["login", "password"])
def test_an_anonymous_visitor_gets_no_private_page_nor_a_trace_of_it(client, db, restriction):
    hearing = make_hearing(slug="audition-confidentielle", title=SECRET_TITLE)
    make_hearing(slug="audition-publique", title="Audition publique de la SACEM")
    PageViewRestriction.objects.create(
        page=hearing, restriction_type=restriction, password="secret" if restriction == "password" else ""
    )
    response = client.get(hearing.url)
    if restriction == "login":
        assert response.status_code == 302
        assert "login" in response["Location"]
    else:
        assert response.status_code == 200  # Wagtail's password form
    assert "Résumé de l’audition" not in response.content.decode()

    for url in (
        "/auditions/",
        "/auditions/export.csv",
        "/auditions/export.json",
        "/auditions/feed/",
        "/auditions/calendar.ics",
        "/recherche/?q=confidentielle",
        "/recherche/?q=audition",
        "/plan-du-site/",
        "/sitemap.xml",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET_TITLE not in body, url
        assert "audition-confidentielle" not in body, url
    # The listing does show the public one: the check above can fail.
    assert "Audition publique de la SACEM" in client.get("/auditions/").content.decode()


def test_no_commenter_email_in_any_public_page_export_feed_or_calendar(client, db):
    load_demo_site()
    commented = DiscussionComment.objects.published().filter(user_email__endswith="@" + DEMO_EMAIL_DOMAIN)
    emails = set(commented.values_list("user_email", flat=True))
    assert len(emails) > 10  # the demo commenters exist, with their emails stored
    commented_pages = Page.objects.live().filter(
        pk__in=[int(pk) for pk in commented.values_list("object_pk", flat=True)]
    )
    assert commented_pages.count() > 5

    urls = {page.url for page in Page.objects.live().public().specific()} - {None}
    urls |= {
        "/auditions/export.csv",
        "/auditions/export.json",
        "/auditions/feed/",
        "/auditions/calendar.ics",
        "/auditions/repartition/",
        "/deplacements/calendar.ics",
        "/recherche/?q=musique",
        "/recherche/suggestions/?q=mus",
        "/plan-du-site/",
        "/sitemap.xml",
        "/questions/?tri=commentees",
    }
    urls |= {f"/deplacements/{slug}/calendar.ics" for slug in ("rennes",)}
    urls |= {
        f"/commentaires/{pk}/repondre/" for pk in commented.filter(level=0).values_list("pk", flat=True)[:5]
    }
    urls |= {f"/commentaires/{pk}/signaler/" for pk in commented.values_list("pk", flat=True)[:5]}
    names_seen = 0
    for url in sorted(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert DEMO_EMAIL_DOMAIN not in body, url
        leaked = [email for email in emails if email.split("@")[0] + "@" in body]
        assert not leaked, (url, leaked[:3])
        names_seen += any(comment.user_name in body for comment in commented[:50])
    assert names_seen > 5  # the comments are on these pages: their authors' names show, not their emails
    assert any(page.specific_class is HearingPage for page in commented_pages)
