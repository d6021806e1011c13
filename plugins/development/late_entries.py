"""Development cases already under way before they were entered (补录), several at once: rows →
commands. Pure.

One row per person: 姓名, 性别, 身份证号, 人员类别, then the date of each step already done, in the
plugin's own order (steps 1–7, up to 确定发展对象), 培养联系人 (the names of the 1–2 full members
assigned at step 5, separated by ``、``), 逾期原因 (for a step that was past its deadline) and 备注.
The last date given is the case's current step. ``services.open_late_cases`` checks every row
against the rules and saves all or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from core.table_input import parse_date, without_header
from plugins.development import rules

LAST_STEP = 7   # later steps need introducers, publicity, training hours and votes: enter them one by one
STEP_COLUMNS = [(no, rules.STEPS[no].title) for no in range(1, LAST_STEP + 1)]
PERSON_COLUMNS = ["姓名", "性别", "身份证号", "人员类别"]
COLUMNS = [*PERSON_COLUMNS, *(title for _, title in STEP_COLUMNS), "培养联系人", "逾期原因", "备注"]
EXAMPLE = "李晓明\t男\t110105199503151235\t教师\t2024-03-01\t2024-03-20\t2024-09-10\t2024-09-20" \
          "\t2024-09-25\t2024-09-25\t\t老党员0、老党员1\t\t"
GENDER_BY_LABEL = {**{label: code for code, label in rules.GENDERS.items()}, **{c: c for c in rules.GENDERS}}
CATEGORY_BY_LABEL = {**{label: code for code, label in rules.CATEGORIES.items()}, **{c: c for c in rules.CATEGORIES}}


@dataclass
class LateCase:
    number: int
    person: dict = field(default_factory=dict)
    dates: dict[int, date] = field(default_factory=dict)
    contacts: list[str] = field(default_factory=list)   # member ids
    contact_names: list[str] = field(default_factory=list)
    late_reason: str = ""
    notes: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def current_step(self) -> str:
        return rules.STEPS[max(self.dates)].title if self.dates else ""

    def command(self) -> dict:
        return {"number": self.number, "person": dict(self.person), "dates": dict(self.dates),
                "contacts": list(self.contacts), "late_reason": self.late_reason, "notes": self.notes}


def read(rows: list[list[str]], people: dict[str, list[str]]) -> list[LateCase]:
    """``people``: a member's name → their ids (for the cultivation contacts)."""
    out = []
    for number, cells in without_header(rows, COLUMNS[0]):
        cells = (cells + [""] * len(COLUMNS))[:len(COLUMNS)]
        name, gender, id_number, category = cells[:4]
        step_cells = cells[4:4 + LAST_STEP]
        contacts, late_reason, notes = cells[4 + LAST_STEP:]
        row = LateCase(number, late_reason=late_reason, notes=notes,
                       person={"name": name, "gender": GENDER_BY_LABEL.get(gender, gender),
                               "id_number": id_number, "category": CATEGORY_BY_LABEL.get(category, category)})
        for (no, title), text in zip(STEP_COLUMNS, step_cells):
            if not text:
                continue
            try:
                row.dates[no] = parse_date(text)
            except ValueError:
                row.errors.append(f"「{title}」日期「{text}」无法识别（如 2024-03-15）")
        done = [no for (no, _), text in zip(STEP_COLUMNS, step_cells) if text]
        missing = [title for no, title in STEP_COLUMNS if done and no < max(done) and no not in done]
        if not done:
            row.errors.append(f"请至少填写「{STEP_COLUMNS[0][1]}」日期")
        elif missing:
            row.errors.append("请按顺序填写已办理步骤的日期，缺少：" + "、".join(missing))
        for contact in [p.strip() for p in re.split(r"[、，,；;]", contacts) if p.strip()]:
            ids = people.get(contact, [])
            if len(ids) != 1:
                row.errors.append(f"培养联系人「{contact}」" + ("不在名册上" if not ids else "有重名，请在档案页面逐个登记"))
            else:
                row.contacts.append(ids[0])
                row.contact_names.append(contact)
        if row.contacts and 5 not in done:
            row.errors.append("填写了培养联系人，但未填写「指定培养联系人」日期")
        out.append(row)
    return out
