"""The shape of dataset_tools/: no import cycle, small modules, one home for each grammar table."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dataset_tools"
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(name: str, path: Path) -> set[str]:
    """dataset_tools modules `name` imports, at the top or inside functions (both can close a cycle)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from . import nlp`
    return {m for m in found if m in MODULES and m != name}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_import_graph_has_no_cycle():
    # A package imports its own submodules to re-export them; that is not a cycle to break.
    graph = {name: {m for m in imported_modules(name, path) if not m.startswith(name + ".")}
             for name, path in MODULES.items()}
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle)


def test_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_every_module_imports_on_its_own_in_a_fresh_interpreter():
    """Each module imported first, in its own interpreter: an import cycle hidden by import
    order, or a module that only works after another was imported, fails here."""
    script = ("import importlib, sys\n"
              "for name in sys.argv[1:]:\n"
              "    for loaded in [m for m in sys.modules if m.startswith('dataset_tools')]:\n"
              "        del sys.modules[loaded]\n"
              "    importlib.import_module(name)\n")
    names = [name for name in MODULES if not name.endswith("__main__")]  # that one runs the CLI
    done = subprocess.run([sys.executable, "-c", script, *names], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_small(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]}: {lines} lines; split it by concern"


def test_tests_need_no_sys_path_boilerplate():
    """pytest.ini puts the repository root and tests/ on the path."""
    boilerplate = "sys.path" + ".insert"
    # test_model_train.py belongs to the training work of issue 8 §5, which takes its copy out
    offenders = [p.name for p in sorted((ROOT / "tests").glob("test_*.py"))
                 if boilerplate in p.read_text(encoding="utf-8") and p.name != "test_model_train.py"]
    assert not offenders
