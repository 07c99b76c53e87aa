"""The store's modules import each other without a circle (docs/architecture.md, "The store").

The graph is read from the source with :mod:`ast`, function-local imports included:
a cycle dodged by importing inside a function is still a cycle. Imports under
``if TYPE_CHECKING:`` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "src" / "itroad" / "store"
PACKAGE = "itroad.store"


def _module_name(path: Path) -> str:
    return PACKAGE if path.stem == "__init__" else f"{PACKAGE}.{path.stem}"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, modules: set[str], here: str) -> set[str]:
    """The store modules that ``tree`` imports, wherever the import statement is."""
    found: set[str] = set()
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to this package
                base = ".".join(filter(None, [PACKAGE, base]))
            if base in modules:
                found.add(base)
            # ``from itroad.store import records`` imports the submodule itself.
            found.update(f"{base}.{alias.name}" for alias in node.names
                         if f"{base}.{alias.name}" in modules)
        stack.extend(ast.iter_child_nodes(node))
    found.discard(here)
    # Every submodule loads its package first; that is not an edge of a cycle.
    found.discard(PACKAGE)
    return found


def store_import_graph() -> dict[str, set[str]]:
    paths = sorted(STORE.glob("*.py"))
    modules = {_module_name(p) for p in paths}
    return {_module_name(p): _imports(ast.parse(p.read_text(encoding="utf-8")), modules,
                                      _module_name(p))
            for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path that ends where it starts, or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph.get(module, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_the_graph_sees_top_level_and_function_local_imports():
    graph = {"a": {"b"}, "b": {"a"}}
    assert find_cycle(graph) == ["a", "b", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    tree = ast.parse(
        "from itroad.store.rows import iso\n"
        "from itroad.store import editing\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from itroad.store.portfolio import load_client\n"
        "def f():\n    from itroad.store.transactions import write_transaction\n")
    modules = {f"{PACKAGE}.{name}" for name in ("rows", "editing", "portfolio", "transactions")}
    assert _imports(tree, modules, f"{PACKAGE}.x") == {
        f"{PACKAGE}.rows", f"{PACKAGE}.editing", f"{PACKAGE}.transactions"}


def test_the_store_has_no_import_cycle():
    graph = store_import_graph()
    assert f"{PACKAGE}.transactions" in graph[f"{PACKAGE}.editing"]  # the graph is read
    cycle = find_cycle(graph)
    assert not cycle, "store modules import each other in a circle: " + " -> ".join(cycle or ())
