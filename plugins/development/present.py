"""Rows → what the pages, the API and the Excel exports of member development show. Pure."""
from __future__ import annotations

from core.masking import mask_id_number
from plugins.development import rules


def case(row, completeness: float, steps: list | None = None, documents: list | None = None,
         hidden: tuple[str, ...] = ()) -> dict:
    """A case as the list, the API and the detail show it: ID number masked; with ``steps`` and
    ``documents`` when given, leaving out the step data fields in ``hidden`` (who cultivates whom)."""
    data = dict(row._mapping)
    data["id_number"] = mask_id_number(data.get("id_number"))
    data["status_label"] = rules.STATUSES.get(row.status, row.status)
    data["stage"] = rules.stage_of(row.next_step) if row.next_step else None
    data["completeness"] = round(completeness, 3)
    if steps is not None:
        data["steps"] = [{**dict(s._mapping), "title": rules.STEPS[s.step].title,
                          "data": {f: v for f, v in (s.data or {}).items() if f not in hidden}}
                         for s in steps]
    if documents is not None:
        data["documents"] = [{**dict(d._mapping), "title": rules.RECORDS.get(d.code, d.code)}
                             for d in documents]
    return data


EXPORT_HEADERS = ["姓名", "性别", "人员类别", "工作岗位", "申请入党日期", "当前状态", "下一步骤", "确定积极分子日期",
                  "确定发展对象日期", "入党日期", "预备期满", "转正日期", "逾期步骤数"]


def export_row(r) -> list:
    """One case in the Excel export of every case."""
    return [r.name, rules.GENDERS.get(r.gender, ""), rules.CATEGORIES.get(r.category, ""), r.job_post or "",
            r.applied_on, rules.STATUSES.get(r.status), rules.STEPS[r.next_step].title if r.next_step else "",
            r.activist_on, r.target_on, r.joined_on, r.probation_end, r.converted_on, r.late_steps]


WORKLIST_HEADERS = ["姓名", "当前状态", "待办事项", "期限", "最早可办日期", "逾期", "依据"]


def worklist_row(i) -> list:
    """One work item in the Excel export of the work list."""
    return [i.name, i.status_label, i.title, i.due, i.earliest, "逾期" if i.overdue else "", i.rule]


ROSTER_COLUMNS = ["姓名", "性别", "出生日期", "人员类别", "工作岗位", "申请入党日期", "确定积极分子日期",
                  "确定发展对象日期", "入党日期", "预备期满日期"]


def roster_row(row) -> list:
    return [row.name, rules.GENDERS.get(row.gender, ""), row.birth_date, rules.CATEGORIES.get(row.category, ""),
            row.job_post or "", row.applied_on, row.activist_on, row.target_on, row.joined_on, row.probation_end]


def rosters(as_of, data: dict[str, list]) -> dict:
    """The rosters as the API answers them: each row with its case id."""
    return {"as_of": as_of, **{kind: [{**dict(r._mapping), "case_id": r.id} for r in rows]
                               for kind, rows in data.items()}}


def late_case(c, recorded_on) -> dict:
    """A case entered late, as the API answers it."""
    return {"id": c.id, "name": c.person["name"], "status": c.status, "current_step": max(c.steps),
            "applied_on": c.applied_on, "recorded_on": recorded_on, "member_id": c.member_id, "late": True}
