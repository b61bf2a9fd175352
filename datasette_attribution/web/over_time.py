"""Outlets and actors over time: by month, or by week when the articles span only
a few months, read from the summary tables a load keeps (store.summaries), and
drawn as server-side SVG line charts whose every point links to its rows."""

from __future__ import annotations

from urllib.parse import urlencode

from markupsafe import Markup

from ..store.summaries import LABEL_COUNT_SUMS
from .shares import with_shares

# Fewer weeks than this: no chart (a trend needs time); more: months.
MIN_WEEKS = 4
MAX_WEEKS = 13
PALETTE = ("#3b73c4", "#c0392b", "#1e8449", "#b88a00", "#7d3c98", "#148f77", "#d35400", "#566573")


async def granularity(db) -> str | None:
    """"week", "month", or None when the dated articles span under four weeks."""
    first, last = (await db.execute("select min(week), max(week) from outlet_period_stats")).rows[0]
    if first is None:
        return None
    weeks = _week_number(last) - _week_number(first) + 1
    if weeks < MIN_WEEKS:
        return None
    return "week" if weeks <= MAX_WEEKS else "month"


def _week_number(week: str) -> int:
    year, number = week.split("-W")
    return int(year) * 53 + int(number)


async def outlet_periods(db, period: str) -> list[dict]:
    """Per outlet and period: articles, anonymous share of attributions, hedged
    share of sentences."""
    result = await db.execute(
        f"select outlet, {period} as period, sum(articles) as articles, sum(attributed) as attributed, "
        "sum(anonymous) as anonymous, sum(hedged) as hedged, sum(sentences) as sentences "
        "from outlet_period_stats group by 1, 2 order by 2, 1")
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    for row in rows:
        row["anonymous_share"] = _share(row["anonymous"], row["attributed"])
        row["hedged_share"] = _share(row["hedged"], row["sentences"])
    return rows


async def actor_periods(db, period: str, actor_ids: list[int]) -> list[dict]:
    """Per outlet, actor and period: mentions, mean sentiment, and the shares of
    negative and positive mentions (web/shares.py)."""
    if not actor_ids:
        return []
    marks = ",".join("?" * len(actor_ids))
    result = await db.execute(
        f"select outlet, actor_id, {period} as period, sum(mentions) as mentions, "
        f"round(sum(sentiment_sum) / nullif(sum(sentiment_count), 0), 4) as mean_sentiment, {LABEL_COUNT_SUMS} "
        f"from outlet_actor_period_stats where actor_id in ({marks}) group by 1, 2, 3 order by 3, 1",
        actor_ids)
    return [with_shares(dict(zip(result.columns, row))) for row in result.rows]


def _share(part, whole):
    return round(part / whole, 4) if part is not None and whole else None


def link(table_url: str, **args) -> str:
    return table_url + "?" + urlencode({k: v for k, v in args.items() if v is not None})


def line_chart(title: str, periods: list[str], series: dict[str, dict[str, tuple]],
               low: float, high: float, value_format: str) -> Markup:
    """One line per series over `periods`; series[name][period] = (value, url).
    Each point is a link to its rows and says its value on hover."""
    width, height, left, right, top, bottom = 640, 230, 46, 170, 28, 34
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / max(1, len(periods) - 1)

    def x(index):
        return left + index * step

    def y(value):
        return top + plot_height * (1 - (value - low) / (high - low))

    parts = [Markup('<svg class="attr-chart attr-line-chart" role="img" width="{}" height="{}" '
                    'viewBox="0 0 {} {}"><title>{}</title>'
                    '<text x="0" y="16" class="attr-chart-title">{}</text>').format(
        width, height, width, height, title, title)]
    for value in (low, (low + high) / 2, high):
        parts.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="attr-grid"></line>'
                            '<text x="{}" y="{:.1f}" class="attr-axis" text-anchor="end">{}</text>').format(
            left, left + plot_width, y(value), y(value), left - 6, y(value) + 4, value_format.format(value)))
    labelled = {0, len(periods) - 1, (len(periods) - 1) // 2}
    for index, period in enumerate(periods):
        if index in labelled:
            parts.append(Markup('<text x="{:.1f}" y="{}" class="attr-axis" text-anchor="middle">{}</text>').format(
                x(index), height - 10, period))
    for number, (name, points) in enumerate(series.items()):
        colour = PALETTE[number % len(PALETTE)]
        coordinates = [(x(i), y(points[p][0])) for i, p in enumerate(periods)
                       if p in points and points[p][0] is not None]
        if len(coordinates) > 1:
            parts.append(Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>').format(
                " ".join(f"{px:.1f},{py:.1f}" for px, py in coordinates), colour))
        for index, period in enumerate(periods):
            if period not in points or points[period][0] is None:
                continue
            value, url = points[period]
            parts.append(Markup('<a href="{}"><circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}">'
                                '<title>{} {}: {}</title></circle></a>').format(
                url, x(index), y(value), colour, name or "(no outlet)", period, value_format.format(value)))
        legend_y = top + 16 * number
        parts.append(Markup('<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
                            '<text x="{}" y="{}" class="attr-chart-label">{}</text>').format(
            width - right + 14, legend_y, colour, width - right + 30, legend_y + 9, name or "(no outlet)"))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
