"""The school (学校党支部) aggregate, recorded in the district log."""
from __future__ import annotations

import re
from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from core.ids import natural_id

SLUG = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
RESERVED = {"district", "audit", "api", "static", "login", "logout", "account"}


class SchoolError(DomainError):
    pass


class SettingsError(SchoolError):
    """A plugin's settings refused by its schema: ``errors`` holds every problem, field → sentences."""

    def __init__(self, message: str, errors: dict):
        super().__init__(message, field="settings")
        self.errors = errors


def check_slug(slug: str) -> None:
    if not SLUG.match(slug or "") or slug in RESERVED:
        raise SchoolError(N_("学校代码须以小写字母开头，只含小写字母、数字和连字符（2–40 位）"), field="slug")


class School(Aggregate):
    """One school's party branch: the tenant. Its own events live in its own log.

    ``records_from`` is the day the school's records in Zhibu start (None: the day it was
    registered). Obligations and compliance are counted from it, never before.
    """

    records_from: date | None = None

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
            raise SchoolError(N_("该模块已启用"), field="plugin")
        self._enable(plugin=plugin, settings=settings)

    @event("PluginEnabled")
    def _enable(self, plugin: str, settings: dict) -> None:
        self.plugins[plugin] = settings

    def disable(self, plugin: str) -> None:
        if plugin not in self.plugins:
            raise SchoolError(N_("该模块未启用"), field="plugin")
        self._disable(plugin=plugin)

    @event("PluginDisabled")
    def _disable(self, plugin: str) -> None:
        del self.plugins[plugin]

    def configure(self, plugin: str, settings: dict, always_on: bool = False) -> None:
        """Replace a plugin's settings; always-on plugins (members) have settings without enabling."""
        if plugin not in self.plugins and not always_on:
            raise SchoolError(N_("请先启用该模块再设置"), field="plugin")
        self._configure(plugin=plugin, settings=settings)

    @event("PluginConfigured")
    def _configure(self, plugin: str, settings: dict) -> None:
        self.plugins[plugin] = settings

    def start_records(self, on: date, reason: str, today: date) -> None:
        """Say from which day the school's records are kept in Zhibu (the district, with a reason)."""
        reason = (reason or "").strip()
        if not reason:
            raise SchoolError(N_("请填写修改原因"), field="reason")
        if not isinstance(on, date) or on > today:
            raise SchoolError(N_("记录起始日期不能晚于今天"), field="records_from")
        if on < date(2000, 1, 1):
            raise SchoolError(N_("记录起始日期不能早于 2000 年"), field="records_from")
        if on == self.records_from:
            raise SchoolError(N_("记录起始日期没有变化"), field="records_from")
        self._records_started(records_from=on, reason=reason)

    @event("RecordsStartChanged")
    def _records_started(self, records_from: date, reason: str) -> None:
        self.records_from = records_from
