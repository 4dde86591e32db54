"""What happens to comments: posting, confirming, publishing, flagging, moderating, erasing.

Views and the admin call these; each keeps its writes in one transaction.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_comments.models import Comment
from wagtail.models import Page

from discussion.client import keyed_hash
from discussion.models import (
    SHOWN,
    CommentableMixin,
    DiscussionComment,
    PersonalDataRequest,
    VisitorReaction,
)
from discussion.moderation import moderator_for
from discussion.signals import personal_data_erased

logger = logging.getLogger("discussion")

CONFIRM_SALT = "discussion.confirm"
# Moderation saves only what it changes: a whole-row save from an instance loaded before a reply
# was inserted would write back stale thread columns (order, nested_count) and scramble the thread.
PUBLICATION_FIELDS = ["is_public", "is_removed", "removal_reason", "hidden_by_flags", "published_at"]
UNSUBSCRIBE_SALT = "discussion.unsubscribe"


def get_commentable_page(object_pk):
    """The live, public, specific page with this id, if it takes comments; else 404."""
    page = Page.objects.live().public().filter(pk=object_pk).first()
    if page is None:
        raise Http404("Aucune page publique ne porte cet identifiant.")
    page = page.specific
    if not isinstance(page, CommentableMixin):
        raise Http404("Cette page ne reçoit pas de commentaires.")
    return page


def shown_comment_or_404(comment_id):
    comment = DiscussionComment.objects.filter(SHOWN, pk=comment_id).first()
    if comment is None:
        raise Http404("Ce commentaire n’existe pas ou n’est pas publié.")
    return comment


def page_of(comment):
    return get_commentable_page(comment.object_pk)


def confirmation_token(comment):
    # Only the comment id, signed with a timestamp: no email, no address, and it expires.
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(str(comment.pk))


def comment_id_from_confirmation_token(token):
    """The comment id; raises signing.SignatureExpired or signing.BadSignature."""
    value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
        token, max_age=settings.DISCUSSION_CONFIRMATION_MAX_AGE
    )
    return int(value)


def unsubscribe_token(comment):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(comment.pk))


def comment_id_from_unsubscribe_token(token):
    return int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))


def create_comment(page, form, request, parent=None):
    """Store a new comment, unpublished until confirmed (or published at once for a logged-in user)."""
    data = form.cleaned_data
    user = request.user if request.user.is_authenticated else None
    now = timezone.now()
    comment = DiscussionComment(
        content_type=ContentType.objects.get_for_model(type(page)),
        object_pk=str(page.pk),
        site_id=settings.SITE_ID,
        user=user,
        user_name=data["name"][:50],
        user_email=data["email"],
        comment=data["comment"],
        submit_date=now,
        ip_address=None,  # the rate limits use a hash in the cache; no address is kept
        is_public=False,
        parent_id=parent.pk if parent else 0,
        followup=data.get("followup", False),
        # A reply stays on its thread's paragraph.
        paragraph=parent.paragraph if parent else data.get("paragraph", ""),
    )
    with transaction.atomic():
        if parent is not None:
            # XtdComment numbers a reply from the thread's current highest order: two replies
            # saved at once would read the same one and share a place. Locking the thread's root
            # row makes replies to one thread wait for each other (other threads do not wait).
            DiscussionComment.objects.select_for_update().filter(pk=parent.thread_id).exists()
        comment.save()
        if user is not None:
            confirm_comment(comment, page, request, now=now)
    return comment


def confirm_comment(comment, page, request, now=None):
    """The email is confirmed (or the author logged in): publish, or hold for a moderator."""
    now = now or timezone.now()
    comment.confirmed_at = now
    held = moderator_for(page).hold_reason(comment, page)
    if not held:
        comment.publish(now=now)
    comment.save(update_fields=["confirmed_at", *PUBLICATION_FIELDS])
    if not held:
        transaction.on_commit(lambda: notify_followers(comment, page, request))
    return held


def confirm_through_link(comment, page, request):
    """The author pressed the button of the mailed link's page. Idempotent: a second press, or two
    at once, confirm once and mail the followers once. False when there was nothing to confirm."""
    with transaction.atomic():
        # The base row first, like every other writer of a comment (see lock_base_row).
        lock_base_row(comment.pk)
        comment.refresh_from_db()
        if comment.confirmed_at is not None or comment.is_removed:
            return False
        confirm_comment(comment, page, request)
    return True


def send_confirmation_mail(comment, page, request):
    link = request.build_absolute_uri(reverse("discussion:confirm", args=[confirmation_token(comment)]))
    context = {
        "comment": comment,
        "page": page,
        "link": link,
        "days": settings.DISCUSSION_CONFIRMATION_MAX_AGE // 86400,
    }
    send_mail(
        subject=f"[{settings.MISSION_NAME}] Confirmez votre commentaire",
        message=render_to_string("discussion/mail/confirmation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[comment.user_email],
    )


def notify_followers(comment, page, request):
    """Mail the people who asked to follow this page, once each, with an unsubscribe link."""
    followers = (
        DiscussionComment.objects.filter(
            object_pk=comment.object_pk, followup=True, confirmed_at__isnull=False
        )
        .exclude(is_removed=True)
        .exclude(user_email__iexact=comment.user_email)
        .order_by("pk")
        .values_list("pk", "user_email")
    )
    seen = set()
    page_url = request.build_absolute_uri(page.get_url(request))
    for follower_pk, email in followers:
        if not email or email.lower() in seen:
            continue
        seen.add(email.lower())
        token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(follower_pk))
        context = {
            "comment": comment,
            "page": page,
            "comment_url": f"{page_url}#c{comment.pk}",
            "unsubscribe_url": request.build_absolute_uri(reverse("discussion:unsubscribe", args=[token])),
        }
        send_mail(
            subject=f"[{settings.MISSION_NAME}] Nouveau commentaire : {page.title}",
            message=render_to_string("discussion/mail/followup.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
        )


def followed_comments(comment):
    """The comments through which the author of `comment` follows its page (an unsubscribe link
    stops them all)."""
    if not comment.user_email:
        return DiscussionComment.objects.none()
    return DiscussionComment.objects.filter(
        object_pk=comment.object_pk, user_email__iexact=comment.user_email, followup=True
    )


def unsubscribe(comment):
    return followed_comments(comment).update(followup=False)


def lock_base_row(comment_pk):
    """Lock the comment's row of `django_comments` before writing its flags or confirming it.

    Saving a comment writes its base row, then `discussion_discussioncomment`: every writer takes
    the base row first, so that two writers of one comment wait for each other (a confirmation
    pressed twice confirms once) rather than locking the two rows in opposite orders."""
    Comment.objects.select_for_update().filter(pk=comment_pk).values_list("pk").first()


def react(comment, kind, visitor, reason=""):
    """Record a like or a flag once per visitor; three distinct flags hide the comment."""
    with transaction.atomic():
        if kind == VisitorReaction.Kind.FLAG:
            lock_base_row(comment.pk)
        _, created = VisitorReaction.objects.get_or_create(
            comment=comment, kind=kind, visitor=visitor, defaults={"reason": reason}
        )
        if not created:
            return False
        if kind == VisitorReaction.Kind.LIKE:
            DiscussionComment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
            return True
        flags = VisitorReaction.objects.filter(comment=comment, kind=VisitorReaction.Kind.FLAG).count()
        DiscussionComment.objects.filter(pk=comment.pk).update(flag_count=flags)
        if flags >= settings.DISCUSSION_FLAGS_TO_HIDE:
            hidden = DiscussionComment.objects.filter(
                pk=comment.pk, flags_reviewed=False, hidden_by_flags=False
            ).update(hidden_by_flags=True)
            if hidden:
                # Saved once more so that post_save listeners (page cache, frontend cache) learn
                # that the comment left the page.
                comment.hidden_by_flags = True
                comment.save(update_fields=["hidden_by_flags"])
    return True


def approve(comment, now=None):
    """A moderator publishes the comment (held, flagged or removed before): flags are settled."""
    if comment.confirmed_at is None:
        return False
    comment.publish(now=now)
    comment.flags_reviewed = True
    comment.save(update_fields=[*PUBLICATION_FIELDS, "flags_reviewed"])
    return True


def remove(comment, reason):
    comment.is_removed = True
    comment.removal_reason = reason
    comment.hidden_by_flags = False
    comment.flags_reviewed = True
    comment.save(update_fields=["is_removed", "removal_reason", "hidden_by_flags", "flags_reviewed"])


def erase_personal_data(email, action, done_by):
    """Anonymise or delete every comment written with this email (its follow-up notifications
    stop with them), and whatever else the site keeps under it (personal_data_erased: the
    subscription); logged, email hashed."""
    email = email.strip()
    comments = DiscussionComment.objects.filter(user_email__iexact=email)
    with transaction.atomic():
        count = comments.count()
        if action == PersonalDataRequest.Action.DELETE:
            for comment in comments.order_by("-level"):
                if DiscussionComment.objects.filter(parent_id=comment.pk).exclude(pk=comment.pk).exists():
                    # Replies by others stay readable: the text goes, the place in the thread stays.
                    _anonymise(comment, wipe_text=True)
                else:
                    comment.delete()
        else:
            for comment in comments:
                _anonymise(comment, wipe_text=False)
        PersonalDataRequest.objects.create(
            email_hash=keyed_hash("rgpd", email.lower()), action=action, comment_count=count, done_by=done_by
        )
        personal_data_erased.send(sender=PersonalDataRequest, email=email)
    logger.info("RGPD request: %s of %s comment(s) by %s", action, count, done_by)
    return count


def _anonymise(comment, wipe_text):
    comment.user_name = "Anonyme"
    comment.user_email = ""
    comment.user_url = ""
    comment.user = None
    comment.ip_address = None
    comment.followup = False
    if wipe_text:
        comment.is_removed = True
        comment.removal_reason = "donnees-personnelles"
    comment.save(
        update_fields=[
            "user_name",
            "user_email",
            "user_url",
            "user",
            "ip_address",
            "followup",
            "is_removed",
            "removal_reason",
        ]
    )
