"""The arrows between the package's stages point one way (DESIGN.md): the scorers never
reach into the store or the web, extraction never into the scorers, the store never into
the web, reading input never into the store, the hook contract into no implementation,
and the command line into no scorer's internals. Read from the source's imports, so a
new arrow the wrong way fails here before it grows."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "datasette_attribution"
NEVER = {
    "scorers": {"store", "web", "pipeline", "cli"},
    "extract": {"scorers", "store", "web"},
    "text": {"scorers", "store", "web"},
    "store": {"web", "cli"},
    "ingest": {"store", "scorers", "web"},
    "hookspecs": {"analyze", "scorers", "store", "web", "pipeline"},
    "cli": {"scorers"},
}


def stage(module: str) -> str:
    """datasette_attribution.scorers.sourcing.cues -> scorers; the package itself -> __init__."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_of(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root.parent).with_suffix("").parts)


def imports(path: Path, root: Path) -> set[str]:
    """The package's modules this file imports at run time (not under TYPE_CHECKING)."""
    module = module_of(path, root)
    package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text("utf-8"))
    type_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and getattr(block.test, "id", None) == "TYPE_CHECKING" for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                found.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("datasette_attribution")}


def wrong_way(root: Path) -> list[str]:
    arrows = []
    for path in sorted(root.rglob("*.py")):
        source = stage(module_of(path, root))
        arrows += [f"{module_of(path, root)} -> {target}" for target in sorted(imports(path, root))
                   if stage(target) in NEVER.get(source, ())]
    return arrows


def test_no_arrow_points_the_wrong_way():
    assert wrong_way(PACKAGE) == []


def test_an_arrow_the_wrong_way_is_caught(tmp_path):
    scorer = tmp_path / "datasette_attribution" / "scorers" / "leaky.py"
    scorer.parent.mkdir(parents=True)
    scorer.write_text("from typing import TYPE_CHECKING\nfrom ..store import schema\n"
                      "if TYPE_CHECKING:\n    from ..web import hooks\n", "utf-8")
    assert wrong_way(tmp_path / "datasette_attribution") == [
        "datasette_attribution.scorers.leaky -> datasette_attribution.store"]
