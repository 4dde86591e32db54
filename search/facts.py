"""Each searchable page's facet values, kept in one row per page (PostgreSQL only).

Counting the facets of 10,000 hits through their organisms joined ~29,000 (hit, organism) rows
to the sectors, natures and families and counted distinct pairs: most of a big search's time.
The table `search_pagefacts` (migration search/0005) holds, per page, the array of its facet
values, each once, as numbers standing for (facet, value) pairs of `search_facetvalue`
(("secteur", "musique"), ("statut", "realisee"), ("annee", "2012")). It is read with the hits:
a filter is an array overlap, a facet count a GROUP BY over the unnested arrays, with no join
to the organisms (numbers: hashing them costs half as much as hashing text). The row also says
whether the page is live (`live`, copied from the page when the row is written and kept so by a
trigger on wagtailcore_page, migration search/0006): outside restricted sections a search takes
its hits' liveness from there rather than from the page tables.

The rows are written from the registry's lookups (search/registry.py), so they say what the
ORM lookups say:
- when the search index writes a page's entry (page saved or published, `update_index`);
- when a page of a registered type is saved or deleted;
- when a row on a facet's path changes (a hearing's organism, an organism's nature, family or
  sectors, a sector's slug...): the pages reaching it are written again.

Other databases compute the facets from the lookups at each search (search/engine.py).
"""

from django.db import connections, router
from django.db.models import CharField, Value
from django.db.models.functions import Cast
from django.db.models.signals import m2m_changed, post_delete, post_save

from search.registry import registry

TABLE = "search_pagefacts"
# What each number in a page's array means: (facet, value), e.g. ("secteur", "musique").
VALUES_TABLE = "search_facetvalue"


def enabled(using="default"):
    from modelsearch.backends import get_search_backend

    return connections[using].vendor == "postgresql" and getattr(get_search_backend(), "site_postgres", False)


def refresh(searchable_type, pks=None, using=None):
    """Write again the facet rows of these pages of `searchable_type` (all of them when `pks` is
    None), in two statements whatever their number."""
    model = searchable_type.model
    using = using or router.db_for_write(model)
    if not enabled(using) or not searchable_type.facet_lookups or (pks is not None and not pks):
        return
    pages = model._default_manager.using(using).order_by()
    if pks is not None:
        pages = pages.filter(pk__in=list(pks))
    parts, params = [], []
    for facet, lookup in searchable_type.facet_lookups.items():
        sql, part_params = (
            pages.annotate(facet=Value(facet, output_field=CharField()), value=Cast(lookup, CharField()))
            .values_list("pk", "facet", "value")
            .query.sql_with_params()
        )
        parts.append(f"({sql})")
        params.extend(part_params)
    values_sql = " UNION ALL ".join(parts)
    ids_sql, ids_params = pages.values_list("pk", "live").query.sql_with_params()
    # Only the tables' names and SQL compiled by Django go into the statements' text.
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {VALUES_TABLE} (facet, value)
            SELECT DISTINCT facet, value FROM ({values_sql}) AS facet_values (pk, facet, value)
            WHERE value IS NOT NULL
            ON CONFLICT (facet, value) DO NOTHING
            """,  # noqa: S608
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {TABLE} (page_id, facts, live)
            SELECT ids.pk, COALESCE(found.facts, '{{}}'), ids.live
            FROM ({ids_sql}) AS ids (pk, live)
            LEFT JOIN (
                SELECT facet_values.pk, array_agg(DISTINCT known.id ORDER BY known.id) AS facts
                FROM ({values_sql}) AS facet_values (pk, facet, value)
                JOIN {VALUES_TABLE} AS known
                    ON known.facet = facet_values.facet AND known.value = facet_values.value
                GROUP BY facet_values.pk
            ) AS found ON found.pk = ids.pk
            ON CONFLICT (page_id) DO UPDATE SET facts = EXCLUDED.facts, live = EXCLUDED.live
            """,  # noqa: S608
            [*ids_params, *params],
        )


def refresh_model(model, pks, using=None):
    """`refresh` for the registered types of which `model` is (a subclass of) the model."""
    for searchable_type in registry:
        if issubclass(model, searchable_type.model):
            refresh(searchable_type, pks, using)


def refresh_all(using=None):
    for searchable_type in registry:
        refresh(searchable_type, None, using)


def _paths(searchable_type):
    """(model, prefix, first_step_relation) for each model along the facet lookups: a row of
    `model` is reached from the pages by `prefix`; `first_step_relation` is set for the rows
    linking to the page itself (a hearing's organisms), which name their page."""
    found = []
    for lookup in searchable_type.facet_lookups.values():
        model = searchable_type.model
        names = lookup.split("__")
        for depth, name in enumerate(names):
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001 - a transform (year): the end of the path
                break
            if not field.is_relation:
                break
            related = field.related_model
            prefix = "__".join(names[: depth + 1])
            found.append((related, prefix, field if depth == 0 and field.one_to_many else None, field))
            model = related
    return found


def _pages_reaching(instance):
    """{type slug: {pk}} of the pages whose facets `instance` takes part in."""
    reached = {}
    for searchable_type in registry:
        for model, prefix, link, _field in _paths(searchable_type):
            if not isinstance(instance, model):
                continue
            if link is not None:
                pks = {getattr(instance, link.field.attname)}
            else:
                pks = set(
                    searchable_type.model._default_manager.filter(**{prefix: instance.pk}).values_list(
                        "pk", flat=True
                    )
                )
            reached.setdefault(searchable_type.slug, set()).update(pk for pk in pks if pk is not None)
    return reached


def _refresh_reached(reached, using):
    for slug, pks in reached.items():
        refresh(registry.get(slug), pks, using)


def on_save(sender, instance, raw=False, using=None, **kwargs):
    if raw or not enabled(using or "default"):
        return
    for searchable_type in registry:
        if isinstance(instance, searchable_type.model):
            refresh(searchable_type, [instance.pk], using)
    _refresh_reached(_pages_reaching(instance), using)


def on_delete(sender, instance, using=None, **kwargs):
    if not enabled(using or "default"):
        return
    for searchable_type in registry:
        if isinstance(instance, searchable_type.model):
            with connections[using].cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE page_id = %s", [instance.pk])  # noqa: S608
    _refresh_reached(_pages_reaching(instance), using)


def on_m2m_changed(sender, instance, action, reverse, model, pk_set, using=None, **kwargs):
    """A many-to-many on a facet's path (an organism's sectors) gained or lost links."""
    watched = ("post_add", "post_remove", "pre_clear", "post_clear")
    if action not in watched or not enabled(using or "default"):
        return
    if action == "pre_clear":
        # After the clear, the pages reached through the removed links are no longer found.
        instance._search_facts_cleared = _reached_by_links(instance, reverse, model, None)
        return
    if action == "post_clear":
        _refresh_reached(getattr(instance, "_search_facts_cleared", {}), using)
        return
    _refresh_reached(_reached_by_links(instance, reverse, model, pk_set), using)


def _reached_by_links(instance, reverse, model, pk_set):
    if not reverse:
        return _pages_reaching(instance)
    # The relation seen from its target (sector.organisms.add(...)): the sources changed.
    if pk_set is None:
        accessor = [f for f in instance._meta.related_objects if f.related_model is model]
        pk_set = set()
        for relation in accessor:
            pk_set.update(getattr(instance, relation.get_accessor_name()).values_list("pk", flat=True))
    reached = {}
    for source in model._default_manager.filter(pk__in=pk_set):
        for slug, pks in _pages_reaching(source).items():
            reached.setdefault(slug, set()).update(pks)
    return reached


def connect():
    """Keep the rows current: called from SearchConfig.ready()."""
    watched, throughs = set(), set()
    for searchable_type in registry:
        watched.add(searchable_type.model)
        for model, _prefix, _link, field in _paths(searchable_type):
            watched.add(model)
            if field.many_to_many:
                through = getattr(field, "through", None) or field.remote_field.through
                throughs.add(through)
    for model in watched:
        post_save.connect(on_save, sender=model, dispatch_uid=f"search_facts_save_{model._meta.label}")
        post_delete.connect(on_delete, sender=model, dispatch_uid=f"search_facts_delete_{model._meta.label}")
    for through in throughs:
        uid = f"search_facts_m2m_{through._meta.label}"
        m2m_changed.connect(on_m2m_changed, sender=through, dispatch_uid=uid)
