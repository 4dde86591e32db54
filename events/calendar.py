"""iCalendar export of the trips: one all-day event per trip and one timed event per session."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event


def _uid(request, *parts):
    # Stable across exports so that a subscribed calendar updates events instead of duplicating them.
    return "-".join(str(part) for part in parts) + f"@{request.get_host().split(':')[0]}"


def trip_event(request, trip, stamp):
    url = trip.get_full_url(request=request)
    event = Event()
    event.add("uid", _uid(request, "deplacement", trip.pk))
    event.add("dtstamp", stamp)
    event.add("dtstart", trip.start_date)
    # DTEND of an all-day event is exclusive: the day after the last day.
    event.add("dtend", trip.end_date + datetime.timedelta(days=1))
    event.add("summary", f"Déplacement de la mission culture-acte 2 à {trip.city}")
    event.add("location", f"{trip.city}, {trip.region}")
    description = trip.summary or strip_tags(trip.introduction)
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def session_event(request, trip, block, stamp):
    session = block.value
    url = trip.get_full_url(request=request)
    event = Event()
    event.add("uid", _uid(request, "deplacement", trip.pk, "seance", block.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", session.starts_at_paris())
    event.add("dtend", session.ends_at_paris())
    event.add("summary", f"{session['title']} ({trip.city})")
    if session.location():
        event.add("location", session.location())
    lines = [f"Public : {session.audience_label()}"]
    if session.get("description"):
        lines.append(session["description"])
    if session.get("capacity"):
        lines.append(f"Nombre de places : {session['capacity']}")
    if session.get("registration_url"):
        lines.append(f"Inscription : {session['registration_url']}")
    lines.append(url)
    event.add("description", "\n\n".join(lines))
    event.add("categories", [str(session.audience_label())])
    event.add("url", url)
    return event


def build_calendar(request, trips):
    calendar = Calendar()
    calendar.add("prodid", "-//Mission culture-acte 2//Deplacements//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Déplacements de la mission culture-acte 2")
    calendar.add("x-wr-timezone", "Europe/Paris")
    now = timezone.now().astimezone(datetime.UTC)
    for trip in trips:
        stamp = (trip.last_published_at or now).astimezone(datetime.UTC)
        calendar.add_component(trip_event(request, trip, stamp))
        for block in trip.session_blocks():
            calendar.add_component(session_event(request, trip, block, stamp))
    # Session times carry TZID=Europe/Paris: ship its VTIMEZONE so that every client agrees.
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, trips, filename):
    response = HttpResponse(
        build_calendar(request, trips).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
