"""The followers of the proposals as a double opt-in list (optin.addresses), as the blog's
subscribers (questions/subscriptions.py)."""

from optin.addresses import OptInList
from proposals.models import ProposalFollower

FOLLOWERS = OptInList(
    "proposals.follower",
    rows=ProposalFollower.objects.select_related("proposal").all,
    confirm_url_name="proposals:confirm",
    unsubscribe_url_name="proposals:unsubscribe",
    attempts=("PROPOSAL_FOLLOW_RATE_LIMIT", (5, 3600)),
    attempt_bucket="proposal-follow",
    mail_bucket="proposal-follow-confirmation-mail",
)
