"""The HTML of a page of threads, built in Python.

A page shows 30 threads with their replies (60 comments or so). Through the Django template
engine (one include per comment, three `{% url %}`, two `|date`, about thirty variable lookups)
they cost ~0.6 ms of CPU each, more than half of the page; here they cost a few hundredths of a
millisecond each. The markup (line breaks and indentation included) is the one the former
template `discussion/includes/comment.html` gave, so the pages are the same to the byte.

Everything that comes from a visitor (name, text) goes through `escape` or
`render_comment_text`, which escapes it.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.safestring import mark_safe

from discussion.text import render_comment_text

# A comment id no real comment has, replaced by each comment's id in the URLs reversed once.
URL_ID = 2147483647
LIKE_FORM = '        <form method="post" action="{like}" class="discussion-comment__like">\n'
DEFERRED_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="" data-jeton-csrf>'


def _comment_url_builder(name):
    before, after = reverse(name, kwargs={"comment_id": URL_ID}).split(str(URL_ID))
    return lambda pk: f"{before}{pk}{after}"


def _iso_datetime(local):
    """`|date:"Y-m-d\\TH:i:sO"`: like Django, no offset for a time that the change to or from
    summer time makes ambiguous or nonexistent."""
    offset = local.utcoffset()
    if local.replace(fold=not local.fold).utcoffset() != offset:
        return f"{local:%Y-%m-%dT%H:%M:%S}"
    return f"{local:%Y-%m-%dT%H:%M:%S%z}"


class ThreadRenderer:
    """Renders comments as `discussion/thread.html` shows them.

    `can_reply`: the comment form is shown (a reply link up to `max_level`); `csrf_token`: the
    token of the like forms, or None when it is deferred (discussion/csrf.js fills it in).
    """

    def __init__(self, *, max_level, can_reply, csrf_token=None):
        self.max_level = max_level
        self.can_reply = can_reply
        if csrf_token is None:
            self.csrf_input = DEFERRED_CSRF_INPUT
        else:
            self.csrf_input = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">'
        self.like_url = _comment_url_builder("discussion:like")
        self.reply_url = _comment_url_builder("discussion:reply")
        self.flag_url = _comment_url_builder("discussion:flag")
        # `F` of |date: the translated month names, looked up once rather than per comment.
        self.month_names = {number: str(name) for number, name in MONTHS.items()}

    def _date(self, local):
        """`|date:"j F Y à H:i"`."""
        return f"{local.day} {self.month_names[local.month]} {local.year} à {local:%H:%M}"

    def threads(self, threads):
        """What `{% for comment in threads %}{% include "…/comment.html" %}{% endfor %}` gave."""
        parts = ["\n      "]
        for comment in threads:
            parts.append("\n        ")
            self._comment(comment, parts)
            parts.append("\n      ")
        parts.append("\n    ")
        return mark_safe("".join(parts))  # noqa: S308 - every value is escaped in _comment

    def _comment(self, comment, parts):
        pk = comment.pk
        published = comment.is_published
        name = escape(comment.user_name)
        classes = ""
        if comment.is_mission_answer and published:
            classes += " discussion-comment--mission"
        if comment.is_remarkable and published:
            classes += " discussion-comment--remarkable"
        heading = min(3 + comment.level, 6)
        if published:
            author = name
        elif comment.is_removed:
            author = "Commentaire retiré"
        else:
            author = "Commentaire masqué"
        local = timezone.localtime(comment.submit_date)
        parts.append(
            f'\n<li class="discussion-comment discussion-comment--level-{comment.level}">\n'
            f'  <article id="c{pk}" tabindex="-1" class="discussion-comment__body{classes}"'
            f' aria-labelledby="c{pk}-auteur">\n'
            "    \n"
            f'      <h{heading} class="fr-text--md fr-mb-0 discussion-comment__author" id="c{pk}-auteur">\n'
            f"        {author}\n"
            f"      </h{heading}>\n"
            "    \n"
            '    <p class="fr-text--xs fr-mb-1w discussion-comment__date">\n'
            f'      <time datetime="{_iso_datetime(local)}">le {self._date(local)}</time>\n'
            "    </p>\n"
            "    "
        )
        if comment.is_removed:
            reason = escape(comment.get_removal_reason_display() or "autre")
            parts.append(
                '\n      <p class="discussion-comment__removed"><em>Commentaire retiré par la modération'
                f" : {reason}</em></p>\n    "
            )
        elif not published:
            parts.append(
                '\n      <p class="discussion-comment__removed"><em>Commentaire masqué en attendant la'
                " décision d’un modérateur.</em></p>\n    "
            )
        else:
            self._published_body(comment, name, parts)
        parts.append("\n  </article>\n  ")
        if comment.replies:
            parts.append('\n    <ol class="discussion-replies fr-raw-list">\n      ')
            for reply in comment.replies:
                parts.append("\n        ")
                self._comment(reply, parts)
                parts.append("\n      ")
            parts.append("\n    </ol>\n  ")
        parts.append("\n</li>\n")

    def _published_body(self, comment, name, parts):
        pk = comment.pk
        parts.append("\n      ")
        if comment.is_mission_answer or comment.is_remarkable:
            mission = (
                '<li><p class="fr-badge fr-badge--info fr-badge--sm">Réponse de la mission</p></li>'
                if comment.is_mission_answer
                else ""
            )
            remarkable = (
                '<li><p class="fr-badge fr-badge--new fr-badge--sm">Contribution remarquable</p></li>'
                if comment.is_remarkable
                else ""
            )
            parts.append(
                '\n        <ul class="fr-badges-group fr-mb-1w">\n'
                f"          {mission}\n"
                f"          {remarkable}\n"
                "        </ul>\n      "
            )
        parts.append(
            f'\n      <div class="discussion-comment__text">{render_comment_text(comment.comment)}</div>\n'
            '      <div class="discussion-comment__actions">\n'
            + LIKE_FORM.format(like=self.like_url(pk))
            + f"          {self.csrf_input}\n"
            '          <button type="submit" class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm'
            f' fr-icon-heart-line fr-btn--icon-left" title="J’aime le commentaire de {name}">'
            f"J’aime ({comment.like_count})</button>\n"
            "        </form>\n"
            "        "
        )
        if self.can_reply and comment.level < self.max_level:
            parts.append(
                '\n          <a class="fr-link fr-link--sm fr-icon-reply-line fr-link--icon-left"'
                f' href="{self.reply_url(pk)}">Répondre<span class="fr-sr-only"> à {name}</span></a>\n'
                "        "
            )
        parts.append(
            '\n        <a class="fr-link fr-link--sm fr-icon-flag-line fr-link--icon-left"'
            f' href="{self.flag_url(pk)}">Signaler<span class="fr-sr-only"> le commentaire de {name}'
            "</span></a>\n"
            "      </div>\n"
            "    "
        )
