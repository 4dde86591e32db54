"""A short server-side excerpt of a result, with the searched words wrapped in <mark>.

The database backends do not return highlights, so the excerpt is cut here from the page's own
text. Matching is approximate on purpose (accents and case ignored, a word matches when it starts
like a searched word): it only chooses where to cut and what to mark; the search itself is done
by the backend.
"""

import functools
import html
import re
import unicodedata

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.blocks import StreamValue

WORD_RE = re.compile(r"\w+")
EXCERPT_WORDS = 32
MARKED_WORD_RE = re.compile(r"^(\W*)(.*?)(\W*)$")


def fold(text):
    """Lower case without accents: « Télévision » -> « television »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A transcript's words are folded one by one until the first searched word: the same everyday
# words come back in every transcript, folded once per process.
fold_word = functools.lru_cache(maxsize=20_000)(fold)


def term_prefixes(query_text):
    prefixes = set()
    for word in WORD_RE.findall(fold(query_text)):
        if len(word) < 2:
            continue
        # Long words match from a shortened stem (plural and feminine endings); short ones whole.
        prefixes.add(word[: max(4, len(word) - 2)] if len(word) > 4 else word)
    return prefixes


def plain_text(value):
    if isinstance(value, StreamValue):
        return " ".join(str(part) for part in value.stream_block.get_searchable_content(value))
    return html.unescape(strip_tags(str(value or "")))


def _matcher(prefixes):
    """`matches(word)`: whether the folded word starts with a long prefix or is a short one."""
    pattern = re.compile(
        "|".join(re.escape(prefix) + ("" if len(prefix) >= 4 else r"\Z") for prefix in sorted(prefixes))
    )
    return lambda word: pattern.match(fold_word(word)) is not None


def make_excerpt(texts, query_text, length=EXCERPT_WORDS):
    """The passage of the first text that holds a searched word, escaped, words marked; or ""."""
    prefixes = term_prefixes(query_text)
    matches = _matcher(prefixes)
    fallback = ""
    for text in texts:
        words = plain_text(text).split()
        if not words:
            continue
        if not fallback:
            fallback = " ".join(words[:length]) + (" …" if len(words) > length else "")
        if not prefixes:
            break
        first = next((i for i, word in enumerate(words) if matches(word)), None)
        if first is None:
            continue
        start = max(0, first - length // 3)
        passage = words[start : start + length]
        rendered = []
        # html.escape: what Django's `escape` applies, without its checks for lazy text (a few
        # hundred words per page of results).
        for word in passage:
            if matches(word):
                # Keep punctuation outside the mark: « SACEM, » -> <mark>SACEM</mark>,
                lead, core, tail = MARKED_WORD_RE.match(word).groups()
                rendered.append(f"{html.escape(lead)}<mark>{html.escape(core)}</mark>{html.escape(tail)}")
            else:
                rendered.append(html.escape(word))
        prefix = "… " if start > 0 else ""
        suffix = " …" if start + length < len(words) else ""
        return mark_safe(prefix + " ".join(rendered) + suffix)  # noqa: S308 - every word is escaped
    return escape(fallback)
