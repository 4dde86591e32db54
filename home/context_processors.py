from home import clock


def site_clock(request):
    """The site's « today » (home/clock.py) for every template, and the reference date when the
    team has set one (the public pages then say so)."""
    reference = clock.reference_date()
    return {"site_today": reference or clock.paris_today(), "reference_date": reference}
