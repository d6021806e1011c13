"""What the registry hands to shared pages: the home-page widget, alerts, district figures, evidence.

No Flask: alerts name endpoints; the core turns them into links.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from core.errors import N_
from core.kernel import Kernel
from core.plugins import ReportPeriod, SummaryFact, summary_facts_from
from core.plugins import Alert, Evidence, Figure, MySection, Phrase, ReportFigure, Widget
from plugins.members import queries, rules, services
from plugins.members.domain import Organisation


def organisation_state(k: Kernel, tenant: str, on: date) -> dict:
    """Committee in office, term dates and status, size warnings, counts on ``on`` (once per request)."""
    return dict(k.per_request(("members.organisation_state", tenant, on), lambda: _organisation_state(k, tenant, on)))


def _organisation_state(k: Kernel, tenant: str, on: date) -> dict:
    config = services.org_rules(k, tenant, on)
    counts = queries.counts(k, tenant)
    total = sum(n for status, n in counts.items() if status in rules.ON_ROLL)
    full = counts.get("full", 0)
    seats = queries.committee_on(k, tenant, on)
    org = queries.get_organisation(k, tenant)
    term_end = org.term_end if org else None
    return {
        "total": total, "full": full, "probationary": counts.get("probationary", 0),
        "seats": seats, "term_start": org.term_start if org else None, "term_end": term_end,
        "term_status": rules.term_status(term_end, on, config.term_warning_months),
        "warnings": rules.size_warnings(full, total, len(seats),
                                        any(s.post == "secretary" for s in seats), config),
        "rules": config,
    }


def home_widgets(k: Kernel, tenant: str, today: date) -> list[Widget]:
    state = organisation_state(k, tenant, today)
    return [Widget(title="党员队伍", template="members/widgets/roll.html", context={"roll": state}, order=10)]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    """The registry's to-dos, for its editors, each linked to the page where it is done."""
    return [Alert(level=n.level, text=n.text, source="members", due=n.due, action="members.edit",
                  endpoint=n.endpoint, values={"tenant": tenant})
            for n in notices(k, tenant, today)]


def district_figures(k: Kernel, tenant: str, today: date) -> list[Figure]:
    state = organisation_state(k, tenant, today)
    return [Figure(key="members.on_roll", label="在册党员", value=state["total"], unit="名", order=10),
            Figure(key="members.full", label="正式党员", value=state["full"], unit="名", order=11),
            Figure(key="members.probationary", label="预备党员", value=state["probationary"], unit="名",
                   order=12),
            Figure(key="members.term", label="支委任期", value=str(state["term_end"] or "未登记"),
                   status={"expired": "danger", "ending": "warning"}.get(state["term_status"],
                                                                       "ok" if state["term_end"] else "warning"),
                   order=13)]


def assessment_evidence(k: Kernel, tenant: str, year: int) -> list[Evidence]:
    return [Evidence(item="members.committee", **committee_evidence(k, tenant, year))]


@dataclass(frozen=True)
class Notice:
    level: str
    text: str
    endpoint: str | None
    due: date | None = None


def notices(k: Kernel, tenant: str, today: date) -> list[Notice]:
    state = organisation_state(k, tenant, today)
    config = state["rules"]
    out: list[Notice] = []
    # With organisational life enabled, its term reminders (6 and 3 months before, monthly once over)
    # replace these two, so a school is not told the same thing twice.
    term_status = None if "orglife" in k.enabled_plugins(tenant) else state["term_status"]
    if term_status == "expired":
        out.append(Notice("danger", f"支部委员会任期已于 {state['term_end']} 届满，请按期换届",
                          "members.organisation", state["term_end"]))
    elif term_status == "ending":
        out.append(Notice("warning", f"支部委员会任期将于 {state['term_end']} 届满，请做好换届准备",
                          "members.organisation", state["term_end"]))
    for text in state["warnings"]:
        out.append(Notice("warning", text, "members.organisation"))
    for row in queries.overdue_transfers(k, tenant, today):
        out.append(Notice("warning", f"{row.member_name} 的组织关系介绍信（{row.letter_no}）已过有效期，回执尚未返回",
                          "members.transfers", row.valid_until))
    cutoff = rules.add_months(today, -config.lost_contact_months)
    for row in queries.lost_contact_since(k, tenant, cutoff):
        out.append(Notice("danger", f"{row.name} 失去联系已满 {config.lost_contact_months} 个月，应按规定停止党籍",
                          "members.index", row.status_since))
    return out


def committee_evidence(k: Kernel, tenant: str, year: int) -> dict:
    """Five Goods item ``members.committee``: committee complete and its term current."""
    on = min(k.today(), date(year, 12, 31))
    state = organisation_state(k, tenant, on)
    posts = {s.post for s in state["seats"]}
    needs_committee = state["full"] >= state["rules"].committee_required_full
    complete = "secretary" in posts and (not needs_committee or len(state["seats"]) >= state["rules"].committee_min)
    current = state["term_end"] is not None and state["term_status"] != "expired"
    ratio = (0.5 if complete else 0.0) + (0.5 if current else 0.0)
    parts = ["班子齐全" if complete else "班子不齐全（缺书记或委员不足）",
             f"任期至 {state['term_end']}" + ("，已届满" if state["term_status"] == "expired" else "")
             if state["term_end"] else "未登记任期"]
    links = []
    org_id = Organisation.create_id(tenant)
    if k.exists(tenant, org_id):
        log = k.stores.log(tenant)
        events = [{"id": str(e.originator_id), "version": e.originator_version}
                  for e in log.events.get(org_id)
                  if type(e).__name__ in ("CommitteeElected", "SeatFilled", "SeatVacated")]
        links.append({"label": "支部委员会换届与任职记录", "url": None, "events": events})
    return {"score_ratio": ratio, "summary": "；".join(parts),
            "figures": {"委员人数": len(state["seats"]), "正式党员": state["full"],
                        "任期届满": str(state["term_end"] or "")}, "links": links}


def linked_member(k: Kernel, tenant: str, username: str) -> UUID | None:
    """The member a login account is at this school (the account link kept on the member's page)."""
    return queries.member_for_user(k, tenant, username)


def my_sections(k: Kernel, tenant: str, member_id: UUID) -> list[MySection]:
    """The member's own standing in the registry ("我的"): status, party group and the dates that count."""
    row = queries.get_member(k, tenant, member_id)
    if row is None:
        return []
    figures = [("姓名", row.name, ""), ("党员状态", Phrase(rules.STATUSES.get(row.status, row.status)), ""),
               ("党小组", row.party_group or "—", ""),
               ("入党日期", row.joined_on.isoformat() if row.joined_on else "—", ""),
               ("转正日期", row.converted_on.isoformat() if row.converted_on else "—", "")]
    return [MySection(key="members", title="我的党员信息", order=10, figures=figures, link_label="查看我的党员信息",
                      endpoint="members.detail", values={"tenant": tenant, "member_id": member_id})]


# A stable key and a label for each kind of sanction, in the order of ``rules.SANCTIONS``.
SANCTION_KEYS = {"warning": N_("警告处分（期内）"), "serious_warning": N_("严重警告处分（期内）"),
                 "removal": N_("撤销党内职务处分（期内）"), "probation": N_("留党察看处分（期内）"),
                 "expulsion": N_("开除党籍处分（期内）")}


def report_figures(k: Kernel, tenant: str, period) -> list[ReportFigure]:
    """The roll at the period's last day (by category), the members admitted during it and the
    sanctions (处分) given during it, by kind, by the dates in the world (a member entered late counts
    in the period of their admission)."""
    roll = queries.roster_on(k, tenant, period.last)
    moved = queries.movements_in(k, tenant, period.first, period.last)
    out = [ReportFigure("members.total", N_("党员总数（期末）"), len(roll), "人", 10),
           ReportFigure("members.full", N_("正式党员（期末）"), sum(r["status"] == "full" for r in roll), "人", 11),
           ReportFigure("members.probationary", N_("预备党员（期末）"),
                        sum(r["status"] == "probationary" for r in roll), "人", 12),
           ReportFigure("members.new", N_("新发展党员（期内）"), moved.get("admitted", 0), "人", 13)]
    for n, (code, label) in enumerate(rules.CATEGORIES.items()):
        out.append(ReportFigure(f"members.category.{code}", N_("%(category)s党员（期末）", category=label),
                                sum(r["category"] == code for r in roll), "人", 20 + n))
    given = queries.sanctions_between(k, tenant, period.first, period.last)
    out.append(ReportFigure("members.sanctions", N_("党纪处分（期内）"), sum(given.values()), "人次", 25))
    for n, (code, label) in enumerate(SANCTION_KEYS.items()):
        out.append(ReportFigure(f"members.sanctions.{code}", label, given.get(rules.SANCTIONS[n], 0), "人次", 26 + n))
    return out


SUMMARY_SENTENCES = {
    "members.total": ("affairs", "截至年底，支部共有党员{value}{unit}。"),
    "members.full": ("affairs", "其中正式党员{value}{unit}。"),
    "members.probationary": ("affairs", "预备党员{value}{unit}。"),
    "members.new": ("development", "全年新发展党员{value}{unit}。"),
}


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """The year's figures for the work summary (年度党建工作总结), each with its sentence and source."""
    values = {"tenant": tenant, "year": year} if "members.index" in ("plans.plan", "dues.publication") else {"tenant": tenant}
    return summary_facts_from(report_figures(k, tenant, ReportPeriod.parse(str(year))), SUMMARY_SENTENCES,
                              "members.index", values)
