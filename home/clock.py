"""The site's one clock: « today » for every status and every « à venir / passé » list.

Today is the date in Paris, unless the team has set a reference date in the site settings
(« Réglages de la mission »): an archived consultation, or the demo, which is read as on
6 December 2012, the day of the mission's progress report.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone

PARIS = ZoneInfo("Europe/Paris")


def paris_today():
    """Today's date in Paris, whatever the server's time zone."""
    return timezone.localdate(timezone=PARIS)


def reference_date():
    """The reference date the team has set, or None when the site follows the real date."""
    from home.models import MissionSettings

    return MissionSettings.current().reference_date


def today():
    """The site's « today »: the reference date when one is set, else today's date in Paris."""
    return reference_date() or paris_today()
