"""The import structure stays clean: no cycles between the core, the core's own plugins (auth), the
tenant registry and the plugins; a plugin uses another only through its ``public`` module. The
modules that assemble the application (the app factory, the command line, the demo district and
the test fixtures) may import anything: they sit above all the rest."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSEMBLY = {"core.app", "core.cli", "core.demo", "core.testing"}


def _unit(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "plugins" and len(parts) > 1:
        return f"plugins.{parts[1]}"
    if parts[:2] == ["core", "auth"]:
        return "core.auth"
    return parts[0]


def _imports():
    """(importing module, imported module) for every absolute import of our code outside tests."""
    for path in [*ROOT.glob("core/**/*.py"), *ROOT.glob("tenants/**/*.py"), *ROOT.glob("plugins/**/*.py")]:
        if "tests" in path.relative_to(ROOT).parts:
            continue
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for target in targets:
                if target.split(".")[0] in ("core", "tenants", "plugins"):
                    yield module, target


def test_the_parts_import_each_other_without_cycles():
    edges: dict[str, set[str]] = defaultdict(set)
    for module, target in _imports():
        source, dest = _unit(module), _unit(target)
        if module not in ASSEMBLY and dest not in (source, "plugins"):
            edges[source].add(dest)
    cycles = []

    def walk(node, path):
        for nxt in edges.get(node, ()):
            if nxt == path[0]:
                cycles.append(" → ".join([*path, nxt]))
            elif nxt not in path:
                walk(nxt, [*path, nxt])
    for start in list(edges):
        walk(start, [start])
    assert cycles == []


def test_a_plugin_uses_another_only_through_its_public_module():
    crossing = sorted({(module, target) for module, target in _imports()
                       if module.startswith("plugins.") and target.startswith("plugins.")
                       and _unit(target) != _unit(module) and target.count(".") >= 2
                       and target.split(".")[2] != "public"})
    assert crossing == []


def test_access_is_decided_in_one_place():
    """``@requires`` (and ``require`` where the action depends on the input) and ``require_object`` for
    a record are the only access decisions: no view answers 403 by itself (issue 17.5)."""
    allowed = {ROOT / "core" / "permissions.py", ROOT / "core" / "web" / "__init__.py"}
    inline = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "core").rglob("*.py")) + sorted((ROOT / "plugins").rglob("*.py"))
              + sorted((ROOT / "tenants").rglob("*.py"))
              if "tests" not in p.parts and p not in allowed
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "abort(403)" in line]
    assert inline == []
