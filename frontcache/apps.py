from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontcacheConfig(AppConfig):
    name = "frontcache"
    verbose_name = _("Cache des pages et des fragments")

    def ready(self):
        from frontcache import signals

        signals.connect()
