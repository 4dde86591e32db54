"""Comment text is plain text: escaped, line breaks kept, http(s) links made clickable."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Only http(s) URLs become links: "javascript:" and friends stay plain escaped text.
URL_RE = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}»"


def count_links(text):
    return len(URL_RE.findall(text or ""))


def _link(url):
    trailing = ""
    while url and url[-1] in TRAILING_PUNCTUATION:
        trailing = url[-1] + trailing
        url = url[:-1]
    href = escape(url)
    return f'<a href="{href}" rel="nofollow ugc noopener" class="fr-link">{href}</a>{escape(trailing)}'


def render_comment_text(text):
    """HTML for a comment: each paragraph in <p>, single line breaks as <br>."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    html_paragraphs = []
    for paragraph in paragraphs:
        pieces = []
        position = 0
        for match in URL_RE.finditer(paragraph):
            pieces.append(escape(paragraph[position : match.start()]))
            pieces.append(_link(match.group(0)))
            position = match.end()
        pieces.append(escape(paragraph[position:]))
        html_paragraphs.append("<p>" + "".join(pieces).replace("\n", "<br>") + "</p>")
    return mark_safe("\n".join(html_paragraphs))  # noqa: S308 - every piece is escaped above
