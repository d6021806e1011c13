"""Every plugin has the files docs/plugins.md lists, for the same roles, and nothing else at its top
level; no module of a plugin is over the size where it becomes a package (aggregates too: they move
and keep their stored topics, ``core.aggregates.keeps_topics``)."""
from __future__ import annotations

from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
REQUIRED = {"__init__.py", "plugin.py", "contributions.py", "domain", "rules", "services", "projections",
            "models", "queries", "schemas", "web", "describe.py", "demo.py", "templates", "translations",
            "tests"}
OPTIONAL = {"present", "public.py", "bench.py", "cli.py", "papers"}
WEB = {"__init__.py", "pages", "api"}
WEB_OPTIONAL = {"common.py"}
NAMES = sorted(p.name for p in PLUGINS.iterdir() if (p / "plugin.py").exists())
LONG = 300
NOT_YET: set[str] = set()   # every plugin has the one shape (issue 17)


def _stem(path: Path) -> str:
    return path.name.removesuffix(".py") if path.is_file() else path.name


@pytest.mark.parametrize("name", [n for n in NAMES if n not in NOT_YET])
def test_a_plugin_has_the_files_of_the_one_shape_and_nothing_else(name):
    top = {p.name for p in (PLUGINS / name).iterdir() if not p.name.startswith((".", "__pycache__"))}
    stems = {_stem(PLUGINS / name / n) if n != "__init__.py" else n for n in top}
    required = {r.removesuffix(".py") if r not in ("__init__.py",) else r for r in REQUIRED}
    optional = {o.removesuffix(".py") for o in OPTIONAL}
    assert required - stems == set(), "missing"
    assert stems - required - optional == set(), "not in the one shape (docs/plugins.md)"
    web = {_stem(p) if p.name != "__init__.py" else p.name for p in (PLUGINS / name / "web").iterdir()
           if not p.name.startswith("__pycache__")}
    assert {w.removesuffix(".py") if w != "__init__.py" else w for w in WEB} <= web
    assert web - {w.removesuffix(".py") if w != "__init__.py" else w for w in WEB | WEB_OPTIONAL} == set()


@pytest.mark.parametrize("name", [n for n in NAMES if n not in NOT_YET])
def test_no_module_of_a_plugin_is_over_the_size_that_makes_it_a_package(name):
    long = sorted(f"{p.relative_to(PLUGINS)} ({len(p.read_text(encoding='utf-8').splitlines())})"
                  for p in (PLUGINS / name).rglob("*.py")
                  if "tests" not in p.relative_to(PLUGINS).parts
                  and len(p.read_text(encoding="utf-8").splitlines()) > LONG)
    assert long == []


def test_the_shape_in_the_docs_is_the_one_checked():
    doc = (PLUGINS.parent / "docs" / "plugins.md").read_text(encoding="utf-8")
    for entry in sorted(REQUIRED | OPTIONAL) + ["web/__init__.py", "web/pages.py", "web/api.py"]:
        assert entry.removesuffix(".py") in doc, entry
