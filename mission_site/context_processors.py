from django.conf import settings


def site_identity(request):
    return {
        "MISSION_NAME": settings.MISSION_NAME,
        "MISSION_TAGLINE": settings.MISSION_TAGLINE,
        "OPEN_LICENCE_URL": settings.OPEN_LICENCE_URL,
    }
