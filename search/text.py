"""How the search reads French text: words folded to search terms, the same way for what is
indexed and for what is typed, on every database.

A word becomes a term by lower-casing it, stripping its accents (« Télévision » -> « television »,
« œuvre » -> « oeuvre ») and one plural rule: a final « s » or « x » is dropped from words of more
than three letters (« créateurs » -> « createur », « auditions » -> « audition », « réseaux » ->
« reseau »). The rule is deliberately small: it makes singular and plural find each other without
a stemmer's surprises, and it is the same in SQLite and PostgreSQL because it runs here, in Python.

Excerpts are cut from the original text: words are found in it with their offsets, so that the
highlighted passages are the page's own characters.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import strip_tags
from wagtail.blocks import StreamValue

WORD_RE = re.compile(r"\w+")
PHRASE_RE = re.compile(r'"([^"]*)"')
# Letters that Unicode does not decompose into a base letter and an accent.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
# A query keeps its first words only: what is typed is capped, not refused.
MAX_QUERY_TERMS = 12
EXCERPT_WORDS = 32
# French grammatical words, left out of a query that holds other words: they are in nearly every
# text, so they neither narrow a search nor, when it is broadened to any of its words, should they
# find the whole site. Kept inside quoted phrases, and when a query holds nothing else.
# (« mais » is left out of the list: its term is « mai », the month.)
STOP_WORDS = (  # noqa: SIM905 - a line of words reads better than 70 strings
    "au aux avec ce ces dans de des du elle en et eux il ils je la le les leur leurs lui ma me "
    "mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi "
    "ton tu un une vos votre vous est sont ont été être avoir cette cet"
).split()


def fold(word):
    """Lower case without accents: « Télévision » -> « television »."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.lru_cache(maxsize=200_000)
def term(word):
    """The search term of one word: folded, and a final s/x dropped from words over 3 letters.
    Cached: the same words come back in every text."""
    folded = fold(word)
    if len(folded) > 3 and folded[-1] in "sx":
        return folded[:-1]
    return folded


def terms(text):
    """The terms of a text, in order."""
    return [term(word) for word in WORD_RE.findall(text)]


def folded(text):
    """A text as the space-separated string of its terms, with a space at both ends, so that
    « contains ' term ' » finds whole terms and PostgreSQL's parser sees the same words."""
    found = terms(text)
    return f" {' '.join(found)} " if found else ""


def plain_text(value):
    """The text of a field: rich text without its tags, a StreamField's searchable content."""
    if isinstance(value, StreamValue):
        return " ".join(str(part) for part in value.stream_block.get_searchable_content(value))
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


@dataclass(frozen=True)
class SearchQuery:
    """What was typed, as terms: `words` must all be found, each `phrases` entry as a sequence."""

    words: tuple
    phrases: tuple

    @property
    def all_terms(self):
        return {*self.words, *(word for phrase in self.phrases for word in phrase)}

    def __bool__(self):
        return bool(self.words or self.phrases)


@functools.cache
def stop_terms():
    return frozenset(term(word) for word in STOP_WORDS)


def parse_query(text):
    """The terms of a query: "quoted words" are phrases, one-letter words are left out (they are
    in every text), so are the STOP_WORDS outside phrases when other words remain, and past
    MAX_QUERY_TERMS terms the rest is ignored."""
    budget = MAX_QUERY_TERMS
    phrases = []
    for quoted in PHRASE_RE.findall(text):
        phrase = tuple(found for found in terms(quoted) if len(found) > 1)[:budget]
        if len(phrase) > 1 and phrase not in phrases:
            phrases.append(phrase)
            budget -= len(phrase)
        elif len(phrase) == 1:
            text += " " + phrase[0]
    words = []
    for found in terms(PHRASE_RE.sub(" ", text).replace('"', " ")):
        if len(found) > 1 and found not in words and budget > 0:
            words.append(found)
            budget -= 1
    meaningful = [word for word in words if word not in stop_terms()]
    if meaningful or phrases:
        words = meaningful
    return SearchQuery(words=tuple(words), phrases=tuple(phrases))


@dataclass(frozen=True)
class Excerpt:
    """A passage of the original text as (text, is_hit) segments, for a template to render."""

    segments: tuple
    cut_before: bool
    cut_after: bool


def excerpt(text, wanted, length=EXCERPT_WORDS):
    """The passage of `text` around the first word whose term is in `wanted`, its words of
    `wanted` marked; the start of the text when none is there; None for an empty text."""
    words = list(WORD_RE.finditer(text))
    if not words:
        return None
    first = next((i for i, word in enumerate(words) if term(word.group()) in wanted), None)
    start = 0 if first is None else max(0, first - length // 3)
    shown = words[start : start + length]
    low, high = (0 if start == 0 else shown[0].start()), shown[-1].end()
    segments, position = [], low
    for word in shown:
        if term(word.group()) in wanted:
            if word.start() > position:
                segments.append((text[position : word.start()], False))
            segments.append((word.group(), True))
            position = word.end()
    if high > position:
        segments.append((text[position:high], False))
    return Excerpt(segments=tuple(segments), cut_before=start > 0, cut_after=start + length < len(words))
