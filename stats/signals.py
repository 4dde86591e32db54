"""What renews the key figures kept by `frontcache.fragments.cached` (stats.figures).

Pages, revisions and snippets are covered by frontcache.signals. Two writes that change the
hearing figures are not: the organisms heard by a hearing (`HearingOrganism` rows, saved with the
page by Wagtail but also by code) and the sectors of an organism (a many-to-many relation, saved
after the organism itself).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from frontcache.fragments import renew as invalidate_editorial

CHANGED_RELATION = {"post_add", "post_remove", "post_clear"}


def on_organisms_heard_change(sender, **kwargs):
    invalidate_editorial()


def on_sectors_change(sender, action, **kwargs):
    if action in CHANGED_RELATION:
        invalidate_editorial()


def connect():
    from hearings.models import HearingOrganism, Organism

    post_save.connect(on_organisms_heard_change, sender=HearingOrganism, dispatch_uid="stats_heard_saved")
    post_delete.connect(on_organisms_heard_change, sender=HearingOrganism, dispatch_uid="stats_heard_deleted")
    m2m_changed.connect(on_sectors_change, sender=Organism.sectors.through, dispatch_uid="stats_sectors")
