from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from frontcache.fragments import cached as editorial_cached
from hardening import ratelimit
from search.engine import WORD_RE, broadened_message, describe, run_search
from search.forms import SearchForm, SuggestionForm
from search.hits import record_search
from search.html import facet_lists, result_cards
from search.registry import FACETS, registry

RESULTS_PER_PAGE = 10
MAX_SUGGESTIONS = 8


def search(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": "", "notices": [], "errors": []}
    if not form.is_bound:
        return render(request, "search/search.html", context)
    if ratelimit.hit(request, "search", [settings.SEARCH_RATE_LIMIT]):
        return ratelimit.too_many_requests(request, "Vous avez lancé trop de recherches en peu de temps.")

    form.is_valid()
    if "q" in form.errors:
        context["errors"] = form.errors["q"]
        context["query"] = request.GET.get("q", "")[:100]
        return render(request, "search/search.html", context)
    query = form.cleaned_data["q"]
    filters = form.filters()
    context["query"] = query
    context["notices"] = [
        _("Le filtre « %(facet)s » n’a pas de valeur « %(value)s » : il a été ignoré.")
        % {"facet": facet, "value": value[:50]}
        for facet, value in form.ignored_values()
    ]
    if "page" in form.errors:
        context["notices"].append(_("Le numéro de page demandé n’est pas valide : voici la première page."))
    if not query:
        context["errors"] = [_("Saisissez un ou plusieurs mots à rechercher.")]
        return render(request, "search/search.html", context)

    requested_page = form.cleaned_data.get("page") or 1
    window = ((requested_page - 1) * RESULTS_PER_PAGE, requested_page * RESULTS_PER_PAGE)
    outcome = run_search(query, filters, form.facet_labels, window)
    paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
    if paginator.count and requested_page > paginator.num_pages:
        context["notices"].append(
            _("La page %(page)d n’existe pas : voici la dernière page des résultats.")
            % {"page": requested_page}
        )
    page = paginator.get_page(requested_page)
    if outcome.broadened:
        context["notices"].append(broadened_message())

    counted = page.number == 1 and not any(filters.values())
    if counted:
        # One hit per search typed, not per facet ticked or page turned: the admin's « Termes
        # de recherche » report then ranks what people look for.
        record_search(query)
    promotions = []
    if page.number == 1:
        promotions = [
            promotion
            for promotion in editorial_cached("search-promotions", promotions_by_query).get(
                normalise_query_string(query), []
            )
            if promotion.page is None or promotion.page.live
        ]

    base_params = [("q", query)] + [(facet, value) for facet in FACETS for value in filters[facet]]
    results = describe(page.object_list, query, request)
    context.update(
        {
            "searched": True,
            "page_obj": page,
            "results": results,
            "result_cards": result_cards(results),
            "facets": outcome.facets,
            "facet_lists": facet_lists(outcome.facets),
            "active_filters": _active_filters(outcome.facets, base_params),
            "promotions": promotions,
            "total": paginator.count,
            "base_query_string": urlencode(base_params),
            "type_labels": {t.slug: t.label_plural for t in registry},
        }
    )
    response = render(request, "search/search.html", context)
    if counted:
        # The page cache stores this with the page, to count the search again when it serves it.
        response.search_hit = query
    return response


def promotions_by_query():
    """Query string -> its promotions in order: edited by the team only (their saves renew it,
    home/cache_invalidation.py), few, read by every first page of results."""
    found = {}
    for promotion in SearchPromotion.objects.select_related("query", "page").order_by("sort_order", "pk"):
        found.setdefault(promotion.query.query_string, []).append(promotion)
    return found


def _active_filters(facets, base_params):
    """Each selected value with the address that removes it (a removable tag, works without JS)."""
    active = []
    for facet in facets:
        for option in facet["options"]:
            if option["selected"]:
                params = [(k, v) for k, v in base_params if (k, v) != (facet["name"], option["value"])]
                active.append(
                    {"facet": facet["label"], "label": option["label"], "url": "?" + urlencode(params)}
                )
    return active


def suggestions(request):
    """Titles completing what is typed, for the search page's autocomplete (JSON)."""
    if ratelimit.hit(request, "search-suggestions", [settings.SEARCH_SUGGESTIONS_RATE_LIMIT]):
        return JsonResponse({"errors": {"q": [{"message": "Trop de demandes."}]}}, status=429)
    form = SuggestionForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    query = " ".join(WORD_RE.findall(form.cleaned_data["q"]))
    items = []
    for searchable_type in registry if query else []:
        pages = searchable_type.model.objects.live().public().autocomplete(query)[:MAX_SUGGESTIONS]
        items.extend(
            {"title": page.title, "url": page.get_url(request=request), "type": str(searchable_type.label)}
            for page in pages
        )
    return JsonResponse({"query": query, "suggestions": items[:MAX_SUGGESTIONS]})
