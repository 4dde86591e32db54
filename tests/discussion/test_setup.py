"""The traps of django-comments-xtd 2.10 with Wagtail, each pinned."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from discussion.counts import comment_counts, with_comment_counts
from discussion.demo import create_comment
from discussion.forms import CommentForm
from discussion.models import CommentableMixin, DiscussionComment
from discussion.moderation import commentable_models, moderator_for
from hearings.models import HearingPage
from tests.discussion.conftest import confirm, confirmation_link, form_data, make_hearing, post_comment


def test_commentable_pages_have_get_absolute_url(hearing):
    assert hearing.get_absolute_url() == hearing.get_url() == "/auditions/audition-sacd/"
    comment = create_comment(hearing, "Texte")
    assert comment.get_absolute_url() == f"/auditions/audition-sacd/#c{comment.pk}"


def test_django_site_follows_wagtails_default_site(hearing):
    site = Site.objects.get(is_default_site=True)
    site.hostname = "www.culture-acte2.fr"
    site.port = 443
    site.site_name = "Mission culture-acte 2"
    site.save()
    django_site = DjangoSite.objects.get_current()
    assert django_site.domain == "www.culture-acte2.fr"
    site.port = 8102
    site.save()
    assert DjangoSite.objects.get_current().domain == "www.culture-acte2.fr:8102"
    assert "example.com" not in DjangoSite.objects.get_current().domain


def test_confirmation_mail_points_at_the_site_not_example_com(client, hearing):
    post_comment(client, hearing)
    assert "example.com" not in mail.outbox[0].body
    assert confirmation_link().startswith("http://testserver/commentaires/confirmer/")


def test_hearing_page_is_commentable_and_registered(hearing):
    assert isinstance(hearing, CommentableMixin)
    assert HearingPage in commentable_models()
    assert any(p.heading == "Commentaires" for p in HearingPage.content_panels if hasattr(p, "heading"))


def test_moderation_rules_apply_to_every_commentable_type(client, db):
    """Each concrete commentable page type holds a 3-link comment and refuses when closed."""
    for model in commentable_models():
        assert moderator_for(model()).hold_reason(
            DiscussionComment(comment="https://a.fr https://b.fr https://c.fr"),
            model(comments_premoderated=False),
        )
        assert not moderator_for(model()).allow(model(comments_open=False))


def test_moderation_rules_apply_whatever_object_the_form_was_rendered_with(client, hearing):
    """A form rendered with the generic Page (content type wagtailcore.page) still gets the rules."""
    hearing.comments_premoderated = True
    hearing.save_revision().publish()
    generic = Page.objects.get(pk=hearing.pk)
    data = CommentForm(generic).initial.copy()
    assert data["content_type"] == "wagtailcore.page"
    data.update(
        {"name": "Anne", "email": "anne@example.org", "comment": "Par la page générique", "honeypot": ""}
    )
    data["reply_to"] = 0
    assert client.post("/commentaires/publier/", data).status_code == 200
    confirm(client)
    comment = DiscussionComment.objects.get()
    assert comment.content_type == ContentType.objects.get_for_model(HearingPage)
    assert not comment.is_public  # premoderated: held


def test_no_gravatar_and_no_polling_script(client, hearing):
    create_comment(hearing, "Texte", email="anne@example.org")
    html = client.get(hearing.url).content.decode()
    assert "gravatar" not in html.lower()
    assert "django_comments_xtd" not in html and "setInterval" not in html


def test_comments_json_api_is_off(client, hearing):
    create_comment(hearing, "Texte")
    ct = ContentType.objects.get_for_model(HearingPage)
    for url in (
        f"/comments/api/hearings-hearingpage/{hearing.pk}/",
        f"/comments/api/{ct.app_label}-{ct.model}/{hearing.pk}/count/",
        "/comments/api/comment/",
    ):
        assert client.get(url).status_code == 404


def test_comment_counts_for_many_pages_in_one_query(hearing):
    other = make_hearing(slug="autre", title="Autre")
    third = make_hearing(slug="troisieme", title="Troisième")
    create_comment(hearing, "Un")
    create_comment(hearing, "Deux")
    removed = create_comment(hearing, "Retiré")
    DiscussionComment.objects.filter(pk=removed.pk).update(is_removed=True)
    create_comment(other, "Trois")
    pending = create_comment(other, "En attente")
    DiscussionComment.objects.filter(pk=pending.pk).update(is_public=False)
    with CaptureQueriesContext(connection) as queries:
        counts = comment_counts([hearing, other, third])
    assert len(queries) == 1
    assert counts == {hearing.pk: 2, other.pk: 1, third.pk: 0}
    annotated = with_comment_counts(HearingPage.objects.order_by("pk"))
    with CaptureQueriesContext(connection) as queries:
        values = {page.pk: page.comment_count for page in annotated}
    assert len(queries) == 1
    assert values == counts


def test_count_template_tags(hearing, rf):
    from django.template import engines

    create_comment(hearing, "Un")
    template = engines["django"].from_string(
        "{% load discussion_tags %}{% comment_counts pages as counts %}"
        "{% for p in pages %}{{ p.title }}={{ counts|count_for:p }};{% endfor %}"
    )
    assert template.render({"pages": [hearing]}) == "Audition de la SACD=1;"


def test_private_page_refuses_comments(client, hearing):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=hearing, restriction_type="password", password="secret")
    assert client.post("/commentaires/publier/", form_data(hearing)).status_code == 404
