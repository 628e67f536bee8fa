"""Layering is one-way: schemas import nothing from extract; stages import neither store nor cli."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTER = {"store", "cli", "batch", "evaluate", "trace"}  # the edges: they may import stages, not the reverse


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
            names.update(f".{alias.name}" for alias in node.names if node.level and not node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_schemas_import_nothing_from_extract():
    for path in (ROOT / "schemas").glob("*.py"):
        assert not any(m.startswith("extract") for m in imported_modules(path)), path


def test_stages_do_not_import_the_store_or_the_cli():
    for path in (ROOT / "extract").glob("*.py"):
        if path.stem in OUTER:
            continue
        bad = {m for m in imported_modules(path) if m.lstrip(".").split(".")[-1] in OUTER or m.startswith("extract.store")}
        assert not bad, f"{path.name} imports {bad}"
