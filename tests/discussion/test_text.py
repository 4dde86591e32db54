import re

import pytest

from discussion.text import count_links, render_comment_text
from tests.discussion.conftest import post_comment

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">clic</a>',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    '<iframe src="javascript:alert(1)"></iframe>',
    "<body onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '<div style="background:url(javascript:alert(1))">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    "data:text/html,<script>alert(1)</script>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "vbscript:msgbox(1)",
    "<style>@import 'javascript:alert(1)';</style>",
]

# The only tags comment text may produce: paragraphs, line breaks and http(s) links.
ALLOWED_TAGS = re.compile(
    r'</?p>|<br>|<a href="https?://[^"<>]*" rel="nofollow ugc noopener" class="fr-link">|</a>'
)


def assert_inert(html):
    remaining = ALLOWED_TAGS.sub("", html)
    assert not re.search(r"<[a-z!/]", remaining, re.IGNORECASE), remaining


DANGEROUS = [
    "<script",
    "<img",
    "<svg",
    "<iframe",
    "<body",
    "<div",
    "<object",
    "<input",
    "<details",
    "<meta",
    "<style",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_payload_comes_out_inert(payload):
    html = str(render_comment_text(payload))
    for tag in DANGEROUS:
        assert tag not in html.lower()
    assert 'href="javascript' not in html.lower()
    assert 'href="data' not in html.lower()
    assert 'href="vbscript' not in html.lower()
    assert_inert(html)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_payload_is_inert_on_the_public_page(client, django_user_model, hearing, payload):
    user = django_user_model.objects.create_user("lecteur", "lecteur@example.org", "x")
    client.force_login(user)
    response = post_comment(client, hearing, comment=payload)
    assert response.status_code == 302
    client.logout()
    html = client.get(hearing.url).content.decode()
    start = html.index('class="discussion-comment__text"')
    text = html[start : html.index("</div>", start)].lower()
    assert "<p>" in text
    for tag in DANGEROUS:
        assert tag not in text
    assert 'href="javascript' not in text
    assert_inert(html[start + len('class="discussion-comment__text">') : html.index("</div>", start)])


def test_links_become_nofollow_ugc_and_line_breaks_are_kept():
    html = str(
        render_comment_text("Voir https://example.org/rapport.pdf.\nEt la suite.\n\nDeuxième paragraphe")
    )
    assert '<a href="https://example.org/rapport.pdf" rel="nofollow ugc noopener" class="fr-link">' in html
    assert "</a>.<br>Et la suite.</p>" in html
    assert "<p>Deuxième paragraphe</p>" in html


def test_only_http_links_are_counted():
    assert count_links("https://a.fr http://b.fr javascript:alert(1) ftp://c.fr www.d.fr") == 2
