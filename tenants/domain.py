"""The school (学校党支部) aggregate, recorded in the district log."""
from __future__ import annotations

import re

from eventsourcing.domain import Aggregate, event

from core.errors import DomainError
from core.ids import natural_id

SLUG = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
RESERVED = {"district", "audit", "api", "static", "login", "logout", "account"}


class SchoolError(DomainError):
    pass


def check_slug(slug: str) -> None:
    if not SLUG.match(slug or "") or slug in RESERVED:
        raise SchoolError("学校代码须以小写字母开头，只含小写字母、数字和连字符（2–40 位）", field="slug")


class School(Aggregate):
    """One school's party branch: the tenant. Its own events live in its own log."""

    @event("Registered")
    def __init__(self, slug: str, name: str):
        self.slug = slug
        self.name = name
        self.plugins: dict[str, dict] = {}   # enabled plugin → settings

    @staticmethod
    def create_id(slug: str, **_):
        return natural_id("school", slug)

    @event("Renamed")
    def rename(self, name: str) -> None:
        self.name = name

    def enable(self, plugin: str, settings: dict) -> None:
        if plugin in self.plugins:
            raise SchoolError("该模块已启用", field="plugin")
        self._enable(plugin=plugin, settings=settings)

    @event("PluginEnabled")
    def _enable(self, plugin: str, settings: dict) -> None:
        self.plugins[plugin] = settings

    def disable(self, plugin: str) -> None:
        if plugin not in self.plugins:
            raise SchoolError("该模块未启用", field="plugin")
        self._disable(plugin=plugin)

    @event("PluginDisabled")
    def _disable(self, plugin: str) -> None:
        del self.plugins[plugin]

    def configure(self, plugin: str, settings: dict, always_on: bool = False) -> None:
        """Replace a plugin's settings; always-on plugins (members) have settings without enabling."""
        if plugin not in self.plugins and not always_on:
            raise SchoolError("请先启用该模块再设置", field="plugin")
        self._configure(plugin=plugin, settings=settings)

    @event("PluginConfigured")
    def _configure(self, plugin: str, settings: dict) -> None:
        self.plugins[plugin] = settings
