"""The district dashboard reads each school's figures and alerts from ``core_school_summaries``
(core.summaries): the same figures and alerts as calling every plugin's hooks per school, a statement
count that does not grow with the district, rows refreshed when a school's events change or the day
changes, and a rebuild equal to the rows kept up incrementally. The helpers the tests share are here."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, select

from core import context
from core.hookspecs import hookimpl
from core.plugins import Alert, Figure, PluginInfo, flatten
from core.summaries import school_summaries
from plugins.members import services as members
from tests.test_hook_calls import _id_number


class Calendar:
    """A plugin whose figure and alert change with the day alone."""

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="calendar", title="日历", always_on=True, order=998)

    @hookimpl
    def zhibu_district_figures(self, tenant, today):
        return [Figure("calendar.left", "年内剩余天数", (date(today.year, 12, 31) - today).days, "天")]

    @hookimpl
    def zhibu_alerts(self, tenant, today):
        return [Alert("info", f"今天是 {today.isoformat()}", source="calendar", due=today)]


def per_school_hooks(k, slugs):
    """What the dashboard computed before the summaries: every plugin's hooks, school by school."""
    today = k.today()
    figures, found = {}, {}
    for slug in slugs:
        hooks = k.hooks(slug)
        per_school = flatten(hooks.zhibu_district_figures(tenant=slug, today=today))
        figures[slug] = {f.key: f for f in sorted(per_school, key=lambda f: (f.order, f.key))}
        found[slug] = flatten(hooks.zhibu_alerts(tenant=slug, today=today))
    return figures, found


def rows(k):
    with k.engine.connect() as conn:
        return {(r.tenant, r.plugin): r for r in conn.execute(select(school_summaries))}


def _member(k, tenant, n):
    with context.acting(context.system("test", source="test")):
        members.register_member(k, tenant, {"name": f"党员{n}", "gender": "male", "id_number": _id_number(n),
                                            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})


@contextmanager
def statements_of(k):
    """The SQL statements ``k``'s engine runs inside the block, each on one line."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(" ".join(statement.split()))
    event.listen(k.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(k.engine, "before_cursor_execute", record)
