"""Charts as Vega-Lite specifications, drawn in the browser by the Vega files the
plugin ships in static/vendor (no CDN: an instance may have no internet).

Every chart of every page reads the same palette: the outlets with the most
articles in the database are named, each always in the same colour and shape,
and the rest are added up as "other outlets" (one alone in a chart keeps its
name, in grey); the articles with no outlet are a line of their own, as the
tables count them. Time is a true time axis: a
period without data is a gap in the line, not a neighbour of the next one.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from markupsafe import Markup

# Okabe and Ito's palette, told apart by readers with every common colour-vision
# deficiency (yellow left out: it vanishes on white); shapes say it again.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "triangle-right")
# Every shape an area Vega fills: "stroke" (a line) filled with no stroke
# colour draws nothing, which hid every "other outlets" point.
OTHER_COLOUR, OTHER_SHAPE = "#999999", "triangle-left"
NO_OUTLET_COLOUR, NO_OUTLET_SHAPE = "#555555", "wedge"
OTHERS = "other outlets"
NO_OUTLET = "(no outlet)"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
# The scripts a page with charts loads, in this order (vega-embed reads the other two).
SCRIPTS = ("vendor/vega.min.js", "vendor/vega-lite.min.js", "vendor/vega-embed.min.js", "attribution-charts.js")


def outlet_name(outlet: str | None) -> str:
    return NO_OUTLET if outlet is None else outlet


class Palette:
    """The named outlets (most articles first) and the colour and shape of each."""

    def __init__(self, ranked: list[str | None]):
        self.named = [outlet_name(o) for o in ranked[:len(PALETTE)]]
        self.grouped = len(ranked) > len(PALETTE)

    def label(self, outlet: str | None) -> str:
        name = outlet_name(outlet)
        return name if name in self.named or outlet is None else OTHERS

    def labels(self, outlets: set[str | None]) -> dict:
        """Each outlet's label in a chart of these outlets. An unnamed outlet alone
        in the chart (an actor one small outlet mentions) keeps its name, in the
        others' colour: "other outlets" would say it adds up several."""
        unnamed = {o for o in outlets if o is not None and o not in self.named}
        return {o: o if unnamed == {o} else self.label(o) for o in outlets}

    def scales(self, present: set[str]) -> tuple[dict, dict]:
        """Colour and shape scales over the labels a chart shows, in rank order: the
        named outlets, the articles with no outlet, then the others."""
        rest = sorted(present - set(self.named) - {NO_OUTLET})
        domain = [n for n in self.named if n in present] + [NO_OUTLET] * (NO_OUTLET in present) + rest
        colours = [PALETTE[self.named.index(n)] if n in self.named else
                   NO_OUTLET_COLOUR if n == NO_OUTLET else OTHER_COLOUR for n in domain]
        shapes = [SHAPES[self.named.index(n)] if n in self.named else
                  NO_OUTLET_SHAPE if n == NO_OUTLET else OTHER_SHAPE for n in domain]
        return ({"domain": domain, "range": colours}, {"domain": domain, "range": shapes})


def period_start(period: str) -> str:
    """2016-10 -> 2016-10-01; 2016-W41 (SQLite's %W: weeks from the first Monday)
    -> that week's Monday."""
    if "-W" in period:
        return datetime.strptime(f"{period}-1", "%Y-W%W-%w").date().isoformat()
    return f"{period}-01"


def all_periods(first: str, last: str, kind: str) -> list[str]:
    """Every month or week from first to last, so a missing one shows as a gap."""
    periods, day = [], date.fromisoformat(period_start(first))
    end = date.fromisoformat(period_start(last))
    while day <= end:
        periods.append(day.strftime("%Y-W%W") if kind == "week" else day.strftime("%Y-%m"))
        day = (date.fromordinal(day.toordinal() + 7) if kind == "week"
               else date(day.year + day.month // 12, day.month % 12 + 1, 1))
    return periods


def share_lines(title: str, rows: list[dict], part: str, whole: str, palette: Palette, kind: str,
                link_of, what: str, min_whole: int = 1) -> dict | None:
    """One line per outlet (the unnamed ones added up) of part/whole per period;
    None when no period has data. `link_of(outlet, period)` is a point's rows;
    a point of "other outlets" that adds up several has no link (no filter
    names several outlets)."""
    sums: dict[tuple, list] = {}
    labels = palette.labels({row["outlet"] for row in rows})
    for row in rows:
        key = (labels[row["outlet"]], row["period"])
        entry = sums.setdefault(key, [0, 0, set()])
        entry[0] += row.get(part) or 0
        entry[1] += row.get(whole) or 0
        entry[2].add(row["outlet"])
    if not sums:
        return None
    periods = all_periods(min(p for _, p in sums), max(p for _, p in sums), kind)
    values = []
    for label in {label for label, _ in sums}:
        for period in periods:
            counted, total, outlets = sums.get((label, period), (0, 0, set()))
            shown = total >= min_whole and total > 0
            values.append({
                "outlet": label, "date": period_start(period), "period": period,
                "share": round(counted / total, 4) if shown else None, "part": counted, "whole": total,
                "link": link_of(next(iter(outlets)), period) if shown and len(outlets) == 1 else None,
            })
    if all(v["share"] is None for v in values):
        return None
    colour, shape = palette.scales({v["outlet"] for v in values})
    axis_format = "%d %b %Y" if kind == "week" else "%b %Y"
    # One tick a period (or every few, past eight): never two labels for one month.
    ticks = {"interval": kind, "step": max(1, -(-len(periods) // 8))}
    x = {"field": "date", "type": "temporal", "title": None,
         "axis": {"format": axis_format, "labelAngle": 0, "tickCount": ticks}}
    y = {"field": "share", "type": "quantitative", "title": None, "scale": {"domain": [0, 1]},
         "axis": {"format": ".0%"}}
    tooltip = [{"field": "outlet", "title": "Outlet"}, {"field": "period", "title": kind.capitalize()},
               {"field": "share", "format": ".0%", "title": "Share"},
               {"field": "part", "title": what}, {"field": "whole", "title": "of"}]
    return {
        "$schema": SCHEMA, "title": title, "width": "container", "height": 220,
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "line", "strokeWidth": 2},
             "encoding": {"x": x, "y": y, "color": {"field": "outlet", "scale": colour, "title": None},
                          "detail": {"field": "outlet"}}},
            {"mark": {"type": "point", "filled": True, "size": 60, "cursor": "pointer"},
             "transform": [{"filter": "datum.share != null"}],
             "encoding": {"x": x, "y": y,
                          "color": {"field": "outlet", "scale": colour, "title": None},
                          "shape": {"field": "outlet", "scale": shape, "title": None},
                          "href": {"field": "link"}, "tooltip": tooltip}},
        ],
    }


def share_bars(title: str, rows: list[dict], what: str) -> dict | None:
    """Horizontal bars of each row's share (rows: label, share, part, whole,
    interval, link), with its 95% interval as a line across the bar's end."""
    values = [{"label": r["label"], "share": r["share"], "low": r["interval"][0], "high": r["interval"][1],
               "part": r["part"], "whole": r["whole"], "link": r["link"]}
              for r in rows if r["share"] is not None]
    if not values:
        return None
    y = {"field": "label", "type": "nominal", "title": None, "sort": None}
    tooltip = [{"field": "label", "title": "Outlet"}, {"field": "share", "format": ".0%", "title": "Share"},
               {"field": "part", "title": what}, {"field": "whole", "title": "of"},
               {"field": "low", "format": ".0%", "title": "95% from"},
               {"field": "high", "format": ".0%", "title": "to"}]
    return {
        "$schema": SCHEMA, "title": title, "width": "container", "height": {"step": 16},
        "data": {"values": values},
        "layer": [
            {"mark": {"type": "bar", "color": PALETTE[0], "cursor": "pointer"},
             "encoding": {"y": y, "x": {"field": "share", "type": "quantitative", "title": None,
                                        "axis": {"format": ".0%", "tickCount": 5}},
                          "href": {"field": "link"}, "tooltip": tooltip}},
            {"mark": {"type": "rule", "color": "#000000"},
             "encoding": {"y": y, "x": {"field": "low", "type": "quantitative"}, "x2": {"field": "high"},
                          "tooltip": tooltip}},
        ],
    }


def embed(spec: dict | None, label: str) -> Markup:
    """A chart's place on the page and its specification (as JSON no HTML can
    break out of); nothing for no chart."""
    if spec is None:
        return Markup("")
    data = json.dumps(spec).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<figure class="attr-vl" aria-label="{}"><div class="attr-vl-chart"></div>'
                  '<script type="application/json" class="attr-vl-spec">{}</script></figure>').format(
        label, Markup(data))
