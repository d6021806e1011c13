"""A test-only plugin that hands every school figures and alerts computed from its number ("d007" → 7),
so the district dashboard can be tried on hundreds of schools without demo data in each."""
from __future__ import annotations

from core.hookspecs import hookimpl
from core.plugins import Alert, Figure, PluginInfo


def number(slug: str) -> int:
    return int(slug.lstrip("d")) if slug.lstrip("d").isdigit() else 0


def members(n: int) -> int:
    return (n * 7) % 41


def rate(n: int) -> float:
    return round(40 + (n * 37 % 601) / 10, 1)   # 40.0 … 100.0


def grade(n: int) -> str:
    return ("好", "较好", "一般", "未考核")[n % 4]


def alerts(n: int) -> list[tuple[str, str, int]]:
    """(level, kind, how many alerts of that kind) the school with number n has."""
    out = []
    if n % 10 == 3:
        out.append(("danger", "overdue", 2 + n % 3))
    if n % 4 == 1:
        out.append(("warning", "soon", 2))
    out.append(("info", "todo", 1))
    return out


EXTRA = 10   # more figures, so that the page has as many columns and charts as the real district's 17


class Scale:
    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="scale", title="规模测试", always_on=True, order=998)

    @hookimpl
    def zhibu_district_figures(self, k, tenant, today):
        n = number(tenant)
        return [Figure("scale.members", "规模党员", members(n), "名", order=1),
                Figure("scale.rate", "规模收缴率", rate(n), "%", "warning" if rate(n) < 60 else "ok", order=2),
                Figure("scale.grade", "规模考核", grade(n), order=3),
                *[Figure(f"scale.extra{i}", f"规模指标{i}", (n * i) % 23, "项", order=3 + i) for i in range(1, EXTRA + 1)]]

    @hookimpl
    def zhibu_alerts(self, k, tenant, today):
        n = number(tenant)
        words = {"overdue": "规模事项已逾期（第 %s 项）", "soon": "规模事项即将到期（第 %s 项）", "todo": "规模待办（第 %s 项）"}
        endpoint = {"overdue": "shell.school_home", "soon": None, "todo": None}
        return [Alert(level, f"{tenant} " + words[kind] % i, source="scale", endpoint=endpoint[kind],
                      values={"tenant": tenant} if endpoint[kind] else {})
                for level, kind, count in alerts(n) for i in range(1, count + 1)]
