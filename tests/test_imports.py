"""Imports among checker's modules run one way: no module imports one that imports it back.

A cycle makes the import order decide what exists (one side sees the other half-initialised),
which is why ``report`` once had to import ``xlsx`` inside functions. Every import counts,
those inside functions and ``if TYPE_CHECKING:`` too: a cycle hidden in a function is still a
cycle in the design.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import checker

PACKAGE = Path(checker.__file__).parent


def _imported(tree: ast.AST) -> set[str]:
    """The checker modules ``tree`` imports: ``from checker.x import``, ``import checker.x``
    and ``from checker import x`` (a module, or a name from ``__init__``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "checker":
                continue
            if len(parts) > 1:
                found.add(parts[1])
            else:
                found |= {
                    a.name if (PACKAGE / f"{a.name}.py").exists() else "__init__"
                    for a in node.names
                }
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".")[1]
                for a in node.names
                if a.name.startswith("checker.")
            }
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module name -> the checker modules it imports (itself left out)."""
    graph = {}
    for path in sorted(package.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[path.stem] = _imported(tree) - {path.stem}
    return graph


def test_graph_is_read() -> None:
    graph = import_graph()
    assert {"output", "table", "xlsx", "pipeline"} <= graph.keys()
    assert "table" in graph["xlsx"] and "xlsx" in graph["output"]


def test_checker_modules_import_one_way() -> None:
    try:
        order = list(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None
    assert order.index("table") < order.index("xlsx") < order.index("output")
