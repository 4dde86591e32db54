from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.dispatch import Signal

# Sent by discussion.services.erase_personal_data, inside its transaction, with `email`: the apps
# that keep something else under that address (questions' subscriptions) erase it too.
personal_data_erased = Signal()


def django_site_values(wagtail_site):
    domain = wagtail_site.hostname
    if wagtail_site.port not in (80, 443):
        domain = f"{domain}:{wagtail_site.port}"
    return {"domain": domain, "name": wagtail_site.site_name or settings.WAGTAIL_SITE_NAME}


def sync_django_site(sender, instance, **kwargs):
    """Keep django.contrib.sites' Site (used by django_comments) on Wagtail's default site.

    Otherwise comment redirects and mails would point at example.com.
    """
    if kwargs.get("raw") or not instance.is_default_site:
        return
    DjangoSite.objects.update_or_create(pk=settings.SITE_ID, defaults=django_site_values(instance))
    DjangoSite.objects.clear_cache()
