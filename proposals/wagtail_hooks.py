from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from hardening.admin_saves import SafeModelViewSet
from proposals.admin_views import comment_chooser_viewset
from proposals.models import ProposalUpdate


class ProposalUpdateViewSet(SafeModelViewSet):
    """« Suivi des propositions »: the team posts each step; the proposal's followers are mailed."""

    model = ProposalUpdate
    icon = "time"
    menu_label = _("Suivi des propositions")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["proposal", "date", "text", "created_at"]
    list_filter = ["date"]
    ordering = ["-date", "-pk"]


@hooks.register("register_admin_viewset")
def register_comment_chooser():
    return comment_chooser_viewset


@hooks.register("register_admin_viewset")
def register_proposal_updates():
    return ProposalUpdateViewSet("proposal_updates", url_prefix="propositions/suivi")
