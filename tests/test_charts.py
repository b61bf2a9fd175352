"""The charts' outlet palette: colours a colour-blind reader tells apart, and a
shape for every outlet that a filled point actually draws."""

from datasette_attribution.web.charts import OTHERS, Palette, share_lines

# Okabe, M. and Ito, K. (2008), "Color Universal Design": the eight colours,
# told apart with every common colour-vision deficiency.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
# Vega's symbol shapes that are areas (a filled point draws them); "stroke" and
# "arrow" are lines.
FILLED_SHAPES = {"circle", "square", "cross", "diamond", "triangle-up", "triangle-down", "triangle-right",
                 "triangle-left", "triangle", "wedge"}


def nine_outlets_by_month():
    outlets = [f"Outlet {i}" for i in range(9)]
    rows = [{"outlet": outlet, "period": period, "anonymous": 1, "attributed": 4}
            for outlet in outlets for period in ("2016-09", "2016-11")]
    return outlets, share_lines("Anonymous sources, by month", rows, "anonymous", "attributed",
                                Palette(outlets), "month", lambda outlet, period: f"/news/x?{period}",
                                "anonymous")


def test_seven_outlets_are_named_in_okabe_and_ito_colours_and_the_rest_grouped_in_grey():
    outlets, spec = nine_outlets_by_month()
    points = spec["layer"][1]["encoding"]
    colour = points["color"]["scale"]
    assert colour["domain"] == outlets[:7] + [OTHERS]
    assert set(colour["range"][:7]) <= OKABE_ITO and colour["range"][7] == "#999999"
    assert len(set(colour["range"])) == 8


def test_every_outlet_and_the_grouped_ones_have_a_shape_a_filled_point_draws():
    _, spec = nine_outlets_by_month()
    points = spec["layer"][1]
    assert points["mark"]["filled"] is True
    shapes = points["encoding"]["shape"]["scale"]["range"]
    assert len(shapes) == 8 and len(set(shapes)) == 8
    assert set(shapes) <= FILLED_SHAPES
    grouped = [v for v in spec["data"]["values"] if v["outlet"] == OTHERS]
    # Two outlets' 1 of 4 each, in September and November; October is a gap.
    assert [(v["period"], v["part"], v["whole"], v["share"]) for v in grouped] == [
        ("2016-09", 2, 8, 0.25), ("2016-10", 0, 0, None), ("2016-11", 2, 8, 0.25)]
