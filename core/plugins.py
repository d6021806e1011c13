"""The process-wide plugin manager and the per-school dispatcher.

Built-in features register as default plugins; other plugins load from the ``zhibu``
entry-point group. Per-school enablement is applied here, never inside a plugin: for a school
that has not enabled a plugin, its tenant hooks are silent (``subset_hook_caller``).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pluggy

from core import hookspecs

# The core's own features, registered exactly like any plugin (datasette's pattern).
DEFAULT_PLUGINS = ("core.default_plugin", "core.auth.plugin", "tenants.plugin")


@dataclass(frozen=True)
class PluginInfo:
    """What a plugin says about itself."""

    name: str                      # one name everywhere: package, blueprint, tables, actions
    title: str                     # Chinese title shown to users
    description: str = ""
    settings_schema: Any = None    # a marshmallow Schema class validating the school's settings
    always_on: bool = False        # core features every school has (members)
    order: int = 100               # position in navigation and lists


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    order: int = 100
    icon: str = ""


@dataclass(frozen=True)
class Widget:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    action: str | None = None   # the permission whoever sees it must hold (core.permissions.shown)


@dataclass(frozen=True)
class Alert:
    """Something that needs attention. Its link is named by ``endpoint`` and ``values`` (the core
    builds the URL and shows the alert only to whoever may open it), or, for a link outside the
    app's pages, given as ``url``."""

    level: str          # "info", "warning", "danger"
    text: str
    url: str | None = None
    source: str = ""    # plugin name
    due: Any = None     # a date, where there is one
    action: str | None = None   # the permission whoever sees it must hold; its link must open too
    endpoint: str | None = None  # "meetings.compliance"
    values: dict = field(default_factory=dict, hash=False)   # {"tenant": "school-a", …}

    def __post_init__(self):
        if self.endpoint and self.url is None:
            object.__setattr__(self, "url", build_url(self.endpoint, self.values))

    @property
    def link(self) -> str | None:
        """Where the alert leads (the URL of its endpoint, built by the core)."""
        return self.url


def build_url(endpoint: str, values: dict) -> str | None:
    """The path of an endpoint of this app (extra values become the query string), without a request;
    None outside the app or for an endpoint it does not have."""
    from flask import current_app, has_app_context  # noqa: PLC0415  (plugins build alerts without Flask)
    from werkzeug.routing import BuildError  # noqa: PLC0415
    if not has_app_context():
        return None
    try:
        return current_app.url_map.bind("localhost").build(endpoint, values)
    except BuildError:
        return None


@dataclass(frozen=True)
class Figure:
    key: str            # "dues.collection_rate"
    label: str
    value: Any
    unit: str = ""
    status: str = "ok"  # "ok", "warning", "danger"
    order: int = 100


@dataclass(frozen=True)
class RosterSection:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    action: str | None = None   # the permission whoever sees it must hold (core.permissions.shown)


@dataclass(frozen=True)
class Phrase:
    """Words that the core translates when it shows them, built without Flask: a message id and its
    values (``Phrase("%(n)s 个月", {"n": 4})``); a value may itself be a Phrase."""
    msgid: str
    values: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class MyItem:
    """One line of a ``MySection``: a title, short (label, value) details, a status word and a link.
    Labels and status words are message ids (translated when shown); titles and values are data, or a
    ``Phrase`` to translate."""
    title: str
    details: list = field(default_factory=list, hash=False)   # [(label, value)]
    status: str = ""
    level: str = ""            # "ok", "warning", "danger", "info", "" (how the status is shown)
    url: str | None = None     # shown only when the member may open it


@dataclass(frozen=True)
class MySection:
    """A part of a member's own page ("我的", ``zhibu_my_sections``): figures, then items (a list that a
    phone shows as cards), or ``empty`` when there are none, and a link to the full record, built from
    ``endpoint`` and ``values`` like an alert's and shown only when the member may open it."""
    key: str                   # "dues"
    title: str                 # message id, "我的党费"
    order: int = 100
    figures: list = field(default_factory=list, hash=False)   # [(label, value, level)]
    items: list = field(default_factory=list, hash=False)     # [MyItem]
    empty: str = ""            # message id shown when there are no items
    link_label: str = ""       # message id of the link
    endpoint: str | None = None
    values: dict = field(default_factory=dict, hash=False)
    url: str | None = None

    def __post_init__(self):
        if self.endpoint and self.url is None:
            object.__setattr__(self, "url", build_url(self.endpoint, self.values))


@dataclass(frozen=True)
class Flag:
    code: str           # "integrity.ethics_veto"
    label: str
    severity: str = "warning"


@dataclass(frozen=True)
class Evidence:
    item: str                         # indicator item code, e.g. "meetings.compliance"
    score_ratio: float                # 0..1 share of the item's points earned
    summary: str
    figures: dict = field(default_factory=dict)
    links: list[dict] = field(default_factory=list)   # {"label", "url", "event_ids": [...]}


@dataclass(frozen=True)
class FieldLabels:
    """How a plugin's stored fields read in words (the audit console): ``labels`` (field → label),
    ``choices`` (field → {stored code → word}) and the fields that hold amounts of money."""
    labels: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    money: frozenset = frozenset()


@dataclass(frozen=True)
class Vocabulary:
    """Every plugin's event names and field labels, merged (the first plugin to name a thing wins);
    ``owners`` gives each event type its own plugin's labels, which come first for its fields."""
    events: dict
    labels: dict
    choices: dict
    money: frozenset
    owners: dict = field(default_factory=dict)


class Registry:
    """Owns the PluginManager and knows which plugin is which."""

    def __init__(self, extra_plugins: tuple = ()):
        self.pm = pluggy.PluginManager("zhibu")
        self.pm.add_hookspecs(hookspecs)
        for name in DEFAULT_PLUGINS:
            self.pm.register(importlib.import_module(name), name=name)
        self.pm.load_setuptools_entrypoints("zhibu")
        for plugin in extra_plugins:
            self.pm.register(plugin)
        self.pm.check_pending()
        self._subsets: dict[frozenset, Any] = {}

    @cached_property
    def infos(self) -> dict[str, PluginInfo]:
        infos = {}
        for plugin in self.pm.get_plugins():
            info = self.info_of(plugin)
            if info is not None:
                infos[info.name] = info
        return dict(sorted(infos.items(), key=lambda kv: (kv[1].order, kv[0])))

    @cached_property
    def vocabulary(self) -> Vocabulary:
        events: dict = {}
        labels: dict = {}
        choices: dict = {}
        money: set = set()
        owners: dict = {}
        for impl in self.pm.hook.zhibu_event_names.get_hookimpls():
            names = impl.function() or {}
            own = getattr(impl.plugin, "zhibu_field_labels", None)
            events.update({k: v for k, v in names.items() if k not in events})
            if own is not None:
                labels_of = own()
                owners.update({k: labels_of for k in names if k not in owners})
        for found in self.pm.hook.zhibu_field_labels():
            labels.update({k: v for k, v in found.labels.items() if k not in labels})
            for name, words in found.choices.items():
                choices[name] = {**words, **choices.get(name, {})}
            money |= set(found.money)
        # a school's modules by their titles, and their settings (keys of a "settings" mapping) by their labels
        choices.setdefault("plugin", {n: i.title for n, i in self.infos.items()})
        choices.setdefault("event_type", events)
        choices.setdefault("settings", {n: f.metadata["label"] for i in self.infos.values() if i.settings_schema
                                        for n, f in i.settings_schema().fields.items() if f.metadata.get("label")})
        return Vocabulary(events, labels, choices, frozenset(money), owners)

    @staticmethod
    def info_of(plugin) -> PluginInfo | None:
        fn = getattr(plugin, "zhibu_plugin_info", None)
        return fn() if fn else None

    @cached_property
    def _plugin_objects(self) -> dict[str, Any]:
        return {info.name: plugin for plugin in self.pm.get_plugins()
                if (info := self.info_of(plugin)) is not None}

    @property
    def hook(self):
        """Process-wide hooks (registration: blueprints, permissions, CLI)."""
        return self.pm.hook

    def optional(self) -> list[str]:
        return [n for n, i in self.infos.items() if not i.always_on]

    def for_tenant(self, enabled: set[str]) -> "TenantHooks":
        """Hooks as one school sees them: plugins it has not enabled are left out."""
        disabled = frozenset(n for n, i in self.infos.items() if not i.always_on and n not in enabled)
        hooks = self._subsets.get(disabled)
        if hooks is None:
            hooks = TenantHooks(self.pm, [self._plugin_objects[n] for n in disabled])
            self._subsets[disabled] = hooks
        return hooks


class KernelHooks:
    """Hook callers that pass the kernel (``k``) themselves: ``k.hooks(tenant).zhibu_alerts(tenant=…,
    today=…)``. Anything else a caller offers (``get_hookimpls``) is the pluggy caller's."""

    def __init__(self, hooks, k):
        self._hooks, self._k = hooks, k
        self._bound: dict[str, Any] = {}

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        bound = self._bound.get(name)
        if bound is None:
            bound = self._bound[name] = _BoundCaller(getattr(self._hooks, name), self._k)
        return bound


class _BoundCaller:
    __slots__ = ("_caller", "_k")

    def __init__(self, caller, k):
        self._caller, self._k = caller, k

    def __call__(self, **kwargs):
        return self._caller(k=self._k, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._caller, name)


class TenantHooks:
    """Attribute access to hook callers with some plugins removed."""

    def __init__(self, pm: pluggy.PluginManager, removed: list):
        self._pm = pm
        self._removed = removed
        self._callers: dict[str, Any] = {}

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        caller = self._callers.get(name)
        if caller is None:
            caller = (self._pm.subset_hook_caller(name, self._removed) if self._removed
                      else getattr(self._pm.hook, name))
            self._callers[name] = caller
        return caller


def flatten(results) -> list:
    """Hooks return lists; a hook call returns a list of them."""
    out = []
    for result in results or ():
        if result is None:
            continue
        if isinstance(result, (list, tuple)):
            out.extend(result)
        else:
            out.append(result)
    return out
