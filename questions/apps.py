from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Blog participatif")

    def ready(self):
        from wagtail.signals import page_published

        from discussion.signals import personal_data_erased
        from hearings.models import HearingPage
        from questions.models import QuestionPage
        from questions.signals import announce_first_publication, erase_subscription

        personal_data_erased.connect(erase_subscription, dispatch_uid="questions-erase-subscription")

        for model in (QuestionPage, HearingPage):
            page_published.connect(
                announce_first_publication, sender=model, dispatch_uid=f"questions-announce-{model.__name__}"
            )
