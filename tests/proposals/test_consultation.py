import re

import pytest
from django.core import mail
from wagtail.rich_text import RichText

from discussion.models import DiscussionComment
from proposals.demo import get_or_create_consultation_text
from proposals.models import ConsultationTextPage, ParagraphVersion
from tests.discussion.conftest import confirm, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def text(mission_site):
    home, pages = mission_site
    page, _ = get_or_create_consultation_text(pages["la-mission"])
    return page


def post(client, page, paragraph, **kwargs):
    return client.post("/commentaires/publier/", form_data(page, paragraph=paragraph, **kwargs))


def test_each_paragraph_links_to_its_thread_with_its_count(client, text):
    html = client.get(text.url).content.decode()
    keys = [p.key for p in text.paragraphs()]
    assert len(keys) == 3
    for number, key in enumerate(keys, 1):
        assert f'href="{text.url}?paragraphe={key}#fil"' in html
        assert f'id="paragraphe-{number}"' in html
    assert html.count("(0 commentaire)") == 3
    assert "Laisser un commentaire" not in html  # no thread open


def test_a_visitor_comments_a_paragraph_with_the_usual_confirmation(client, text):
    first, second, _ = text.paragraphs()
    html = client.get(f"{text.url}?paragraphe={first.key}").content.decode()
    assert 'id="fil"' in html and "Commentaires du paragraphe 1" in html
    assert f'name="paragraph" value="{first.key}:{first.version}"' in html

    response = post(client, text, first.comment_key, comment="Ce paragraphe oublie les bibliothèques.")
    assert response.status_code == 200
    comment = DiscussionComment.objects.get()
    assert comment.paragraph == first.comment_key
    assert not comment.is_published  # waits for the address's confirmation, as every comment
    confirm(client)
    comment.refresh_from_db()
    assert comment.is_published

    html = client.get(text.url).content.decode()
    assert "(1 commentaire)" in html and html.count("(0 commentaire)") == 2
    html = client.get(f"{text.url}?paragraphe={first.key}").content.decode()
    assert "Ce paragraphe oublie les bibliothèques." in html
    html = client.get(f"{text.url}?paragraphe={second.key}").content.decode()
    assert "Ce paragraphe oublie les bibliothèques." not in html

    # A reply stays on the paragraph of its thread.
    response = post(
        client,
        text,
        "",
        comment="Je suis d’accord.",
        name="Paul",
        email="paul@example.org",
        reply_to=comment.pk,
    )
    assert response.status_code == 200
    assert DiscussionComment.objects.get(user_name="Paul").paragraph == first.comment_key


@pytest.mark.parametrize("paragraph", ["", "inconnu:123", "x" * 64])
def test_a_comment_must_name_a_current_paragraph(client, text, paragraph):
    response = post(client, text, paragraph)
    assert response.status_code == 400
    assert "Ce paragraphe n’existe plus ou a changé" in response.content.decode()
    assert not DiscussionComment.objects.exists()
    assert not mail.outbox


def test_an_unknown_paragraph_in_the_address_is_ignored_with_a_message(client, text):
    response = client.get(f"{text.url}?paragraphe=%00nimporte")
    assert response.status_code == 200
    assert "Ce paragraphe n’existe pas" in response.content.decode()


def test_comments_stay_with_the_version_they_were_written_on(client, text):
    first = text.paragraphs()[0]
    post(client, text, first.comment_key, comment="Sur la première version.")
    confirm(client)
    assert ParagraphVersion.objects.filter(page=text).count() == 3

    # The team edits the first paragraph (its block keeps its key) and publishes.
    page = ConsultationTextPage.objects.get(pk=text.pk)
    page.body[1].value = RichText("<p>Une nouvelle rédaction du premier paragraphe.</p>")
    page.save_revision().publish()
    page = ConsultationTextPage.objects.get(pk=text.pk)
    edited = page.paragraphs()[0]
    assert edited.key == first.key and edited.version != first.version
    assert ParagraphVersion.objects.filter(page=text, key=first.key).count() == 2

    html = client.get(f"{page.url}?paragraphe={first.key}").content.decode()
    assert "Sur la première version." in html
    assert "Commentaire écrit sur une version antérieure de ce paragraphe" in html
    assert "mission de concertation sur les contenus numériques" in html  # the old text, quoted
    assert "Une nouvelle rédaction du premier paragraphe." in html
    assert "Certains paragraphes de ce texte ont été modifiés" in html
    assert f'name="paragraph" value="{edited.comment_key}"' in html

    # The old version can no longer be commented; the new one can.
    assert post(client, page, first.comment_key, comment="Trop tard.").status_code == 400
    assert post(client, page, edited.comment_key, comment="Sur la nouvelle version.").status_code == 200
    confirm(client)
    html = client.get(f"{page.url}?paragraphe={first.key}").content.decode()
    assert html.count("Commentaire écrit sur une version antérieure") == 1
    assert re.search(r"\(2 commentaires\)|Commentaires \(2\)", html)


def test_texts_in_consultation_are_found_by_the_search(client, text):
    html = client.get("/recherche/?q=contrefa%C3%A7on&type=texte").content.decode()
    assert text.title in html
