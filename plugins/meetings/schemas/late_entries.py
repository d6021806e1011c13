"""Meetings held before they were entered (补录), several at once: pasted rows → commands (pure), and
the API's input and output schemas.

One row per meeting: 日期, 开始时间, 会议类型, 会议名称, 地点, 党小组, 缺席人员. Everyone expected is
present except those named under 缺席人员 as ``姓名:原因`` (several separated by ``；``).
``services.record_held_meetings`` checks every row against the rules and saves all or nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time

from marshmallow import Schema, fields, validate

from core.fields import Date, Line
from core.table_input import parse_date, without_header

COLUMNS = ["日期", "开始时间", "会议类型", "会议名称", "地点", "党小组", "缺席人员"]
EXAMPLE = "2026-03-15\t14:30\t主题党日\t3月主题党日：学习党章\t学校会议室\t\t张三:外出培训"


@dataclass
class LateMeeting:
    number: int
    held_on: date | None = None
    starts: time = time(14, 30)
    type: str = ""
    title: str = ""
    place: str = ""
    party_group: str | None = None
    absent: dict = field(default_factory=dict)    # member id (str) → reason
    absent_names: list = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def command(self) -> dict:
        return {"held_on": self.held_on, "starts": self.starts, "type": self.type, "title": self.title,
                "place": self.place, "party_group": self.party_group, "absent": dict(self.absent)}


def _time(text: str) -> time:
    match = re.fullmatch(r"(\d{1,2})[:：点](\d{2})?分?", text.strip())
    if not match:
        raise ValueError(text)
    return time(int(match[1]), int(match[2] or 0))


def read(rows: list[list[str]], types: dict[str, str], people: dict[str, list[str]]) -> list[LateMeeting]:
    """``types``: a type's name or code → code; ``people``: a member's name → their ids."""
    out = []
    for number, cells in without_header(rows, COLUMNS[0]):
        cells = (cells + [""] * len(COLUMNS))[:len(COLUMNS)]
        day, starts, type_, title, place, group, absent = cells
        row = LateMeeting(number, title=title, place=place, party_group=group or None)
        try:
            row.held_on = parse_date(day)
        except ValueError:
            row.errors.append(f"日期「{day}」无法识别（如 2026-03-15）")
        if starts:
            try:
                row.starts = _time(starts)
            except ValueError:
                row.errors.append(f"开始时间「{starts}」无法识别（如 14:30）")
        row.type = types.get(type_.strip(), "")
        if not row.type:
            row.errors.append(f"没有会议类型「{type_}」")
        for part in [p for p in re.split(r"[；;]", absent) if p.strip()]:
            name, reason = (re.split(r"[:：]", part, maxsplit=1) + [""])[:2]
            name, reason = name.strip(), reason.strip()
            ids = people.get(name, [])
            if len(ids) != 1:
                row.errors.append(f"缺席人员「{name}」" + ("不在名册上" if not ids else "有重名，请在页面逐个登记"))
            elif not reason:
                row.errors.append(f"{name} 缺席，须填写缺席原因（姓名:原因）")
            else:
                row.absent[ids[0]] = reason
                row.absent_names.append(f"{name}（{reason}）")
        out.append(row)
    return out


class AbsenceSchema(Schema):
    member_id = fields.UUID(required=True)
    reason = Line(required=True, validate=validate.Length(min=1, max=200))


class LateMeetingSchema(Schema):
    """A meeting held before it is entered: everyone expected was present except ``absent``."""

    held_on = Date(required=True, metadata={"description": "召开日期（早于今天）"})
    starts = fields.Time(load_default=time(14, 30), metadata={"description": "开始时间（当地时间）"})
    type = Line(required=True, metadata={"description": "会议类型代码"})
    title = Line(required=True, validate=validate.Length(min=1, max=200))
    place = Line(required=True, validate=validate.Length(min=1, max=200))
    party_group = Line(load_default=None, allow_none=True)
    absent = fields.List(fields.Nested(AbsenceSchema), load_default=list)


class LateMeetingsSchema(Schema):
    meetings = fields.List(fields.Nested(LateMeetingSchema), required=True,
                           validate=validate.Length(min=1, max=200))


class LateMeetingOutSchema(Schema):
    id = fields.UUID()
    title = fields.String()
    held_on = fields.Date(metadata={"description": "召开日期（事情发生的日期）"})
    recorded_on = fields.Date(metadata={"description": "登记日期"})
    late = fields.Boolean(metadata={"description": "是否为补录"})
