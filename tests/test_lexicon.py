import re

from datasette_attribution.scorers.common.phrases import PhraseFinder

PHRASES = ["may", "may have", "according to", "according to reports", "so-called",
           "U.S.", "U.S. officials", "is said to", "said"]
TEXT = ("According to reports, U.S. officials may have said the so-called deal, "
        "which Mayor Smith is said to favour, may-be dead; a U.S.-backed plan, "
        "according to  him, may.")


def one_regex(phrases, flags):
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)


def spans(matches):
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def test_matches_are_those_of_one_alternation_regex():
    expected = spans(one_regex(PHRASES, re.IGNORECASE).finditer(TEXT))
    assert spans(PhraseFinder(PHRASES).finditer(TEXT)) == expected
    assert [m[2] for m in expected] == [
        "According to reports", "U.S. officials", "may have", "said", "so-called",
        "is said to", "according to", "may"]  # not "Mayor", "may-be" or "U.S.-backed"


def test_case_sensitive_matching_tells_the_group_from_the_verb():
    matcher = PhraseFinder(["IS", "Islamic State"], ignore_case=False)
    text = "The IS fighters said it is the Islamic State's plan."
    assert spans(matcher.finditer(text)) == spans(one_regex(["IS", "Islamic State"], 0).finditer(text))
    assert [m.group(0) for m in matcher.finditer(text)] == ["IS", "Islamic State"]


def test_search_gives_the_first_match_or_none():
    matcher = PhraseFinder(["officials", "sources"])
    assert matcher.search("Two sources and officials said").group(0) == "sources"
    assert matcher.search("Nobody said anything") is None


def test_every_lexicon_lists_each_entry_once():
    # A second line for an entry overrides the first one's label without a word
    # ("supposedly | adverb" then "supposedly | hearsay"), so each is written once.
    from collections import Counter
    from importlib import resources

    from datasette_attribution.resources import lexicon

    folder = resources.files("datasette_attribution").joinpath("lexicons")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".txt"))
    assert "hedge_cues.txt" in names and len(names) >= 15
    for name in names:
        counts = Counter(line.partition("|")[0].strip().lower() for line in lexicon(name))
        assert [entry for entry, count in counts.items() if count > 1] == [], name
