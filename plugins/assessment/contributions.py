"""What this plugin contributes to shared pages: navigation, reminders, the home widget, district figures,
and its own Five Goods evidence (``assessment.evaluation``: the democratic evaluation was held)."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID


from core.kernel import Kernel
from core.plugins import Alert, Disclosable, Evidence, Figure, MyItem, MySection, NavItem, Phrase, SummaryFact, Widget
from plugins.assessment import queries, rules, services
from plugins.assessment.domain import ids
from plugins.members import public as members
from core.tenancy.queries import records_from


def nav_items() -> list[NavItem]:
    return [NavItem(label="五好支部考核", endpoint="assessment.index", order=60),
            NavItem(label="民主评议党员", endpoint="assessment.evaluation_index", order=61)]


def district_nav_items() -> list[NavItem]:
    return [NavItem(label="五好考核", endpoint="assessment_district.sets", order=40)]


def home_widgets(k: Kernel, tenant: str, username: str, today: date) -> list[Widget]:
    context = widget_context(k, tenant, username, today)
    return [Widget(title="考核评议", template="assessment/widgets/summary.html", context=context, order=60)]


def alerts(k: Kernel, tenant: str, today: date) -> list[Alert]:
    cfg = services.settings(k, tenant)
    grace, lead = cfg["self_check_grace_days"], cfg["reminder_days"]
    out: list[Alert] = []
    roster = None
    start = records_from(k, tenant) or date.min
    for year, period in [(y, p) for y in (today.year - 1, today.year) for p in rules.PERIODS]:
        due = rules.period_due(year, period, grace)
        if due < start:
            continue  # due before the school's records in Zhibu start: kept on paper
        if not due - timedelta(days=lead) <= today <= due + timedelta(days=45):
            continue  # remind from ``lead`` days before the due date until 45 days after it
        done = {r.subject for r in queries.list_self_checks(k, tenant, year) if r.period == period}
        if period in rules.MEMBER_PERIODS:
            roster = roster if roster is not None else members.list_members(k, tenant, ("full", "probationary"))
            missing = [m for m in roster if str(m.id) not in done]
            if not missing:
                continue
            text = f"{year}年{rules.PERIODS[period]}：还有 {len(missing)} 名党员未提交"
        else:
            if "branch" in done:
                continue
            text = f"支部尚未提交{year}年{rules.PERIODS[period]}"
        late = today > due
        out.append(Alert(level="danger" if late else "warning", text=text + ("（已逾期）" if late else ""),
                         endpoint="assessment.self_checks", values={"tenant": tenant, "year": year}, source="assessment", due=due,
                         action="assessment.evaluate"))
    if today.month >= 11 and queries.get_round(k, tenant, today.year) is None:
        out.append(Alert(level="info", text=f"尚未开展{today.year}年度民主评议党员（通常在年底进行）",
                         endpoint="assessment.evaluation_index", values={"tenant": tenant}, source="assessment", due=date(today.year, 12, 31),
                         action="assessment.evaluate"))
    for track in queries.list_tracks(k, tenant):
        if track.measure == "correct" and track.status == "approved" and track.deadline and track.deadline <= today:
            out.append(Alert(level="danger", text=f"{track.member_name}限期改正已到期，请作出办结结论",
                             endpoint="assessment.track_detail", values={"tenant": tenant, "track_id": track.id}, source="assessment",
                             due=track.deadline, action="assessment.handle"))
    current = queries.get_assessment(k, tenant, today.year)
    if queries.get_set(k, today.year) is not None and (current is None or current.status == "self") \
            and today.month >= 10:
        out.append(Alert(level="info", text=f"{today.year}年度五好支部考核：请完成支部自评并提交",
                         endpoint="assessment.index", values={"tenant": tenant}, source="assessment", action="assessment.self_assess"))
    return out


def widget_context(k: Kernel, tenant: str, username: str, today: date) -> dict:
    linked = members.member_for_user(k, tenant, username)
    evaluation = queries.get_round(k, tenant, today.year) or queries.get_round(k, tenant, today.year - 1)
    own = queries.round_member(k, tenant, evaluation.year, linked) \
        if evaluation is not None and linked is not None else None
    return {"assessment": queries.get_assessment(k, tenant, today.year) or queries.last_published(k, tenant),
            "evaluation": evaluation, "own": own if evaluation and evaluation.status == "published" else None,
            "grades": rules.GRADES}


def district_figures(k: Kernel, tenant: str) -> list[Figure]:
    row = queries.last_published(k, tenant)
    if row is None:
        return [Figure(key="assessment.grade", label="五好考核", value="未考核", status="warning", order=60)]
    status = "ok" if row.grade == row.grade_bands[0]["grade"] else (
        "danger" if row.grade == row.grade_bands[-1]["grade"] else "warning")
    return [Figure(key="assessment.grade", label="五好考核", value=f"{row.year} {row.grade}（{row.total:g}分）",
                   status=status, order=60)]


def evidence(k: Kernel, tenant: str, year: int) -> list[Evidence]:
    """Was the year's democratic evaluation held and its results published (and so reported)?"""
    if not k.exists(tenant, ids.round_id(tenant, year)):
        return [Evidence(item="assessment.evaluation", score_ratio=0.0, summary=f"{year}年度未开展民主评议党员",
                         figures={"held": False})]
    row = queries.get_round(k, tenant, year)
    published = row is not None and row.status == "published"
    ratio = 1.0 if published else 0.5
    return [Evidence(
        item="assessment.evaluation", score_ratio=ratio,
        summary=(f"{year}年度民主评议已完成：{row.ballots} 人投票，结果已公布并上报" if published
                 else f"{year}年度民主评议已开始，尚未公布结果"),
        figures={"held": True, "published": published, "ballots": row.ballots if row else 0,
                 "full_members": row.full_count if row else 0},
        links=[{"label": f"{year}年度民主评议", "url": f"/t/{tenant}/assessment/evaluation/{year}",
                "events": [{"id": str(ids.round_id(tenant, year)), "version": row.version}]}])]


def my_sections(k: Kernel, tenant: str, member_id: UUID, today: date) -> list[MySection]:
    """The member's own results of the democratic evaluation (民主评议党员): a grade only once the
    branch has published the round; before that, only that it is under way."""
    items = []
    for row in queries.member_rounds(k, tenant, member_id):
        if row.round_status == "published":
            items.append(MyItem(title=Phrase("%(year)s年度民主评议", {"year": row.year}),
                                details=[("公布日期", row.published_on.isoformat())] if row.published_on else [],
                                status=rules.GRADES.get(row.grade, row.grade) if row.grade else "未评定等次",
                                level="ok" if row.grade in ("excellent", "qualified") else "warning",
                                url=f"/t/{tenant}/assessment/evaluation/{row.year}"))
        else:
            items.append(MyItem(title=Phrase("%(year)s年度民主评议", {"year": row.year}), status="评议进行中", level="info",
                                url=f"/t/{tenant}/assessment/evaluation/{row.year}"))
    return [MySection(key="assessment", title="我的评议结果", order=60, items=items, empty="尚无公布的评议结果")]


def disclosable(k: Kernel, tenant: str, since: date, until: date) -> list[Disclosable]:
    """The results of each democratic evaluation of members (民主评议党员) published from ``since`` to
    ``until``: how many members were rated in each grade, never who voted what."""
    out = []
    for r in queries.list_rounds(k, tenant):
        if r.published_on is None or not since <= r.published_on <= until:
            continue
        grades: dict[str, int] = {}
        for m in queries.list_round_members(k, tenant, r.id):
            if m.grade:
                grades[m.grade] = grades.get(m.grade, 0) + 1
        out.append(Disclosable(kind="assessment.evaluation", key=f"assessment.evaluation:{r.year}",
                               title=f"{r.year}年度民主评议党员结果", event_date=r.published_on,
                               text=f"{r.year}年度民主评议党员：参评 {sum(grades.values())} 人，"
                                    + "，".join(f"{g} {n} 人" for g, n in grades.items()) + "。",
                               columns=("等次", "人数"), rows=tuple((g, n) for g, n in grades.items()),
                               endpoint="assessment.evaluation", values={"tenant": tenant, "year": r.year}))
    return out


def summary_facts(k: Kernel, tenant: str, year: int) -> list[SummaryFact]:
    """创先争优与五个好 of the year's work summary: the Five Goods self-assessment (and the district's
    grade once published), the democratic evaluation's participants and published grades, each linked
    to its page. A year without the record contributes nothing."""
    out: list[SummaryFact] = []
    sheet = {"tenant": tenant, "year": year}
    assessment = queries.get_assessment(k, tenant, year)
    if assessment is not None and assessment.self_total is not None:
        out.append(SummaryFact(key="assessment.five_goods.self_total", section="excellence",
                               sentence="开展“五个好”党支部创建，对照考核指标自评得分{value}{unit}。",
                               value=_points(assessment.self_total), unit="分", endpoint="assessment.sheet",
                               values=sheet, order=60))
    if assessment is not None and assessment.status == "published" and assessment.grade:
        out.append(SummaryFact(key="assessment.five_goods.grade", section="excellence",
                               sentence="经上级考核，得分{value}{unit}", value=_points(assessment.total),
                               unit="分", endpoint="assessment.sheet", values=sheet, order=61))
        out.append(SummaryFact(key="assessment.five_goods.level", section="excellence",
                               sentence="，评定为“{value}”。", value=str(assessment.grade), endpoint="assessment.sheet",
                               values=sheet, order=62))
    row = queries.get_round(k, tenant, year)
    if row is None:
        return out
    people = queries.list_round_members(k, tenant, row.id)
    out.append(SummaryFact(key="assessment.evaluation.members", section="excellence",
                           sentence="开展民主评议党员，参评党员{value}{unit}", value=len(people), unit="名",
                           endpoint="assessment.evaluation", values=sheet, order=63))
    if row.status != "published":
        out.append(SummaryFact(key="assessment.evaluation.published", section="excellence",
                               sentence="，评议结果尚未公布（{value}）。", value="评议中", endpoint="assessment.evaluation",
                               values=sheet, order=64))
        return out
    graded = [p.grade for p in people if p.grade]
    for n, (grade, label) in enumerate(rules.GRADES.items()):
        out.append(SummaryFact(key=f"assessment.evaluation.{grade}", section="excellence",
                               sentence=("，其中" if n == 0 else "，") + label + "{value}{unit}" +
                               ("。" if n == len(rules.GRADES) - 1 else ""),
                               value=graded.count(grade), unit="名", endpoint="assessment.evaluation", values=sheet,
                               order=64 + n))
    return out


def _points(value) -> Decimal:
    """A score as shown: one decimal place at most, no trailing zero (96.5, 90)."""
    return Decimal(str(round(float(value), 1))).normalize() if value is not None else Decimal(0)
