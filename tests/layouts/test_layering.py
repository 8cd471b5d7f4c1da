"""The one direction, for layouts/: they import our indicators/ and each other, never data/
(stores, queries, readers) nor callbacks/; callbacks hand them data. Every import counts,
including those under TYPE_CHECKING and inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ROOT / "layouts"
# Our top-level packages and modules other than indicators/ and layouts/ themselves.
OURS_FORBIDDEN = {"data", "callbacks", "app", "bench", "scripts", "tests"}


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in `source`, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def forbidden_imports(folder: Path) -> list[str]:
    """"x.py:12 data.queries.y" for each import of a package layouts may not use."""
    return [f"{path.relative_to(folder)}:{line} {module}"
            for path in sorted(folder.rglob("*.py"))
            for line, module in imported_modules(path.read_text(encoding="utf-8"))
            if module.split(".")[0] in OURS_FORBIDDEN]


def test_layouts_import_nothing_from_data_or_callbacks():
    assert forbidden_imports(LAYOUTS) == []


@pytest.mark.parametrize("line", [
    "from data.queries.sources import place_sources",
    "import data.queries.data_page",
    "import data",
    "if TYPE_CHECKING:\n    from data.queries.scorecard import Scorecard",
    "def f():\n    from callbacks import view_cache",
])
def test_the_scan_catches_each_way_of_importing_data(tmp_path, line):
    (tmp_path / "page.py").write_text(f"from dash import html\n{line}\n", encoding="utf-8")
    assert len(forbidden_imports(tmp_path)) == 1


def test_the_scan_lets_indicators_dash_and_relative_names_through(tmp_path):
    (tmp_path / "page.py").write_text(
        "import dash_bootstrap_components as dbc\nfrom dash import html\n"
        "from indicators.names import AREA_CODE\nfrom layouts import ids\n"
        "from . import components\nimport dataclasses\nfrom database_words import x\n",
        encoding="utf-8")
    assert {m.split(".")[0] for _, m in imported_modules(
        (tmp_path / "page.py").read_text(encoding="utf-8"))} & OURS_FORBIDDEN == set()
