from django import template

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
        "width": CHART_LEFT * 2 + BAR_SLOT * max(len(months), 1),
        "height": CHART_HEIGHT,
        "baseline_y": CHART_TOP + plot_height,
        "visits": visits,
    }
