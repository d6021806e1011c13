"""Every hook is documented under its exact signature, and the core's features are default plugins."""
import inspect
import re
from pathlib import Path

from core import hookspecs
from core.plugins import DEFAULT_PLUGINS, Registry

DOC = Path(__file__).resolve().parent.parent / "docs" / "hooks.md"


def specs():
    return {name: fn for name, fn in vars(hookspecs).items()
            if name.startswith("zhibu_") and callable(fn)}


def test_every_hook_is_documented_under_its_exact_signature():
    headings = set(re.findall(r"^## (zhibu_\w+\(.*\))$", DOC.read_text(encoding="utf-8"), re.M))
    expected = {f"{name}{inspect.signature(fn)}" for name, fn in specs().items()}
    assert expected - headings == set(), "undocumented hooks"
    assert headings - expected == set(), "documented hooks that do not exist (or wrong signatures)"


def test_every_hook_has_a_docstring():
    assert [name for name, fn in specs().items() if not (fn.__doc__ or "").strip()] == []


def test_core_features_are_registered_as_default_plugins():
    registry = Registry()
    names = {registry.pm.get_name(p) for p in registry.pm.get_plugins()}
    assert set(DEFAULT_PLUGINS) <= names
    assert {"members", "dues", "meetings", "development", "integrity", "assessment", "audit"} <= set(registry.infos)
