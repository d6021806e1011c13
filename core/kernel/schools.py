"""What each school has enabled, and the hooks and settings as that school sees them: the kernel's
tenant half (``core.kernel.Kernel`` mixes it in)."""
from __future__ import annotations

import time

from core.plugins import KernelHooks
from core.tenancy import queries as tenancy

ENABLED_TTL = 2.0  # seconds another process may still see a plugin toggle's previous state


class SchoolPlugins:
    # -- tenants ----------------------------------------------------------------------------
    def tenant_slugs(self) -> list[str]:
        with self.reading() as conn:
            return tenancy.slugs(conn)

    def enabled_plugins(self, tenant: str) -> set[str]:
        """The plugins a school has enabled (always-on ones included).

        Read on every request and every write, so remembered for a moment: this process forgets
        it as soon as it writes to the district log, other processes after ENABLED_TTL seconds.
        """
        return set(self._enabled_set(tenant))

    def _enabled_set(self, tenant: str) -> frozenset:
        cached = self._enabled.get(tenant)
        if cached is not None and time.monotonic() - cached[0] < ENABLED_TTL:
            return cached[1]
        with self.reading() as conn:
            enabled = frozenset(tenancy.enabled_plugins(conn, tenant)) | self._always_on
        self._enabled[tenant] = (time.monotonic(), enabled)
        return enabled

    def settings(self, tenant: str, plugin: str) -> dict:
        """A school's settings of one plugin through the plugin's settings schema (defaults filled in;
        ``core.tenancy.queries.plugin_settings``), remembered for the request. A request reads the
        school's stored settings of every plugin in one statement; what the schema makes of stored
        values is kept by the process as long as the stored values are the same (a home page asks
        for several plugins' settings, and validating each through its schema again cost more than
        reading them)."""
        return dict(self.per_request(("settings", tenant, plugin), lambda: self._settings(tenant, plugin)))

    def _settings(self, tenant: str, plugin: str) -> dict:
        def stored_rows():
            with self.reading() as conn:
                return {name: dict(row.settings or {}) for name, row in tenancy.list_plugin_rows(conn, tenant).items()}
        stored = self.per_request(("settings.stored", tenant), stored_rows).get(plugin, {})
        cache = self.__dict__.setdefault("_validated_settings", {})
        key = (plugin, repr(sorted(stored.items())))
        found = cache.get(key)
        if found is None:
            if len(cache) > 4096:
                cache.clear()
            found = cache[key] = tenancy.validated_settings(self, tenant, plugin, stored)
        return found

    def hooks(self, tenant: str) -> KernelHooks:
        """The hooks as school ``tenant`` sees them (disabled plugins are silent), given the kernel."""
        return self.hooks_for(self.enabled_plugins(tenant))

    def hooks_for(self, enabled: set[str] | frozenset[str]) -> KernelHooks:
        """The hooks as a school with these plugins enabled sees them, given the kernel."""
        key = frozenset(enabled)
        if key not in self._hooks:
            self._hooks[key] = KernelHooks(self.registry.for_tenant(set(key)), self)
        return self._hooks[key]

    @property
    def district_hooks(self) -> KernelHooks:
        """Every plugin's hooks (district pages, inspectors' scope), given the kernel."""
        return self._district_hooks
