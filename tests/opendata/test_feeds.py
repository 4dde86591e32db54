"""Every section's Atom feed parses (feedparser), lists what it says, and is announced by the
page it belongs to with <link rel="alternate">."""

import re

import feedparser
import pytest

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def alternate_links(client, url):
    html = client.get(url).content.decode()
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)"', html
    )


def test_hearing_feed(client, content):
    feed = parse(client, "/auditions/feed/")
    assert {entry.title for entry in feed.entries} == {"Table ronde musique", "Audition de la bibliothèque"}
    entry = next(entry for entry in feed.entries if entry.title == "Table ronde musique")
    assert entry.link.endswith("/auditions/" + content["held"].slug + "/")
    assert "Société des auteurs test" in entry.summary
    assert [tag.term for tag in entry.tags] == ["Musique"]
    assert "/auditions/feed/" in alternate_links(client, "/auditions/")


def test_question_feed(client, content):
    feed = parse(client, "/questions/feed/")
    assert [entry.title for entry in feed.entries] == ["Faut-il revoir la chronologie des médias ?"]
    assert feed.entries[0].link.endswith("/questions/chronologie/")
    assert "vidéo à la demande" in feed.entries[0].summary
    assert feed.feed.rights.startswith("Licence Ouverte")
    assert "/questions/feed/" in alternate_links(client, "/questions/")


def test_trip_feed(client, content):
    feed = parse(client, "/deplacements/feed/")
    assert [entry.title for entry in feed.entries] == ["Déplacement à Rennes"]
    assert "8 et 9 novembre 2012" in feed.entries[0].summary
    assert "/deplacements/feed/" in alternate_links(client, "/deplacements/")


def test_comment_feed_of_one_page_lists_its_published_comments_without_addresses(client, content):
    question = content["question"]
    url = f"/flux/commentaires/{question.pk}/"
    assert url in alternate_links(client, question.url)
    assert f'href="{url}"' in client.get(question.url).content.decode()  # the visible link too
    response = client.get(url)
    feed = parse(client, url)
    assert [entry.summary for entry in feed.entries] == ["Une réponse.", "Un avis publié."]
    assert feed.entries[1].author == "Claire"
    assert feed.entries[1].link.endswith(f"/questions/chronologie/#c{content['comment'].pk}")
    assert "@" not in response.content.decode()
    # Each commentable page type announces its own.
    for page in (content["held"], content["trip"]):
        assert f"/flux/commentaires/{page.pk}/" in alternate_links(client, page.url)


def test_comment_feed_of_a_page_without_comments_or_unknown_is_404(client, content):
    assert client.get(f"/flux/commentaires/{content['blog'].pk}/").status_code == 404
    assert client.get("/flux/commentaires/999999/").status_code == 404
    content["question"].unpublish()
    assert client.get(f"/flux/commentaires/{content['question'].pk}/").status_code == 404


def test_section_feeds_are_titled_and_linked_after_their_index_page(client, content):
    for index_url in ("/auditions/", "/questions/", "/deplacements/"):
        feed = parse(client, index_url + "feed/")
        title = re.search(r"<title>([^<]*)</title>", client.get(index_url).content.decode()).group(1)
        assert feed.feed.title == f"{title.split(' — ')[0].split(' | ')[0].strip()} — Mission culture-acte 2"
        assert feed.feed.link.endswith(index_url)
