"""English complete: every message id the code and the templates use (what ``pybabel extract`` finds
with babel.cfg and the keywords gettext, _, N_, lazy_gettext, ngettext) has a non-empty English
translation, in the catalogue of its own plugin or in the core's, with the same parameters. So has
every label a schema gives its fields (``metadata["label"]``): refusals name the field by it, in the
user's language (``core.messages.invalid_input``)."""
from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import marshmallow

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "plugin.py").exists())


def english(catalogue_dir: Path) -> dict[str, str]:
    path = catalogue_dir / "en" / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as f:
        return {(m.id if isinstance(m.id, str) else m.id[0]): (m.string if isinstance(m.string, str) else m.string[0])
                for m in read_po(f) if m.id and m.string}


def used(folder: Path) -> dict[str, str]:
    """message id → where it is first used, for every file under ``folder`` but its tests."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(str(folder), METHODS, keywords=KEYWORDS):
        if "tests" in Path(filename).parts:
            continue
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.setdefault(msgid, f"{folder.relative_to(ROOT)}/{filename}:{lineno}")
    return found


def missing(folders: list[Path], catalogues: dict[str, str]) -> list[str]:
    out = []
    for folder in folders:
        for msgid, where in used(folder).items():
            text = catalogues.get(msgid, "")
            if not text:
                out.append(f"{where}: {msgid!r} has no English")
            elif set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(text)):
                out.append(f"{where}: {msgid!r} → {text!r} has other parameters")
    return out


def labels(folder: Path) -> dict[str, str]:
    """label → the schema field that first gives it, for every schema declared under ``folder`` but
    its tests."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "tests" in parts:
            continue
        module = importlib.import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
        for name, obj in vars(module).items():
            if inspect.isclass(obj) and issubclass(obj, marshmallow.Schema) and obj.__module__ == module.__name__:
                for field_name, field in obj._declared_fields.items():
                    label = field.metadata.get("label")
                    if label:
                        found.setdefault(label, f"{module.__name__}.{name}.{field_name}")
    return found


def unlabelled(folders: list[Path], catalogues: dict[str, str]) -> list[str]:
    return [f"{where}: label {label!r} has no English"
            for folder in folders for label, where in labels(folder).items() if not catalogues.get(label)]


def test_every_message_and_field_label_of_the_core_and_the_tenant_registry_has_english():
    folders, catalogues = [ROOT / "core", ROOT / "tenants"], english(ROOT / "translations")
    assert missing(folders, catalogues) + unlabelled(folders, catalogues) == []


@pytest.mark.parametrize("plugin", PLUGINS)
def test_every_message_and_field_label_of_a_plugin_has_english(plugin):
    folders = [ROOT / "plugins" / plugin]
    catalogues = {**english(ROOT / "translations"), **english(ROOT / "plugins" / plugin / "translations")}
    assert missing(folders, catalogues) + unlabelled(folders, catalogues) == []
