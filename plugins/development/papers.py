"""A development case's dossier (发展党员全程纪实表) as an official paper: every one of the 25 steps with
its date, the people and the votes, "无" where a step has not been taken."""
from __future__ import annotations

from uuid import UUID

from core.errors import N_, NotFoundError
from core.papers import OfficialDocument, Paper, header_of, log_position
from plugins.development import queries, rules

COLUMNS = ["步骤", "事项", "日期", "责任主体", "相关人员", "表决情况", "备注"]
GENDERS = {"male": "男", "female": "女"}


def _people(data: dict) -> str | None:
    names = [p.get("name") for key in ("introducers", "contacts") for p in data.get(key) or ()]
    return "、".join(n for n in names if n) or None


def _vote(data: dict) -> str | None:
    vote = data.get("vote")
    if not vote:
        return ("批准" if data["approved"] else "未批准") if "approved" in data else None
    result = "通过" if data.get("passed") else "未通过"
    return (f"应到{vote.get('entitled')}人，实到{vote.get('present')}人，书面意见{vote.get('written_opinions') or 0}人；"
            f"赞成{vote.get('yes')}票，反对{vote.get('no')}票，弃权{vote.get('abstain')}票，{result}")


def dossier(k, tenant: str, case_id) -> object:
    case = queries.get_case(k, tenant, UUID(str(case_id)))
    if case is None:
        raise NotFoundError("case")
    as_of = log_position(k, tenant)
    taken = {}
    for s in queries.case_steps(k, tenant, case.id):
        if s.kind == "step" and not s.superseded:
            taken[s.step] = s            # the latest record of a step counts
    doc = OfficialDocument(header_of(k, tenant), f"发展党员全程纪实表（{case.name}）", landscape=True)
    doc.heading(1, "基本情况")
    doc.fields([("姓名", case.name), ("性别", GENDERS.get(case.gender, case.gender)),
                ("出生日期", case.birth_date), ("工作岗位", case.job_post),
                ("递交入党申请书日期", case.applied_on), ("当前阶段", rules.STATUSES.get(case.status, case.status)),
                ("入党日期", case.joined_on), ("转正日期", case.converted_on)])
    for stage, title in ((1, "入党申请"), (2, "入党积极分子的确定和培养教育"), (3, "发展对象的确定和考察"),
                         (4, "预备党员的接收"), (5, "预备党员的教育考察和转正")):
        doc.heading(1, title)
        rows = []
        for no, step in rules.STEPS.items():
            if step.stage != stage:
                continue
            s = taken.get(no)
            data = dict(s.data or {}) if s else {}
            rows.append((no, step.title, s.happened_on if s else None, step.actor if s else None,
                         _people(data), _vote(data), (s.notes or None) if s else None))
        doc.table(COLUMNS, rows)
    doc.signature(max((s.happened_on for s in taken.values()), default=case.applied_on))
    return doc.file([("case", case.id)] + [("step", f"{case.id}:{no}") for no in sorted(taken)], as_of,
                    filename=f"dossier_{case.applied_on.isoformat()}.docx")


def cases(k, tenant: str) -> list[tuple[str, str]]:
    return [(str(c.id), f"{c.name}（{rules.STATUSES.get(c.status, c.status)}）") for c in queries.list_cases(k, tenant)][:300]


PAPERS = [Paper(code="development.dossier", title=N_("发展党员全程纪实表"), category="development", subject="member",
                render=dossier, choices=cases)]
