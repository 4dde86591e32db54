from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionConfig(AppConfig):
    name = "discussion"
    verbose_name = _("Commentaires")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save, pre_save  # noqa: PLC0415
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save  # noqa: PLC0415
        from wagtail.models import Site  # noqa: PLC0415

        from discussion import moderation, signals  # noqa: PLC0415

        # xtd unpublishes every reply of a removed comment; our moderation is transparent:
        # the removed comment shows its reason and its replies stay readable.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="discussion.DiscussionComment")
        for model in moderation.commentable_models():
            moderation.register(model)
        post_save.connect(signals.sync_django_site, sender=Site, dispatch_uid="discussion_sync_site")
