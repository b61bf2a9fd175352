"""Outlets and actors over time: by month, or by week when the articles span only
a few months, read from the summary tables a load keeps (store.summaries), and
drawn by web/charts.py, every point a link to its rows."""

from __future__ import annotations

from .shares import with_shares

# Fewer weeks than this: no chart (a trend needs time); more: months.
MIN_WEEKS = 4
MAX_WEEKS = 13


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
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    for row in rows:
        row["anonymous_share"] = _share(row["anonymous"], row["attributed"])
        row["hedged_share"] = _share(row["hedged"], row["sentences"])
    return rows


async def actor_periods(db, period: str, actor_ids: list[int], read) -> list[dict]:
    """Per outlet, actor and period: mentions, mean sentiment, and the shares of
    negative and positive mentions (web/shares.py; none where `read`, an
    earlier_release.Reading, finds no labels)."""
    if not actor_ids:
        return []
    marks = ",".join("?" * len(actor_ids))
    result = await db.execute(
        f"select outlet, actor_id, {period} as period, sum(mentions) as mentions, "
        "round(sum(sentiment_sum) / nullif(sum(sentiment_count), 0), 4) as mean_sentiment, "
        f"{read.label_count_sums('outlet_actor_period_stats')} "
        f"from outlet_actor_period_stats where actor_id in ({marks}) group by 1, 2, 3 order by 3, 1",
        actor_ids)
    return [with_shares(dict(zip(result.columns, row, strict=True))) for row in result.rows]


def _share(part, whole):
    return round(part / whole, 4) if part is not None and whole else None
