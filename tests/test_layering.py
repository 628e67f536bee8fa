"""The tree follows the data, and layering is one-way.

commands → run → find → read → rules / schemas; `store` is used by `run` and the commands only;
`errors` by anyone; `schemas/` imports nothing from `extract`. Nothing imports upward.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = ROOT / "extract"
LAYER = {"rules": 0, "read": 1, "find": 2, "store": 3, "run": 4, "commands": 5}
USES_STORE = {"run", "commands", "store"}


def imported_modules(path: Path) -> set[str]:
    """Absolute dotted names a module imports (relative imports resolved against its package)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(filter(None, (base, node.module)))
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def layer_of(dotted: str) -> str | None:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "extract" and parts[1] in LAYER else None


def test_extract_holds_only_its_subpackages_and_the_error_types():
    loose = {p.name for p in EXTRACT.iterdir() if p.is_file() and p.suffix == ".py"}
    assert loose <= {"__init__.py", "errors.py"}
    assert {p.name for p in EXTRACT.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(LAYER)


@pytest.mark.parametrize("package", sorted(LAYER))
def test_each_subpackage_says_what_comes_in_and_what_goes_out(package):
    doc = ast.get_docstring(ast.parse((EXTRACT / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and ("→" in doc.splitlines()[0] or ":" in doc.splitlines()[0])


def test_schemas_import_nothing_from_extract():
    for path in (ROOT / "schemas").glob("*.py"):
        assert not any(m.startswith("extract") for m in imported_modules(path)), path


@pytest.mark.parametrize("package", sorted(LAYER))
def test_nothing_imports_upward_and_only_run_and_commands_use_the_store(package):
    for path in (EXTRACT / package).rglob("*.py"):
        for module in imported_modules(path):
            used = layer_of(module)
            if used is None or used == package:
                continue
            assert used != "store" or package in USES_STORE, f"{path.relative_to(ROOT)} uses the store ({module})"
            assert LAYER[used] < LAYER[package] or used == "store", f"{path.relative_to(ROOT)} imports upward: {module}"


def test_no_module_passes_about_four_hundred_lines():
    long = {str(p.relative_to(ROOT)): n for p in EXTRACT.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}
    assert not long
