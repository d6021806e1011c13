"""Fixtures of the disclosure tests: a source of disclosable facts the test controls (a plugin that
implements ``zhibu_disclosable``, like dues or meetings do), and a system command context."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from core import context
from core.hookspecs import hookimpl
from core.plugins import Disclosable, PluginInfo


def system():
    return context.acting(context.system("test", source="test"))


class Source:
    """Offers the facts in ``facts`` (tenant → [Disclosable]) whose day is in the asked range."""

    def __init__(self):
        self.facts: dict[str, list] = {}

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="source", title="来源", always_on=True, order=999)

    @hookimpl
    def zhibu_disclosable(self, k, tenant, since, until):
        return [f for f in self.facts.get(tenant, []) if since <= f.event_date <= until]

    def add(self, tenant: str, key: str, title: str, on: date, kind: str = "meetings.decision", **more) -> Disclosable:
        fact = Disclosable(kind=kind, key=key, title=title, event_date=on, text=more.pop("text", f"{title}的公开内容"),
                           **more)
        self.facts.setdefault(tenant, []).append(fact)
        return fact


@pytest.fixture
def source():
    return Source()


@pytest.fixture
def extra_plugins(source):
    return (source,)


def day(y: int, m: int, d: int) -> datetime:
    """10:00 Beijing time on a day, for ``clock.set``."""
    return datetime(y, m, d, 2, 0, tzinfo=timezone.utc)
