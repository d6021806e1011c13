"""Records of integrity work: volunteer activities, integrity education, responsibility agreements
(责任书, 一岗双责) and self-inspection reports (自查报告)."""
from __future__ import annotations
from core.errors import N_

from datetime import date
from decimal import Decimal, InvalidOperation

from eventsourcing.domain import Aggregate, event

from plugins.integrity import rules
from plugins.integrity.domain.base import IntegrityRuleError, changes_of, key_id, require


def _participants(participants: list) -> list[dict]:
    """[{member_id, name, hours}] with hours as a string of a positive Decimal; one row per member."""
    out, seen = [], set()
    for p in participants or []:
        member_id = str(p["member_id"])
        if member_id in seen:
            raise IntegrityRuleError(N_("%(name)s 重复出现"), name=p.get('name', ''), field="participants")
        seen.add(member_id)
        try:
            hours = Decimal(str(p["hours"]))
        except (InvalidOperation, KeyError) as exc:
            raise IntegrityRuleError(N_("服务时长应为数字（小时）"), field="participants") from exc
        if not Decimal("0") < hours <= Decimal("24"):
            raise IntegrityRuleError(N_("每人服务时长应大于 0 且不超过 24 小时"), field="participants")
        out.append({"member_id": member_id, "name": p.get("name") or "", "hours": str(hours)})
    if not out:
        raise IntegrityRuleError(N_("请至少选择一名参加的党员"), field="participants")
    return out


class VolunteerActivity(Aggregate):
    """A volunteer service activity (志愿服务) with the members who took part and their hours."""

    @event("Recorded")
    def __init__(self, title: str, on: date, place: str, participants: list, late: bool):
        self.title, self.on, self.place = title, on, place
        self.participants = participants

    @classmethod
    def record(cls, title: str, on: date, place: str, participants: list, recorded_on: date,
               grace_days: int) -> "VolunteerActivity":
        if on > recorded_on:
            raise IntegrityRuleError(N_("活动日期不能晚于今天"), field="on")
        return cls(title=require(title, "请填写活动名称", "title"), on=on,
                   place=require(place, "请填写活动地点", "place"), participants=_participants(participants),
                   late=rules.is_late_entry(on, recorded_on, grace_days))

    def correct(self, values: dict) -> dict:
        if "participants" in values:
            values = {**values, "participants": _participants(values["participants"])}
        changes = changes_of({"title": self.title, "on": self.on, "place": self.place,
                              "participants": self.participants}, values)
        if not changes:
            raise IntegrityRuleError(N_("没有需要更正的内容"))
        self._corrected(changes=changes)
        return changes

    @event("Corrected")
    def _corrected(self, changes: dict) -> None:
        for name, change in changes.items():
            setattr(self, name, change["after"])


class EducationSession(Aggregate):
    """An integrity education activity (警示教育、党纪学习、廉政党课) with its attendance."""

    @event("Recorded")
    def __init__(self, kind: str, title: str, on: date, speaker: str, content: str, attendees: list,
                 absentees: list, late: bool):
        self.kind, self.title, self.on, self.speaker, self.content = kind, title, on, speaker, content
        self.attendees, self.absentees = attendees, absentees

    @classmethod
    def record(cls, kind: str, title: str, on: date, speaker: str, content: str, attendees: list,
               absentees: list, recorded_on: date, grace_days: int) -> "EducationSession":
        if kind not in rules.EDUCATION_KINDS:
            raise IntegrityRuleError(N_("请选择教育形式"), field="kind")
        if on > recorded_on:
            raise IntegrityRuleError(N_("活动日期不能晚于今天"), field="on")
        if not attendees:
            raise IntegrityRuleError(N_("请登记参加人员"), field="attendees")
        ids = [a["member_id"] for a in attendees] + [a["member_id"] for a in absentees or []]
        if len(ids) != len(set(ids)):
            raise IntegrityRuleError(N_("同一人不能既出席又缺席"), field="absentees")
        return cls(kind=kind, title=require(title, "请填写主题", "title"), on=on,
                   speaker=(speaker or "").strip(), content=(content or "").strip(),
                   attendees=[dict(a, member_id=str(a["member_id"])) for a in attendees],
                   absentees=[dict(a, member_id=str(a["member_id"])) for a in absentees or []],
                   late=rules.is_late_entry(on, recorded_on, grace_days))

    def correct_attendance(self, attendees: list, absentees: list) -> dict:
        changes = changes_of({"attendees": self.attendees, "absentees": self.absentees},
                             {"attendees": [dict(a, member_id=str(a["member_id"])) for a in attendees],
                              "absentees": [dict(a, member_id=str(a["member_id"])) for a in absentees]})
        if not attendees:
            raise IntegrityRuleError(N_("请登记参加人员"), field="attendees")
        if not changes:
            raise IntegrityRuleError(N_("出勤情况没有变化"))
        self._corrected(changes=changes)
        return changes

    @event("AttendanceCorrected")
    def _corrected(self, changes: dict) -> None:
        for name, change in changes.items():
            setattr(self, name, change["after"])


class ResponsibilityAgreement(Aggregate):
    """An annual integrity responsibility agreement (党风廉政建设责任书, 一岗双责) signed by one person."""

    @event("Signed")
    def __init__(self, key: str, year: int, member_id: str, member_name: str, post: str, duties: str,
                 counterpart: str, signed_on: date):
        self.year, self.member_id, self.member_name = year, member_id, member_name
        self.post, self.duties, self.counterpart, self.signed_on = post, duties, counterpart, signed_on

    @staticmethod
    def create_id(key: str, **_):
        return key_id("agreement", key)

    @classmethod
    def sign(cls, key: str, year: int, member_id: str, member_name: str, post: str, duties: str,
             counterpart: str, signed_on: date) -> "ResponsibilityAgreement":
        if signed_on.year not in (year - 1, year):
            raise IntegrityRuleError(N_("%(year)s 年度责任书应在 %(previous)s 年底或 %(year)s 年内签订"),
                                 year=year, previous=year - 1, field="signed_on")
        return cls(key=key, year=year, member_id=str(member_id), member_name=member_name,
                   post=require(post, "请填写岗位", "post"),
                   duties=require(duties, "请填写廉政责任（一岗双责）", "duties"),
                   counterpart=require(counterpart, "请填写签订方（如支部书记）", "counterpart"), signed_on=signed_on)


class SelfInspection(Aggregate):
    """A half-yearly or annual self-inspection report on integrity (廉政自查报告)."""

    @event("Filed")
    def __init__(self, key: str, kind: str, period: str, owner_kind: str, member_id: str | None,
                 owner_name: str, content: str, problems: str, measures: str, filed_on: date, evidence: list):
        self.kind, self.period, self.owner_kind, self.member_id = kind, period, owner_kind, member_id
        self.owner_name, self.content, self.problems, self.measures = owner_name, content, problems, measures
        self.filed_on, self.evidence = filed_on, evidence

    @staticmethod
    def create_id(key: str, **_):
        return key_id("inspection", key)

    @classmethod
    def file(cls, key: str, kind: str, period: str, owner_kind: str, member_id: str | None, owner_name: str,
             content: str, problems: str, measures: str, filed_on: date, evidence: list) -> "SelfInspection":
        if kind not in rules.INSPECTION_KINDS:
            raise IntegrityRuleError(N_("自查类型应为 半年自查 或 年度自查"), field="kind")
        if owner_kind not in rules.OWNER_KINDS or (owner_kind == "member" and not member_id):
            raise IntegrityRuleError(N_("请选择报告人"), field="member_id")
        return cls(key=key, kind=kind, period=period, owner_kind=owner_kind,
                   member_id=str(member_id) if member_id else None, owner_name=owner_name,
                   content=require(content, "请填写自查情况", "content"), problems=(problems or "").strip(),
                   measures=(measures or "").strip(), filed_on=filed_on, evidence=list(evidence or []))

    def revise(self, values: dict) -> dict:
        changes = changes_of({"content": self.content, "problems": self.problems, "measures": self.measures},
                             values)
        if not changes:
            raise IntegrityRuleError(N_("没有需要修改的内容"))
        self._revised(changes=changes)
        return changes

    @event("Revised")
    def _revised(self, changes: dict) -> None:
        for name, change in changes.items():
            setattr(self, name, change["after"])
