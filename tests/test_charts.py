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


def test_the_articles_with_no_outlet_are_a_line_of_their_own_and_one_outlets_points_link_to_its_rows():
    named = [f"Outlet {i}" for i in range(7)]
    ranked = named + ["Gazette", None]  # the no-outlet articles rank last
    rows = [{"outlet": outlet, "period": "2016-09", "anonymous": 1, "attributed": 4} for outlet in ranked]
    rows.append({"outlet": "Herald", "period": "2016-11", "anonymous": 3, "attributed": 4})  # never ranked
    rows.append({"outlet": "Gazette", "period": "2016-11", "anonymous": 1, "attributed": 2})
    spec = share_lines("Anonymous sources, by month", rows, "anonymous", "attributed", Palette(ranked), "month",
                       lambda outlet, period: f"/news/sentences?_outlet={outlet}&_period={period}", "anonymous")
    colour = spec["layer"][1]["encoding"]["color"]["scale"]
    assert colour["domain"] == named + ["(no outlet)", OTHERS]
    assert colour["range"][7:] == ["#555555", "#999999"]
    points = {(v["outlet"], v["period"]): v for v in spec["data"]["values"] if v["share"] is not None}
    assert points["(no outlet)", "2016-09"]["link"] == "/news/sentences?_outlet=None&_period=2016-09"
    # September's other outlets are the Gazette alone: its rows. November's are two outlets: no link.
    assert (points[OTHERS, "2016-09"]["whole"], points[OTHERS, "2016-09"]["link"]) == (
        4, "/news/sentences?_outlet=Gazette&_period=2016-09")
    assert (points[OTHERS, "2016-11"]["whole"], points[OTHERS, "2016-11"]["link"]) == (6, None)


def test_an_unnamed_outlet_alone_in_a_chart_keeps_its_name_in_grey():
    # An actor only the Gazette mentions, in a database whose seven largest outlets are others.
    ranked = [f"Outlet {i}" for i in range(7)] + ["Gazette"]
    rows = [{"outlet": "Gazette", "period": "2016-09", "anonymous": 1, "attributed": 4},
            {"outlet": None, "period": "2016-09", "anonymous": 0, "attributed": 2}]
    spec = share_lines("Anonymous sources, by month", rows, "anonymous", "attributed", Palette(ranked), "month",
                       lambda outlet, period: f"/news/sentences?_outlet={outlet}", "anonymous")
    colour = spec["layer"][1]["encoding"]["color"]["scale"]
    assert colour == {"domain": ["(no outlet)", "Gazette"], "range": ["#555555", "#999999"]}
    assert sorted((v["outlet"], v["share"], v["link"]) for v in spec["data"]["values"]) == [
        ("(no outlet)", 0.0, "/news/sentences?_outlet=None"), ("Gazette", 0.25, "/news/sentences?_outlet=Gazette")]
