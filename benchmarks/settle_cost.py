"""What resolution costs a load as the database grows: a load of the same 20 articles
into databases of growing size, with the time of each step of resolution that reads
or writes the stored actors.

    python benchmarks/settle_cost.py PATH/TO/polnear/train.jsonl
    python benchmarks/settle_cost.py PATH/TO/polnear/train.jsonl --sizes 0 200 400 800

The database of each size holds the split's first N articles (loaded in one go, two
workers); a copy of it then loads the split's last 20. For that load it prints:
`start` (the stored actors read for the resolver: stored_actors and the Resolver),
`resolve` (Resolver.resolve of the 20 articles: each name's entity, with the evidence a
name two people share reads from the article's story and the articles nearest in time),
`evidence` (of resolve: the reads for a name two people share, from the article's story
and the articles nearest in time; `asked` the articles that read it), `settle`
(Resolver.settle, in memory) and `apply` (store.actors.apply_settlement: the
joins, the kinds, the counts and the aliases written), in milliseconds, beside the
database's actors and mentions. Bounded means `apply` stays flat as the mentions grow;
`start` reads one row per actor (not per mention).
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datasette_attribution import pipeline  # noqa: E402

PROBE = 20


class Timed:
    """Wraps pipeline's resolution calls and adds up their time in milliseconds."""

    def __init__(self):
        self.spent = {"start": 0.0, "resolve": 0.0, "evidence": 0.0, "settle": 0.0, "apply": 0.0}
        self.asked = 0  # articles whose resolution read evidence

    def wrap(self, step, function, whole=lambda result: result):
        def timed(*args, **kwargs):
            began = time.perf_counter()
            result = whole(function(*args, **kwargs))
            self.spent[step] += (time.perf_counter() - began) * 1000
            return result
        return timed


def probe_load(path: Path, probe: Path) -> dict:
    timed = Timed()
    resolver_class, stored, apply = pipeline.Resolver, pipeline.stored_actors, pipeline.apply_settlement

    class TimedResolver(resolver_class):
        def __init__(self, *args, **kwargs):
            began = time.perf_counter()
            super().__init__(*args, **kwargs)
            timed.spent["start"] += (time.perf_counter() - began) * 1000

        def resolve(self, rows):
            began = time.perf_counter()
            try:
                return super().resolve(rows)
            finally:
                timed.spent["resolve"] += (time.perf_counter() - began) * 1000

        def settle(self):
            began = time.perf_counter()
            try:
                return super().settle()
            finally:
                timed.spent["settle"] += (time.perf_counter() - began) * 1000

    evidence_class = getattr(pipeline, "NameEvidence", None)  # absent before it was written

    if evidence_class is not None:
        class TimedEvidence(evidence_class):
            def _timed(self, read, rows, names):
                began = time.perf_counter()
                try:
                    return read(rows, names)
                finally:
                    timed.spent["evidence"] += (time.perf_counter() - began) * 1000
                    if rows is not getattr(self, "last_asked", None):  # an article's reads come together
                        timed.asked += 1
                        self.last_asked = rows

            def in_story(self, rows, names):
                return self._timed(super().in_story, rows, names)

            def near_in_time(self, rows, names):
                return self._timed(super().near_in_time, rows, names)

        pipeline.NameEvidence = TimedEvidence
    pipeline.Resolver = TimedResolver
    pipeline.stored_actors = timed.wrap("start", stored, whole=list)
    pipeline.apply_settlement = timed.wrap("apply", apply)
    try:
        db = pipeline.open_database(path)
        report = pipeline.load(db, [str(probe)], options=pipeline.LoadOptions(workers=2))
        assert report.failed == 0 and report.added == PROBE, report.summary_line()
        figures = {"actors": db["actors"].count, "mentions": db["mentions"].count}
        db.close()
    finally:
        pipeline.Resolver, pipeline.stored_actors, pipeline.apply_settlement = resolver_class, stored, apply
        if evidence_class is not None:
            pipeline.NameEvidence = evidence_class
    return {**figures, **timed.spent, "asked": timed.asked}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("split", type=Path, help="a PolNeAR JSONL split")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100, 200, 400])
    args = parser.parse_args()
    records = [json.loads(line) for line in args.split.read_text("utf-8").splitlines() if line.strip()]
    if max(args.sizes) + PROBE > len(records):
        sys.exit(f"{args.split} has {len(records)} articles: the largest size is at most {len(records) - PROBE}")
    folder = Path(tempfile.mkdtemp())
    probe = folder / "probe.jsonl"
    probe.write_text("".join(json.dumps(r) + "\n" for r in records[-PROBE:]), "utf-8")
    base, loaded = folder / "base.db", 0
    print("articles before\tactors\tmentions\tstart ms\tresolve ms\tevidence ms\tasked\tsettle ms\tapply ms")
    for size in sorted(args.sizes):
        if size > loaded:
            more = folder / f"more-{size}.jsonl"
            more.write_text("".join(json.dumps(r) + "\n" for r in records[loaded:size]), "utf-8")
            db = pipeline.open_database(base)
            pipeline.load(db, [str(more)], options=pipeline.LoadOptions(workers=2))
            db.close()
            loaded = size
        copy = folder / f"probe-{size}.db"
        if base.exists():
            shutil.copy(base, copy)
        found = probe_load(copy, probe)
        print(f"{size}\t{found['actors']}\t{found['mentions']}\t{found['start']:.0f}\t{found['resolve']:.0f}\t"
              f"{found['evidence']:.0f}\t{found['asked']}\t{found['settle']:.0f}\t{found['apply']:.0f}", flush=True)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
