"""The process-wide plugin manager and the per-school dispatcher.

Built-in features register as default plugins; other plugins load from the ``zhibu``
entry-point group. Per-school enablement is applied here, never inside a plugin: for a school
that has not enabled a plugin, its tenant hooks are silent (``subset_hook_caller``).
"""
from __future__ import annotations

import importlib
from functools import cached_property
from typing import Any

import pluggy

from core import hookspecs
from core.plugins.contributions import PluginInfo, Vocabulary

# The core's own features, registered exactly like any plugin (datasette's pattern).
DEFAULT_PLUGINS = ("core.default_plugin", "core.auth.plugin", "tenants.plugin")


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
