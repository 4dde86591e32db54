"""Small builders of organisms and published hearings for the search tests."""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from wagtail.search import index

from hearings.models import (
    ActorFamily,
    HearingIndexPage,
    HearingOrganism,
    HearingPage,
    Organism,
    OrganismNature,
    Sector,
)
from home.demo import get_home_page, get_or_create_child_page


def hearing_index():
    index_page, _created = get_or_create_child_page(
        get_home_page(), HearingIndexPage, "auditions", title="Auditions"
    )
    return index_page


def make_organism(
    name,
    acronym="",
    nature="societe-de-gestion-collective",
    family="auteurs-artistes",
    sectors=("musique",),
    description="",
):
    organism = Organism.objects.create(
        name=name,
        acronym=acronym,
        slug=slugify(name)[:255],
        nature=OrganismNature.objects.get(slug=nature),
        family=ActorFamily.objects.get(slug=family),
        description=description,
    )
    organism.sectors.set(Sector.objects.filter(slug__in=sectors))
    return organism


def make_hearing(
    title,
    organisms,
    date=datetime.date(2012, 10, 3),
    status=HearingPage.Status.HELD,
    summary="",
    transcript="",
    live=True,
):
    """A published hearing under « Auditions », in the search index with its organisms."""
    page = HearingPage(
        title=title,
        slug=slugify(title)[:255],
        hearing_date=timezone.make_aware(datetime.datetime.combine(date, datetime.time(10))),
        status=status,
        summary=summary,
        transcript=transcript,
        live=live,
    )
    page.organisms_heard = [HearingOrganism(organism=organism) for organism in organisms]
    hearing_index().add_child(instance=page)
    if live:
        page.save_revision().publish()
    # The index entry must see the organisms, saved after the page row itself.
    index.insert_or_update_object(HearingPage.objects.get(pk=page.pk))
    return page
