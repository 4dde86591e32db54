from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from discussion.counts import comment_counts
from discussion.models import CommentableMixin
from frontcache.fragments import cached as editorial_cached
from hardening import ratelimit
from search import text
from search.engine import FEW_RESULTS, completions, run_search, suggestion
from search.forms import SearchForm, SuggestionForm
from search.hits import record_search
from search.registry import COMMENT_KIND, FACETS, KIND_LABELS, TYPES_BY_KIND

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
    parsed = text.parse_query(query)
    outcome = run_search(parsed, filters) if parsed else None
    paginator = Paginator(outcome.results if outcome else [], RESULTS_PER_PAGE)
    if paginator.count and requested_page > paginator.num_pages:
        context["notices"].append(
            _("La page %(page)d n’existe pas : voici la dernière page des résultats.")
            % {"page": requested_page}
        )
    page = paginator.get_page(requested_page)
    # The site's pagination (mission_site/templates/dsfr/pagination.html) lists these numbers.
    page.pages_list = list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
    if outcome and outcome.broadened:
        context["notices"].append(
            _("Aucun résultat ne contient tous vos mots : voici ceux qui en contiennent au moins un.")
        )

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
    corrected = suggestion(query) if paginator.count < FEW_RESULTS else None

    base_params = [("q", query)] + [(facet, value) for facet in FACETS for value in filters[facet]]
    facets = facet_options(outcome.counts if outcome else {}, filters, form.facet_labels)
    context.update(
        {
            "searched": True,
            "page_obj": page,
            "results": result_cards(page.object_list, parsed, request),
            "facets": facets,
            "active_filters": _active_filters(facets, base_params),
            "promotions": promotions,
            "total": paginator.count,
            "base_query_string": urlencode(base_params),
            "suggestion": corrected,
            "suggestion_query_string": urlencode([("q", corrected), *base_params[1:]]) if corrected else "",
        }
    )
    return render(request, "search/search.html", context)


@dataclass
class ResultCard:
    """What a result card shows (search/includes/result_card.html renders it)."""

    url: str
    title: str
    kind: str
    kind_label: str
    date: object
    status_label: str
    organisms: list
    excerpt: object
    author: str = ""
    comment_count: int | None = None

    @property
    def is_comment(self):
        return self.kind == COMMENT_KIND


def result_cards(documents, query, request):
    """The cards of one page of results: a constant number of queries."""
    documents = list(documents)
    commentable = [
        document.page_id
        for document in documents
        if document.kind in TYPES_BY_KIND and issubclass(TYPES_BY_KIND[document.kind].model, CommentableMixin)
    ]
    counts = comment_counts(commentable)
    wanted = query.all_terms
    cards = []
    for document in documents:
        searchable_type = TYPES_BY_KIND.get(document.kind)
        status_labels = searchable_type.status_labels() if searchable_type else {}
        url = document.page.get_url(request=request) or ""
        cards.append(
            ResultCard(
                url=f"{url}#{document.anchor}" if document.anchor else url,
                title=document.title,
                kind=document.kind,
                kind_label=KIND_LABELS.get(document.kind, document.kind),
                date=document.date,
                status_label=status_labels.get(document.status, ""),
                organisms=document.organisms.splitlines(),
                excerpt=text.excerpt(document.text, wanted),
                author=document.author,
                comment_count=counts.get(document.page_id),
            )
        )
    return cards


def facet_options(counts, filters, facet_labels):
    """Each facet with its values found or selected, in the labels' order (years newest first)."""
    facets = []
    for facet, label in FACETS.items():
        labels = facet_labels.get(facet, {})
        found = counts.get(facet, {})
        selected = filters.get(facet, [])
        values = [value for value in labels if found.get(value) or value in selected]
        if facet == "annee":
            values.sort(reverse=True)
        options = [
            {
                "value": value,
                "label": labels[value],
                "count": found.get(value, 0),
                "selected": value in selected,
                "id": f"facet-{facet}-{value}",
            }
            for value in values
        ]
        if options:
            facets.append({"name": facet, "label": label, "options": options, "selected": bool(selected)})
    return facets


def promotions_by_query():
    """Query string -> its promotions in order: edited by the team only (their saves renew it,
    frontcache/signals.py), few, read by every first page of results."""
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
    query = " ".join(text.WORD_RE.findall(form.cleaned_data["q"]))
    items = [
        {
            "title": document.title,
            "url": document.page.get_url(request=request),
            "type": str(KIND_LABELS.get(document.kind, document.kind)),
        }
        for document in completions(query, MAX_SUGGESTIONS)
    ]
    return JsonResponse({"query": query, "suggestions": items})
