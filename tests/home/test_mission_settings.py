"""The team's site settings (« Réglages de la mission ») and the site's one clock."""

import datetime

from django.urls import reverse
from wagtail.models import Site

from home import clock
from home.models import DEFAULT_MISSION_SIGNATURE, MissionSettings


def test_defaults_follow_the_real_date_and_sign_as_the_mission(mission_site):
    settings = MissionSettings.current()
    assert settings.reference_date is None
    assert settings.mission_signature == DEFAULT_MISSION_SIGNATURE == "La mission culture-acte 2"
    assert clock.today() == clock.paris_today()


def test_a_reference_date_saved_in_the_admin_is_the_site_s_today(mission_site, admin_client):
    site = Site.objects.get(is_default_site=True)
    assert clock.today() != datetime.date(2012, 12, 6)  # read once: now in the cache
    url = reverse("wagtailsettings:edit", args=["home", "missionsettings", site.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Date de référence" in page.text and "Signature de la mission" in page.text
    response = admin_client.post(
        url, {"reference_date": "2012-12-06", "mission_signature": "La mission Lescure"}
    )
    assert response.status_code == 302
    # Saving the settings renews the cached copy: the new date applies at once.
    assert clock.today() == datetime.date(2012, 12, 6)
    assert MissionSettings.current().mission_signature == "La mission Lescure"
