"""Guards of the steps (age, training, introducers, leaving the unit) and the branch congress vote."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from core import congress
from core.errors import N_
from plugins.development.rules.dates import add_months, age_on
from plugins.development.rules.rulesets import RuleSet


def age_error(birth: date, applied_on: date, rs: RuleSet) -> str | None:
    if age_on(birth, applied_on) < rs.min_age:
        return N_("申请入党时须年满%(min_age)s周岁（申请日 %(date)s 时未满）", min_age=rs.min_age, date=applied_on.isoformat())
    return None


def training_error(days: float | None, hours: float | None, rs: RuleSet) -> str | None:
    if (days or 0) >= rs.training_min_days or (hours or 0) >= rs.training_min_hours:
        return None
    return N_("集中培训须不少于%(training_min_days)s天或%(training_min_hours)s个学时",
              training_min_days=rs.training_min_days, training_min_hours=rs.training_min_hours)


@dataclass(frozen=True)
class IntroducerCheck:
    """What the registry says about a proposed introducer on the day they were decided."""

    member_id: str
    name: str
    is_full: bool
    under_party_probation: bool


def introducers_error(people: list[IntroducerCheck], rs: RuleSet) -> str | None:
    ids = {p.member_id for p in people}
    if len(people) != rs.introducers or len(ids) != len(people):
        return N_("入党介绍人须为%(introducers)s名不同的正式党员（现为%(count)s名）", introducers=rs.introducers, count=len(ids))
    for p in people:
        if not p.is_full:
            return N_("%(name)s不是正式党员，不能担任入党介绍人", name=p.name)
        if p.under_party_probation:
            return N_("%(name)s正在留党察看期间，不能担任入党介绍人", name=p.name)
    return None


def leaving_error(leaving_on: date | None, on: date, rs: RuleSet) -> str | None:
    if leaving_on and on <= leaving_on <= add_months(on, rs.leave_block_months):
        return N_("发展对象将于%(leave_block_months)s个月内离开本单位（%(date)s），暂不办理接收",
                  leave_block_months=rs.leave_block_months, date=leaving_on.isoformat())
    return None


@dataclass(frozen=True)
class Vote:
    """A branch congress vote on one candidate (支部大会表决, DOMAIN.md §1.3)."""

    entitled: int          # full members with voting rights who should attend
    present: int           # of them, present
    written_opinions: int  # absent, but gave a written opinion before the meeting
    yes: int
    no: int
    abstain: int
    meeting_id: str | None = None

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def vote_error(v: Vote) -> str | None:
    """Why the counts cannot be a valid vote (a refusal, not a failed vote), or None (``core.congress``)."""
    return (congress.count_error(v.entitled, v.present, v.written_opinions, v.yes, v.no, v.abstain)
            or congress.quorum_error(v.entitled, v.present))


def vote_passes(v: Vote) -> bool:
    """Passes only if yes votes exceed half of those entitled to attend (not of those present)."""
    return congress.passes(v.entitled, v.yes)


def attendance_error(vote: Vote, attendance: dict, on: date) -> str | None:
    """The counts must match the congress the meetings plugin recorded."""
    if attendance.get("held_on") and attendance["held_on"] != on:
        return N_("会议日期（%(held_on)s）与表决日期不一致", held_on=attendance['held_on'])
    for key, label in (("entitled", "应到会人数"), ("present", "到会人数"), ("written_opinions", "书面意见人数")):
        if attendance.get(key) is not None and attendance[key] != getattr(vote, key):
            return N_("%(label)s与会议记录不一致（会议记录为 %(recorded)s）", label=label, recorded=attendance[key])
    return None
