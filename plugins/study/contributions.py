"""What study and training hours contribute to shared pages: navigation, alerts (who is behind and
why), a member's own hours ("我的"), Five Goods evidence and report figures. Read-only."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.kernel import Kernel
from core.errors import N_
from core.plugins import Alert, Evidence, MyItem, MySection, NavItem, Phrase, RecordLink, ReportFigure
from plugins.study import queries, rules


def nav_items() -> list[NavItem]:
    return [NavItem(label="学习学时", endpoint="study.index", order=56)]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    out = []
    for s in queries.standing(k, tenant, today.year, today):
        if s.reason:
            out.append(Alert("warning", f"{s.name}：{s.reason}", source="study", action="study.view",
                             endpoint="study.standing", values={"tenant": tenant, "year": today.year}))
    return out


def my_sections(k: Kernel, tenant: str, member_id: UUID, today: date) -> list[MySection]:
    """The member's own hours of the year and the sessions that credited them (only theirs)."""
    mine = [c for c in queries.credits(k, tenant, today.year) if c["member_id"] == str(member_id)]
    away = queries.list_elsewhere(k, tenant, today.year, member_id=member_id)
    done = sum(c["hours_x10"] for c in mine) + sum(r.hours_x10 for r in away)
    row = next((s for s in queries.standing(k, tenant, today.year, today) if s.member_id == member_id), None)
    required = row.required if row else 0
    items = [MyItem(title=c["title"], details=[("类型", Phrase(rules.KINDS.get(c["kind"], c["kind"]))),
                                               ("日期", c["held_on"].isoformat()),
                                               ("学时", rules.hours_text(c["hours_x10"]))],
                    status=Phrase("已计入"), level="ok")
             for c in sorted(mine, key=lambda c: c["held_on"], reverse=True)]
    items += [MyItem(title=r.title, details=[("组织学习的党组织", r.organiser), ("日期", r.held_on.isoformat()),
                                             ("学时", rules.hours_text(r.hours_x10))],
                     status=Phrase("在流入地参加，已计入"), level="ok") for r in away]
    level = "ok" if done >= required * 10 else "warning"
    return [MySection(key="study", title="我的学时", order=45, items=items,
                      figures=[("本年度学时", f"{rules.hours_text(done)} / {required}", level)],
                      empty="本年度尚无计入的学时", link_label="填报网络学习",
                      endpoint="study.mine", values={"tenant": tenant})]


def _counts(k: Kernel, tenant: str, year: int, today: date) -> tuple[int, int, int]:
    rows = queries.standing(k, tenant, year, today)
    return len(rows), sum(1 for s in rows if s.met), sum(s.hours_x10 for s in rows)


def assessment_evidence(k: Kernel, tenant: str, year: int) -> list[Evidence]:
    total, met, hours = _counts(k, tenant, year, k.today())
    return [Evidence(item="study.hours", score_ratio=round(met / total, 4) if total else 0.0,
                     summary=f"{year} 年党员 {total} 人，达到学时要求 {met} 人，共计 {rules.hours_text(hours)} 学时",
                     figures={"members": total, "met": met, "hours": hours / 10},
                     links=[{"label": "学习学时", "url": f"/t/{tenant}/study/standing?year={year}"}]),
            _integrity_evidence(k, tenant, year, total)]


def _integrity_evidence(k: Kernel, tenant: str, year: int, total: int) -> Evidence:
    """Integrity education (廉洁教育) through study: members credited with at least one such session."""
    rows = [c for c in queries.credits(k, tenant, year) if c["kind"] == "integrity"]
    reached = len({c["member_id"] for c in rows})
    sessions = len({c["session_id"] for c in rows})
    return Evidence(item="study.integrity_education", score_ratio=round(min(reached, total) / total, 4) if total else 0.0,
                    summary=f"{year} 年开展廉洁教育学习 {sessions} 次，参加党员 {reached} 人（共 {total} 人）",
                    figures={"sessions": sessions, "members": reached, "total": total},
                    links=[{"label": "学习记录", "url": f"/t/{tenant}/study/?year={year}"}])


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    year = period.first.year
    rows = queries.credits(k, tenant, year)
    hours = sum(c["hours_x10"] for c in rows if period.first <= c["held_on"] <= period.last)
    total, met, _ = _counts(k, tenant, year, k.today())
    return [ReportFigure(key="study.hours", label="党员学习学时合计", value=hours / 10, unit="学时", order=60),
            ReportFigure(key="study.members_met", label="达到年度学时要求的党员", value=met, unit="人", order=61)]


def record_links(k: Kernel, tenant: str, record: str, record_id) -> list[RecordLink]:
    """On a member-away record (``care.away``, ``record_id`` the member's id): the sessions they took part
    in where they are (流入地), each one, and the form to record one."""
    if record != "care.away":
        return []
    out = [RecordLink(N_("在流入地参加学习：%(day)s %(title)s（%(organiser)s），%(hours)s 学时",
                         day=r.held_on.isoformat(), title=r.title, organiser=r.organiser,
                         hours=rules.hours_text(r.hours_x10)), "study.elsewhere",
                      {"tenant": tenant, "year": r.held_on.year}, 30 + n)
           for n, r in enumerate(x for x in queries.member_elsewhere(k, tenant, record_id) if x.active)]
    return out + [RecordLink(N_("登记在流入地参加的学习"), "study.elsewhere",
                             {"tenant": tenant, "member_id": str(record_id)}, 29)]
