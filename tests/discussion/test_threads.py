"""Rendering threads: order, pagination, placeholders, flags, likes, and a fixed query count."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussion import services
from discussion.demo import create_comment, create_threads
from discussion.models import DiscussionComment


def render_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_query_count_is_the_same_for_10_and_500_comments(client, hearing, django_user_model):
    from tests.discussion.conftest import make_hearing

    small = hearing
    large = make_hearing(slug="grande", title="Audition très commentée")
    create_threads(small, threads=5, replies=1)
    # 500 comments: 100 threads of 1 + 4 replies, some by logged-in authors (the xtd N+1 trap).
    author = django_user_model.objects.create_user("auteur", "auteur@example.org", "x")
    comments = create_threads(large, threads=100, replies=4)
    DiscussionComment.objects.filter(pk__in=[c.pk for c in comments[::3]]).update(user=author)
    assert DiscussionComment.objects.filter(object_pk=str(small.pk)).count() == 10
    assert DiscussionComment.objects.filter(object_pk=str(large.pk)).count() == 500
    client.get(small.url)
    client.get(large.url)  # warm the per-process caches (site root, content types)
    small_count, _ = render_queries(client, small.url)
    large_count, html = render_queries(client, large.url)
    assert small_count == large_count
    assert "Commentaires (500)" in html
    # 30 threads of 5 on the first page, not all 500.
    assert html.count('class="discussion-comment ') == 150


def test_newest_threads_first_replies_in_order_and_pagination(client, hearing):
    comments = create_threads(hearing, threads=35, replies=2)
    roots = [c for c in comments if c.level == 0]
    html = client.get(hearing.url).content.decode()
    ids = [int(x) for x in re.findall(r'<article id="c(\d+)"', html)]
    assert ids[0] == roots[-1].pk  # newest thread first
    assert ids[1:3] == [roots[-1].pk + 1, roots[-1].pk + 2]  # its replies, oldest first
    assert len(ids) == 30 * 3
    assert "?commentaires=2#commentaires" in html
    page2 = client.get(hearing.url + "?commentaires=2").content.decode()
    ids2 = [int(x) for x in re.findall(r'<article id="c(\d+)"', page2)]
    assert ids2[0] == roots[4].pk and len(ids2) == 5 * 3
    # A bad page number is not a 500; past the last page is the last page.
    assert client.get(hearing.url + "?commentaires=abc").status_code == 200
    for number in ("999", "99999999999999999999"):
        last = client.get(hearing.url + f"?commentaires={number}").content.decode()
        assert 'title="Page 2">2 / 2<' in last
        assert [int(x) for x in re.findall(r'<article id="c(\d+)"', last)] == ids2


def test_thread_markup_is_nested_lists_with_headings(client, hearing):
    root = create_comment(hearing, "Racine", name="Anne")
    reply = create_comment(hearing, "Réponse", name="Paul", parent=root)
    create_comment(hearing, "Sous-réponse", name="Zoé", parent=reply)
    html = client.get(hearing.url).content.decode()
    thread = html[html.index('id="commentaires"') : html.index("</section>")]
    assert re.search(r"<h3[^>]*>\s*Anne", thread)
    assert re.search(r"<h4[^>]*>\s*Paul", thread)
    assert re.search(r"<h5[^>]*>\s*Zoé", thread)
    assert thread.count('<ol class="discussion-replies') == 2
    assert '<label class="fr-label" for="id_comment">' in thread
    assert html.count("<h1") == 1


def test_removed_comment_shows_the_reason_and_its_replies_stay(client, hearing):
    root = create_comment(hearing, "Texte injurieux", name="Troll")
    reply = create_comment(hearing, "Réponse posée", name="Paul", parent=root)
    services.remove(DiscussionComment.objects.get(pk=root.pk), "injurieux")
    html = client.get(hearing.url).content.decode()
    assert "Commentaire retiré par la modération : injurieux" in html
    assert "Texte injurieux" not in html and "Troll" not in html
    assert "Réponse posée" in html
    assert DiscussionComment.objects.get(pk=reply.pk).is_published
    assert "Commentaires (1)" in html


def test_mission_answer_and_remarkable_contribution_are_shown(client, hearing):
    create_comment(hearing, "Réponse officielle", is_mission_answer=True)
    create_comment(hearing, "Très bonne analyse", is_remarkable=True)
    html = client.get(hearing.url).content.decode()
    assert "Réponse de la mission" in html and "discussion-comment--mission" in html
    assert "Contribution remarquable" in html and "discussion-comment--remarkable" in html


def test_three_distinct_visitors_flagging_hide_a_comment(client, hearing):
    comment = create_comment(hearing, "Contenu douteux")
    url = f"/commentaires/{comment.pk}/signaler/"
    assert client.get(url).status_code == 200
    for address in ("192.0.2.1", "192.0.2.2"):
        assert client.post(url, {"reason": "publicite"}, REMOTE_ADDR=address).status_code == 200
    # The same visitor twice counts once.
    client.post(url, {"reason": "publicite"}, REMOTE_ADDR="192.0.2.2")
    comment.refresh_from_db()
    assert comment.flag_count == 2 and comment.is_published
    client.post(url, {"reason": "injurieux"}, REMOTE_ADDR="192.0.2.3")
    comment.refresh_from_db()
    assert comment.flag_count == 3 and comment.hidden_by_flags and not comment.is_published
    html = client.get(hearing.url).content.decode()
    assert "Contenu douteux" not in html
    assert "masqué en attendant la décision d’un modérateur" in html
    # No address is stored: only keyed hashes, different for each comment.
    visitors = list(comment.reactions.values_list("visitor", flat=True))
    assert len(visitors) == 3 and all(len(v) == 64 and "192.0.2" not in v for v in visitors)


def test_a_moderator_approval_settles_flags(client, hearing):
    comment = create_comment(hearing, "Contenu discuté")
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "autre"}, REMOTE_ADDR=address)
    comment.refresh_from_db()
    services.approve(comment)
    client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "autre"}, REMOTE_ADDR="192.0.2.4")
    comment.refresh_from_db()
    assert comment.is_published


def test_flagging_is_rate_limited_per_visitor(client, hearing, settings):
    settings.DISCUSSION_FLAGS_PER_HOUR = 2
    comments = [create_comment(hearing, f"Commentaire {i}") for i in range(3)]
    for comment in comments[:2]:
        assert client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "autre"}).status_code == 200
    response = client.post(f"/commentaires/{comments[2].pk}/signaler/", {"reason": "autre"})
    assert response.status_code == 429
    assert comments[2].reactions.count() == 0


def test_flag_without_reason_is_a_form_error(client, hearing):
    comment = create_comment(hearing, "Commentaire")
    response = client.post(f"/commentaires/{comment.pk}/signaler/", {"reason": "n-importe"})
    assert response.status_code == 400
    assert comment.reactions.count() == 0


def test_likes_count_once_per_visitor(client, hearing):
    comment = create_comment(hearing, "Bonne idée")
    url = f"/commentaires/{comment.pk}/aimer/"
    assert client.post(url).status_code == 302
    client.post(url)
    client.post(url, REMOTE_ADDR="192.0.2.9")
    comment.refresh_from_db()
    assert comment.like_count == 2
    assert "J’aime (<span data-like-count>2</span>)" in client.get(hearing.url).content.decode()
    assert client.get(url).status_code == 405


def test_unpublished_comment_cannot_be_replied_to_or_flagged(client, hearing):
    comment = create_comment(hearing, "En attente")
    DiscussionComment.objects.filter(pk=comment.pk).update(is_public=False, published_at=None)
    assert client.get(f"/commentaires/{comment.pk}/repondre/").status_code == 404
    assert client.get(f"/commentaires/{comment.pk}/signaler/").status_code == 404
    assert client.get("/commentaires/999999/repondre/").status_code == 404


def test_moderating_a_stale_instance_keeps_the_thread_order(hearing):
    root = create_comment(hearing, "Racine")
    first = create_comment(hearing, "Première réponse", parent=root)
    second = create_comment(hearing, "Seconde réponse", parent=root)
    stale_second = DiscussionComment.objects.get(pk=second.pk)
    nested = create_comment(hearing, "Réponse à la première", parent=first)  # shifts `second` down
    services.remove(stale_second, "autre")
    services.approve(DiscussionComment.objects.get(pk=first.pk))
    orders = list(
        DiscussionComment.objects.filter(thread_id=root.pk).order_by("order").values_list("pk", flat=True)
    )
    assert orders == [root.pk, first.pk, nested.pk, second.pk]


def comment_markup(html, comment):
    start = html.index(f'<article id="c{comment.pk}"')
    return html[start : html.index("</article>", start)]


def test_comment_markup_escapes_the_author_and_links_each_action(client, hearing):
    root = create_comment(hearing, "Racine", name='<b>O\'Brien & "co"</b>')
    reply = create_comment(hearing, "Réponse", name="Paul", parent=root)
    deepest = create_comment(hearing, "Sous-réponse", name="Zoé", parent=reply)
    html = client.get(hearing.url).content.decode()
    markup = comment_markup(html, root)
    assert "<b>" not in markup
    escaped = "&lt;b&gt;O&#x27;Brien &amp; &quot;co&quot;&lt;/b&gt;"
    assert re.search(rf'<h3 [^>]*id="c{root.pk}-auteur">\s*{re.escape(escaped)}\s*</h3>', markup)
    assert f'title="J’aime le commentaire de {escaped}"' in markup
    assert f'action="/commentaires/{root.pk}/aimer/"' in markup
    assert (
        f'href="/commentaires/{root.pk}/repondre/">Répondre<span class="fr-sr-only"> à {escaped}</span>'
        in markup
    )
    assert f'href="/commentaires/{root.pk}/signaler/" data-flag-comment="{root.pk}">Signaler' in markup
    # Anonymous visitors may get the page from the page cache: no token in it, csrf.js fetches one.
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="" data-jeton-csrf>' in markup
    # Replies stop at the deepest level; closed comments take no reply at all.
    assert "/repondre/" in comment_markup(html, reply)
    assert "/repondre/" not in comment_markup(html, deepest)
    hearing.comments_open = False
    hearing.save_revision().publish()
    html = client.get(hearing.url).content.decode()
    assert "/repondre/" not in html and f"/commentaires/{root.pk}/signaler/" in html


def test_logged_in_visitor_gets_the_csrf_token_in_each_like_form(client, hearing, django_user_model):
    comment = create_comment(hearing, "Bonne idée")
    client.force_login(django_user_model.objects.create_user("lecteur", "lecteur@example.org", "x"))
    html = client.get(hearing.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', comment_markup(html, comment))
    assert token and len(token.group(1)) == 64
    assert "data-jeton-csrf" not in html


def test_comment_dates_in_french_and_local_time(client, hearing):
    from datetime import UTC, datetime

    summer = create_comment(hearing, "Été", when=datetime(2012, 7, 1, 8, 5, tzinfo=UTC))
    # 02:30 on 28 October 2012 happened twice in Paris: like Django's |date, no offset then.
    ambiguous = create_comment(hearing, "Heure d’hiver", when=datetime(2012, 10, 28, 0, 30, tzinfo=UTC))
    html = client.get(hearing.url).content.decode()
    assert (
        '<time datetime="2012-07-01T10:05:00+0200">le dimanche 1er juillet 2012 à 10 h 05</time>'
        in comment_markup(html, summer)
    )
    assert (
        '<time datetime="2012-10-28T02:30:00">le dimanche 28 octobre 2012 à 2 h 30</time>'
        in comment_markup(html, ambiguous)
    )
