"""Titles before names, common words in title case, and headlines in title case:
shared by the scorers."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from ...resources import labelled, words

PROPER_TAGS = frozenset({"NNP", "NNPS"})


def is_title(token: str) -> bool:
    """"President", "Sen.", "Senators,": a title from lexicons/titles.txt."""
    return token.lower().strip(",").rstrip(".") in words("titles.txt")


def strip_titles(tokens: list[str]) -> tuple[list[str], bool]:
    """The tokens without their leading titles, and whether there were any:
    ["Republican", "Senators", "John", "McCain"] -> (["John", "McCain"], True)."""
    titled = False
    while tokens and is_title(tokens[0]):
        tokens = tokens[1:]
        titled = True
    return tokens, titled


@lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """Each word's most frequent part-of-speech tag in the Brown corpus and the Penn
    Treebank: the lexicon of Brill's tagger that TextBlob ships (en-lexicon.txt)."""
    spec = importlib.util.find_spec("textblob")
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-lexicon.txt"
    tags = {}
    for line in path.read_text("utf-8").splitlines():
        if line and not line.startswith(";"):
            word, _, tag = line.partition(" ")
            tags[word] = tag.split()[0] if tag else ""
    return tags


def is_common_word(word: str, never_a_name: bool = False) -> bool:
    """A word English writes in lower case ("power", "rules", "trump"); with
    `never_a_name`, one that capitalised is no proper noun either ("Beyond",
    "Derelict", "Hammering", "Follow" at the head of a headline), where "Bill",
    "Donald", "Melania" and "Power" may be names."""
    tags = word_tags()
    lower = word.lower()
    common = lower in tags and tags[lower] not in PROPER_TAGS
    return common and not (never_a_name and tags.get(word, "") in PROPER_TAGS)


def is_headline_verb(word: str) -> bool:
    """A verb's -s or past form that is no name capitalised: "Wins", "Resigns",
    "Revealed" end a headline ("Donald Trump Wins"); "Burns", "Means", "Holds" and
    "Bears" may be names."""
    tags = word_tags()
    return tags.get(word.lower()) in ("VBZ", "VBD") and tags.get(word) not in PROPER_TAGS


def in_title_case(span) -> bool:
    """A headline in title case ("Obama Seeks More Refugees"), where the tagger and
    the entity recogniser read every word as part of a name: its words of four
    letters or more outside the names the parse found, after the first, are
    mostly capitalised (a sentence full of names is not a headline); or none of its
    content words is in lower case and two or more common words are capitalised,
    inside a name the parse found or not ("Obama Power Plant Rules Face Key Test")."""
    words_outside = [t for t in span[1:] if t.is_alpha and len(t) > 3 and t.ent_iob_ == "O"]
    if len(words_outside) >= 2 and sum(t.text[0].isupper() for t in words_outside) >= 0.7 * len(words_outside):
        return True
    stopwords = words("stopwords.txt")
    content = [t for t in span[1:] if t.is_alpha and len(t) > 3 and t.lower_ not in stopwords]
    capitalised_common = [t for t in content if t.text[0].isupper() and is_common_word(t.text)]
    return len(capitalised_common) >= 2 and all(t.text[0].isupper() for t in content)


# Words a name's initials skip: "Centers for Disease Control" -> CDC.
NAME_LINKS = frozenset({"of", "the", "and", "for", "on", "&"})


def initialled_words(name: str) -> list[str]:
    """The words of a name that its initials are taken from ("of", "the", "and" aside)."""
    return [word for word in name.split() if word.lower() not in NAME_LINKS]


# Generational suffixes: part of who a person is ("Donald Trump Jr." is not his father).
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def split_suffix(tokens: list[str]) -> tuple[list[str], str | None]:
    """A name's words and its generational suffix: ["Donald", "Trump", "Jr."] ->
    (["Donald", "Trump"], "jr"); a name of one word is none ("II")."""
    if len(tokens) > 1 and tokens[-1].lower().strip(".,") in SUFFIXES:
        return tokens[:-1], tokens[-1].lower().strip(".,")
    return tokens, None


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Each English given name -> the names it is a nickname or a formal name of,
    one step away ("joe" -> {"joseph"}, "joseph" -> {"joe", "joey", ...}): the
    `nicknames` package's hand-curated table (Apache-2.0)."""
    from nicknames import name_triplets

    related: dict[str, set[str]] = {}
    for triplet in name_triplets():
        related.setdefault(triplet.name1, set()).add(triplet.name2)
        related.setdefault(triplet.name2, set()).add(triplet.name1)
    return {name: frozenset(others) for name, others in related.items()}


def same_given_name(first: str, other: str) -> bool:
    """Whether two given names are one, or one is the other's nickname or formal
    name ("Joe" and "Joseph", "Bill" and "William", "Hillary" and "Hilary"); two
    nicknames of one name are not ("Bill" and "Bob", both Robert's)."""
    first, other = first.lower(), other.lower()
    return first == other or other in _nicknames().get(first, ())


def is_given_name(word: str) -> bool:
    """A given name English speakers bear ("Hillary", "Bernie", "Marco"): in
    lexicons/first_names.txt or the `nicknames` table; "Trump" is not."""
    return word.capitalize() in _first_name_pronouns() or word.lower() in _nicknames()


@lru_cache(maxsize=1)
def _first_name_pronouns() -> dict[str, str]:
    return dict(labelled("first_names.txt"))


def first_name_pronoun(name: str) -> str | None:
    """"he" or "she" for a person's name by its first name, as nearly everyone who
    bears it is called (lexicons/first_names.txt: "Bill Clinton" "he"); None when
    the first name does not say."""
    words_of_name = name.split()
    return _first_name_pronouns().get(words_of_name[0]) if words_of_name else None
