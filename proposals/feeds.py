from mission_site.feeds import FEED_LENGTH, SectionFeed
from proposals.models import ProposalUpdate


class ProposalUpdateFeed(SectionFeed):
    """The steps of the proposals' follow-up, the newest first."""

    description = (
        "Le suivi des propositions de la mission culture-acte 2 : chaque étape de leur mise en œuvre."
    )

    def title(self):
        return f"Suivi des propositions — {super().title()}"

    def items(self):
        return (
            ProposalUpdate.objects.filter(proposal__in=self.index.proposals())
            .select_related("proposal")
            .order_by("-date", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, update):
        return f"Proposition n° {update.proposal.number} : {update.proposal.title}"

    def item_link(self, update):
        return f"{self.absolute(update.proposal)}#suivi-{update.pk}"

    def item_guid(self, update):
        return self.item_link(update)

    def item_description(self, update):
        link = f"\n{update.link_label or 'Le texte'} : {update.link_url}" if update.link_url else ""
        return f"{update.date:%d/%m/%Y} — {update.text}{link}"

    def item_pubdate(self, update):
        return update.created_at

    def item_updateddate(self, update):
        return update.created_at

    def item_categories(self, update):
        return [update.proposal.theme.name, update.proposal.get_status_display()]
