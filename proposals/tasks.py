"""Mails of the proposals' follow-up, sent by the task worker, never inside a request."""

import logging

from django.db import IntegrityError, transaction
from django_tasks import task

from optin.addresses import normalize_email
from proposals.following import FOLLOWERS
from proposals.models import ProposalFollower, ProposalPage, ProposalUpdate, UpdateMail

logger = logging.getLogger(__name__)


def request_follow(proposal, email, base_url):
    """Hand the wish to the task worker: the request's answer and timing are the same whatever
    the address's state."""
    send_follow_confirmation.enqueue(proposal.pk, normalize_email(email), base_url)


@task()
def send_follow_confirmation(proposal_id, email, base_url):
    """Record the wish to follow a proposal and mail the confirmation link (none to an address
    already following it, nor beyond the daily cap per address)."""
    proposal = ProposalPage.objects.live().public().filter(pk=proposal_id).first()
    if proposal is None:
        return 0
    try:
        with transaction.atomic():
            follower, _ = ProposalFollower.objects.get_or_create(proposal=proposal, email=email)
    except IntegrityError:  # a concurrent insert of the same address
        follower = ProposalFollower.objects.get(proposal=proposal, email=email)
    return FOLLOWERS.send_confirmation(
        follower,
        f"Confirmez le suivi de la proposition n° {proposal.number}",
        "proposals/mails/confirm_follow.txt",
        {"proposal": proposal},
        base_url,
    )


@task()
def announce_update(update_id):
    """Mail each follower of the proposal about a new update, once each (UpdateMail): run again
    after a failure, it mails only those not mailed yet."""
    update = ProposalUpdate.objects.select_related("proposal").filter(pk=update_id).first()
    if update is None or not update.proposal.live:
        return 0
    proposal = update.proposal
    site = proposal.get_site()
    base_url = site.root_url if site else ""
    mailed = UpdateMail.objects.filter(update=update).values("follower_id")
    followers = (
        ProposalFollower.objects.filter(
            proposal=proposal, confirmed_at__isnull=False, unsubscribed_at__isnull=True
        )
        .exclude(pk__in=mailed)
        .order_by("pk")
    )
    sent = 0
    for follower in followers.iterator(chunk_size=500):
        message = FOLLOWERS.build_mail(
            follower,
            f"Suivi de la proposition n° {proposal.number} : {proposal.title}",
            "proposals/mails/update.txt",
            {
                "update": update,
                "proposal": proposal,
                "proposal_url": f"{proposal.get_full_url()}#suivi-{update.pk}",
            },
            base_url,
        )
        message.send()
        UpdateMail.objects.create(update=update, follower=follower)
        sent += 1
    return sent
