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


def _module_names(package: Path = PACKAGE) -> set[str]:
    """Every module of the package as a dotted name below ``checker``: "pipeline",
    "rules.values", "rules" (a subpackage's ``__init__``)."""
    names = set()
    for path in package.rglob("*.py"):
        parts = path.relative_to(package).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        names.add(name or "__init__")
    return names


def _imported(tree: ast.AST, modules: set[str]) -> set[str]:
    """The checker modules ``tree`` imports: ``from checker.x.y import``, ``import
    checker.x.y`` and ``from checker.x import y`` (a module, or a name from ``x``'s
    ``__init__``)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != "checker":
                continue
            base = ".".join(parts[1:])
            for alias in node.names:
                sub = f"{base}.{alias.name}" if base else alias.name
                found.add(sub if sub in modules else (base or "__init__"))
        elif isinstance(node, ast.Import):
            found |= {
                a.name.split(".", 1)[1]
                for a in node.names
                if a.name.startswith("checker.")
            }
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module name -> the checker modules it imports (itself left out)."""
    modules = _module_names(package)
    graph = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[name] = _imported(tree, modules) - {name}
    return graph



def test_graph_is_read() -> None:
    graph = import_graph()
    assert {"report.output", "report.table", "report.xlsx", "pipeline"} <= graph.keys()
    assert "report.table" in graph["report.xlsx"]
    assert "report.xlsx" in graph["report.output"]


def test_checker_modules_import_one_way() -> None:
    try:
        order = list(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None
    assert order.index("report.table") < order.index("report.xlsx") < order.index("report.output")


def test_the_rule_wing_loads_no_model() -> None:
    """The rules are pure functions over records: nothing in rules/ imports the engine."""
    graph = import_graph()
    for name, imports in graph.items():
        if name.startswith("rules."):
            assert not {i for i in imports if i.startswith("engine")}, (name, imports)
