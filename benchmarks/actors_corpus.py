"""Actors across a corpus: is each real entity one actor when many articles are loaded together?

    python benchmarks/actors_corpus.py PATH/TO/polnear/dev.jsonl
    python benchmarks/actors_corpus.py PATH/TO/polnear/train.jsonl --last 84
    python benchmarks/actors_corpus.py PATH/TO/polnear/train.jsonl --first 756   # development
    python benchmarks/actors_corpus.py --db loaded.db     # measure a database already loaded

The articles are loaded together into a new database, as `datasette-attribution load`
would (JSONL records, two workers). `benchmarks/data/actors_polnear_corpus.tsv` lists by
hand the entities named in the most articles and every form that refers to each; each
stored mention whose text is one of those forms belongs to that entity. Of the 45
entities named (by one of their forms, in the text) in the most articles it prints: how
many are one actor (every mention under one row of `actors`), the share of their mentions
under their main actor, the actors holding mentions of two entities, and the actors
without a mention. `--misses` lists the entities split and the actors shared.
`--junk` counts, by kind, the actors whose name is no real entity's, as a name's
shape tells (`junk_kind`), and lists them.
"""

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlite_utils  # noqa: E402

from benchmarks.actors_real import key  # noqa: E402
from datasette_attribution.pipeline import LoadOptions, load, open_database  # noqa: E402
from datasette_attribution.resolution import is_abbreviation  # noqa: E402

LABELS = Path(__file__).resolve().parent / "data" / "actors_polnear_corpus.tsv"
TOP = 45
HELD_OUT = 84  # the split's last articles, the held-out check; `--first` never takes them


POSSESSIVE = re.compile(r"['\u2019]s?$")


def form_key(text: str) -> str:
    """A mention's text as compared with the listed forms: a possessive aside too; a
    dotted abbreviation only as written ("Va." is Virginia, "the VA" Veterans Affairs)."""
    plain = POSSESSIVE.sub("", text.strip())
    return plain if is_abbreviation(plain) else POSSESSIVE.sub("", key(text)).strip()


def listed_entities():
    """(entities: name -> (kind, forms), default: form key -> entity, overrides:
    (article, form key) -> entity or None)."""
    entities, default, overrides = {}, {}, {}
    for number, line in enumerate(LABELS.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3:
            sys.exit(f"{LABELS.name}:{number}: expected three fields separated by tabs")
        if fields[0].startswith("@"):
            article, form, entity = fields
            overrides[(article[1:], form_key(form))] = None if entity == "-" else entity
            continue
        name, kind, forms = fields
        entities[name] = (kind, forms.split("|"))
        for form in forms.split("|"):
            default.setdefault(form_key(form), name)
    return entities, default, overrides


def entity_of(article: str, text: str, default, overrides):
    form = form_key(text)
    if (article, form) in overrides:
        return overrides[(article, form)]
    return default.get(form)


def articles_naming(records, entities, overrides) -> Counter:
    """For each entity, the articles whose title or text writes one of its forms."""
    counts = Counter()
    for record in records:
        text = f"{record.get('title') or ''}\n{record['text']}"
        for name, (_, forms) in entities.items():
            for form in forms:
                if overrides.get((record["id"], form_key(form)), name) != name:
                    continue
                if re.search(r"(?<![\w.])" + re.escape(form) + r"(?![\w])", text):
                    counts[name] += 1
                    break
    return counts


def loaded_database(records) -> Path:
    folder = Path(tempfile.mkdtemp())
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    path = folder / "corpus.db"
    report = load(open_database(path), [str(source)], options=LoadOptions(workers=2))
    print(report.summary_line(), file=sys.stderr)
    return path


# The shapes of a name that is no entity's (issue: "no junk actor"). Each is read off
# the actor's name and the names it was written as; the lists are for reading.
LINK_WORDS = frozenset("of the and for on in at to a an de del della der di da do dos du des la le las los "
                       "van von bin ibn al el y e den ter ten zu st".split())
OUTLETS = frozenset({"Post", "Times", "News", "Journal", "ABC", "NBC", "CBS", "CNN", "Fox", "Breitbart", "AP"})


def junk_kind(name: str) -> str | None:
    """"glued" (words run together by text extraction: "BushASSOCIATED PRESSOhio"),
    "bracket" (a bracket, quotation mark or dash: "George (W. Bush"), "hyphen" (a
    name joined to a common word: "Jeb Bush-spent"), "lower-case word" (a verb
    phrase or more run into the name: "Republican National Convention ended"),
    "outlet" (an outlet's short name run into another name: "Post White House",
    "Post-ABC", "ABC Democratic"), "headline verb" (a title-case verb ends it:
    "Donald Trump Wins"), else None. A lower-case word naming what the name is ends
    it well ("the Trump campaign", lexicons/institution_words.txt)."""
    from datasette_attribution.scorers.common.names import word_tags, is_common_word

    from datasette_attribution.resources import words as lexicon_words

    tags = word_tags()
    forms = [name]
    if any(re.search(r"[a-z]{2}[A-Z]{3,}", f) or len(re.findall(r"[a-z][A-Z]", f)) >= 3
           or any(is_common_word(m) for m in re.findall(r"\b([A-Z]{3,})(?=[A-Z][a-z])", f)) for f in forms):
        return "glued"
    if any(re.search(r"[()\[\]{}\"“”—–]", f) for f in forms):
        return "bracket"
    if any(is_common_word(m) for f in forms for m in re.findall(r"(?<=[A-Za-z]{3})-([a-z]{3,})\b", f)):
        return "hyphen"
    lower = [i for i, w in enumerate(name.split()) if i and re.fullmatch(r"[a-z][a-z'’-]*", w)
             and w.split("-")[0] not in LINK_WORDS]
    if lower and lower != [len(name.split()) - 1] or lower and name.split()[-1] not in lexicon_words(
            "institution_words.txt"):
        return "lower-case word"
    words = name.split()
    head, _, rest = words[0].partition("-") if words else ("", "", "")
    if head in OUTLETS and (rest[:1].isupper() or len(words) == 2 and tags.get(words[1].lower()) == "JJ"
                            or len(words) > 2 and " ".join(words[1:]) in _known_names()):
        return "outlet"
    if len(words) > 1 and tags.get(words[-1].lower()) in ("VBZ", "VBD") and tags.get(words[-1]) not in ("NNP", "NNPS"):
        return "headline verb"
    return None


def _known_names() -> set[str]:
    from datasette_attribution.scorers.actors import alias_table

    return set(alias_table())


def junk(db: sqlite_utils.Database) -> None:
    by_kind = defaultdict(list)
    for name, kind, count in db.execute("select name, kind, mention_count from actors"):
        found = junk_kind(name)
        if found:
            by_kind[found].append(f"{name} ({kind}, {count})")
    total = sum(len(names) for names in by_kind.values())
    print(f"junk actors {total}: " + ", ".join(f"{kind} {len(names)}" for kind, names in sorted(by_kind.items())))
    for kind, names in sorted(by_kind.items()):
        print(f"  {kind}: " + "; ".join(sorted(names)))


def measure(db: sqlite_utils.Database, records, misses: bool) -> None:
    entities, default, overrides = listed_entities()
    named = articles_naming(records, entities, overrides)
    top = [name for name, _ in sorted(named.items(), key=lambda item: (-item[1], item[0]))[:TOP]]
    names = dict(db.execute("select id, name || ' (' || coalesce(kind, '') || ')' from actors"))
    actors_of = defaultdict(Counter)  # entity -> actor id -> mentions
    entities_of = defaultdict(Counter)  # actor id -> entity -> mentions
    rows = db.execute("select articles.source, mentions.text, mentions.actor_id from mentions "
                      "join sentences on sentences.id = mentions.sentence_id "
                      "join articles on articles.id = sentences.article_id")
    for article, text, actor_id in rows:
        entity = entity_of(article, text, default, overrides)
        if entity:
            actors_of[entity][actor_id] += 1
            entities_of[actor_id][entity] += 1
    one = [name for name in top if len(actors_of[name]) == 1]
    mentions = sum(sum(actors_of[name].values()) for name in top)
    main = sum(max(actors_of[name].values(), default=0) for name in top)
    shared = {actor: found for actor, found in entities_of.items() if len(found) > 1}
    unmentioned = db.execute("select count(*) from actors where id not in "
                             "(select actor_id from mentions where actor_id is not null)").fetchone()[0]
    total = db.execute("select count(*) from actors").fetchone()[0]
    print(f"{len(records)} articles; of the {len(top)} entities named in the most: {len(one)} one actor; "
          f"share of their mentions under their main actor {main / max(1, mentions):.3f} ({main}/{mentions}); "
          f"actors holding two listed entities {len(shared)}; actors with no mention {unmentioned} of {total}")
    if misses:
        for name in top:
            if len(actors_of[name]) != 1:
                split = ", ".join(f"{names[a]} {n}" for a, n in actors_of[name].most_common())
                print(f"  split: {name} [{named[name]} articles] -> {split or 'no mention'}")
        for actor, found in shared.items():
            print(f"  shared: {names[actor]} -> {dict(found)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, nargs="?", help="a PolNeAR JSONL split")
    parser.add_argument("--last", type=int, help="only the split's last N articles")
    parser.add_argument("--first", type=int, help=f"only the first N of the articles before the split's last "
                        f"{HELD_OUT} (held out): for development")
    parser.add_argument("--db", type=Path, help="measure this database (loaded from the split given)")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--junk", action="store_true", help="count and list the junk actors by kind")
    args = parser.parse_args()
    if args.split is None:
        parser.error("give the split the articles come from")
    records = [json.loads(line) for line in args.split.open(encoding="utf-8")]
    if args.last and args.first:
        parser.error("give --first or --last, not both")
    if args.last:
        records = records[-args.last:]
    if args.first:
        records = records[:-HELD_OUT][:args.first]
    path = args.db or loaded_database(records)
    measure(sqlite_utils.Database(path), records, args.misses)
    if args.junk:
        junk(sqlite_utils.Database(path))


if __name__ == "__main__":
    main()
