"""Rows of the registry as pages, the API and Excel show them (pure: no Flask, no reads)."""
from __future__ import annotations

from datetime import date

from plugins.members import rules

# The columns of the printed and exported rosters, in order.
ROSTER_COLUMNS = ("name", "gender", "ethnicity", "birth_date", "id_number", "education", "category",
                  "job_post", "title", "phone", "party_group", "applied_on", "joined_on", "converted_on")


def member(row, reveal: frozenset, today: date) -> dict:
    """A member row with labels and party age on ``today``; personal fields masked unless revealed."""
    data = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    for field in rules.PERSONAL_FIELDS:
        if field not in reveal:
            data[field] = rules.mask(field, data.get(field))
    age = rules.party_age(data.get("converted_on"), today, data.get("party_age_correction") or 0)
    data["party_age"] = str(age) if age else ""
    data["status_label"] = rules.STATUSES.get(data["status"], data["status"])
    data["gender_label"] = rules.GENDERS.get(data.get("gender"), "")
    data["category_label"] = rules.CATEGORIES.get(data.get("category"), "")
    return data


def transfer(row, today: date) -> dict:
    """A transfer row, with ``overdue``: an outgoing letter past its validity without the receipt back."""
    return {**dict(row._mapping), "overdue": rules.transfer_overdue(
        row.direction, row.valid_until, row.receipt_returned_on is not None, today)}


def roster_headers() -> list[str]:
    return ["序号", *(rules.FIELD_LABELS[c] for c in ROSTER_COLUMNS), "党龄", "党籍状态"]


def roster_cells(index: int, m: dict) -> list:
    values = {**m, "gender": m["gender_label"], "category": m["category_label"]}
    return [index, *(values.get(c) for c in ROSTER_COLUMNS), m["party_age"], m["status_label"]]


def roster_rows(rows: list[dict]) -> list[list]:
    """The roster's cells, one list per member, numbered from 1."""
    return [roster_cells(i, m) for i, m in enumerate(rows, 1)]


def statistics_sheets(s: dict) -> list:
    summary = [("在册党员", s["total"]), ("正式党员", s["full"]), ("预备党员", s["probationary"]),
               ("本年转正", s["converted"])]
    sheets = [("总体", ["项目", "人数"], summary)]
    for key, title in (("by_gender", "性别"), ("by_ethnicity", "民族"), ("by_education", "学历"),
                       ("by_age", "年龄段"), ("by_category", "人员类别"), ("by_status", "党籍状态"),
                       ("added", "本年增加"), ("removed", "本年减少")):
        sheets.append((title, [title if key.startswith("by_") else "类别", "人数"], s[key]))
    return sheets
