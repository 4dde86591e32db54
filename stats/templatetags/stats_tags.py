from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

register = template.Library()

CHART_HEIGHT = 300
CHART_TOP = 36
CHART_BOTTOM = 48
BAR_SLOT = 110
BAR_WIDTH = 60
CHART_LEFT = 16


@register.filter
def figure(value):
    """A count in French typography: thousands grouped with a no-break space (11 492)."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", "\u00a0")


# One bar of the chart. Written in Python rather than a template loop: with a few years of months,
# the loop was most of the page's rendering time. The numbers are written with str(), never
# localised (a decimal comma would break the SVG); the only text, the month's label, is escaped.
BAR = (
    "\n      <g{group_class}>"
    '\n        <rect x="{x}" y="{y}" width="{width}" height="{height}"{bar_class}/>'
    '\n        <text x="{center}" y="{value_y}" text-anchor="middle" '
    'class="stats-chart__value">{value}</text>'
    '\n        <text x="{center}" y="{label_y}" text-anchor="middle" '
    'class="stats-chart__label">{label}</text>'
    "\n        {peak_label}"
    "\n      </g>\n    "
)
PEAK_LABEL = (
    '<text x="{center}" y="{peak_y}" text-anchor="middle" '
    'class="stats-chart__label stats-chart__label--peak">▲ pic</text>'
)


def bars_markup(bars, chart_id):
    peak_bar_class = f' fill="url(#{escape(chart_id)}-hatch)" class="stats-chart__bar--peak"'
    parts = []
    for bar in bars:
        month = bar["month"]
        numbers = {
            name: str(bar[name])
            for name in ("x", "y", "width", "height", "center", "value_y", "label_y", "peak_y")
        }
        parts.append(
            BAR.format(
                group_class=' class="stats-chart__peak"' if month.is_peak else "",
                bar_class=peak_bar_class if month.is_peak else ' class="stats-chart__bar"',
                value=figure(month.visits),
                label=escape(month.short_label),
                peak_label=PEAK_LABEL.format(**numbers) if month.is_peak else "",
                **numbers,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - numbers, fixed markup and escaped labels


def chart_description(bars):
    months = (bar["month"] for bar in bars)
    text = "".join(
        f"{month.label} : {figure(month.visits)} visites{' (pic)' if month.is_peak else ''}. "
        for month in months
    )
    return escape(text)


MONTH_ROW = (
    "\n                  <tr{row_attributes}>"
    '\n                    <th scope="row">{label}{badge}</th>'
    '\n                    <td class="fr-cell--right">{visits}</td>'
    '\n                    <td class="fr-cell--right">{views}</td>'
    "\n                  </tr>\n                "
)
PEAK_BADGE = ' <span class="fr-badge fr-badge--sm fr-badge--info fr-ml-1w">Pic</span>'


@register.simple_tag
def visits_table_rows(visits):
    """The rows of the table of visits per month (the peak marked), written in Python for the same
    reason as the chart's bars."""
    rows = []
    for month in visits.months:
        visits_cell = figure(month.visits)
        rows.append(
            MONTH_ROW.format(
                row_attributes=' id="mois-pic" class="stats-peak-row"' if month.is_peak else "",
                label=escape(capfirst(month.label)),
                badge=PEAK_BADGE if month.is_peak else "",
                visits=f"<strong>{visits_cell}</strong>" if month.is_peak else visits_cell,
                views=figure(month.views),
            )
        )
    return mark_safe("".join(rows))  # noqa: S308 - numbers, fixed markup and escaped labels


@register.inclusion_tag("stats/includes/visits_chart.html")
def visits_chart(visits, chart_id="visits-chart"):
    """A server-rendered SVG bar chart of visits per month; the peak bar is hatched and labelled."""
    months = visits.months
    highest = max((month.visits for month in months), default=0) or 1
    plot_height = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    bars = []
    for position, month in enumerate(months):
        height = round(plot_height * month.visits / highest, 1)
        x = CHART_LEFT + position * BAR_SLOT + (BAR_SLOT - BAR_WIDTH) / 2
        y = CHART_TOP + plot_height - height
        bars.append(
            {
                "month": month,
                "x": x,
                "y": y,
                "width": BAR_WIDTH,
                "height": height,
                "center": x + BAR_WIDTH / 2,
                "value_y": y - 8,
                "label_y": CHART_TOP + plot_height + 20,
                "peak_y": CHART_TOP + plot_height + 38,
            }
        )
    return {
        "chart_id": chart_id,
        "bars": bars,
        "bars_markup": bars_markup(bars, chart_id),
        "description": chart_description(bars),
        "width": CHART_LEFT * 2 + BAR_SLOT * max(len(months), 1),
        "height": CHART_HEIGHT,
        "baseline_y": CHART_TOP + plot_height,
        "visits": visits,
    }
