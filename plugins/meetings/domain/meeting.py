"""A meeting (三会一课) from notice to locked minutes: its notice, attendance, written opinions,
votes, minutes and attachments; nothing is edited in place. Its guards and counts are in
``domain.meeting_guards``. Re-exported by ``plugins.meetings.domain``."""
from __future__ import annotations

from core.errors import N_

from datetime import date, datetime

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from plugins.meetings import rules
from plugins.meetings.domain.meeting_guards import MeetingError, MeetingGuards, check_schedule

ATTENDANCE = {"present": "出席", "absent": "缺席", "observer": "列席", "left_out": "不计入应到人数"}
MINUTES_FIELDS = {"summary": "会议内容摘要", "speeches": "发言摘要", "dissent": "不同意见",
                  "decisions": "会议决定"}


@keeps_topics("plugins.meetings.domain")
class Meeting(MeetingGuards, Aggregate):
    """One meeting from notice to locked minutes (会议: 通知、签到、表决、记录)."""

    snapshot_interval = 50

    @event("Scheduled")
    def __init__(self, type_code: str, type_name: str, body: str, title: str, starts_at: datetime,
                 ends_at: datetime | None, place: str, chair: dict | None, recorder: dict | None,
                 agenda: list, expected: list, party_group: str | None, recorded_on: date,
                 late: bool, counts_as: list):
        self.type_code, self.type_name, self.body = type_code, type_name, body
        self.title, self.starts_at, self.ends_at, self.place = title, starts_at, ends_at, place
        self.chair, self.recorder, self.agenda = chair, recorder, list(agenda)
        self.expected = [dict(e) for e in expected]
        self.party_group, self.recorded_on, self.late = party_group, recorded_on, late
        self.counts_as = list(counts_as)
        self.status = "scheduled"
        self.attendance: list = []
        self.observers: list = []
        self.written: dict = {}
        self.resolutions: dict = {}
        self.minutes: dict | None = None
        self.minutes_revision = 0
        self.minutes_final = False
        self.addenda: list = []
        self.attachments: list = []
        self.cancel_reason: str | None = None
        self.attendance_late = False

    @classmethod
    def schedule(cls, meeting_type: rules.MeetingType, title: str, starts_at: datetime,
                 ends_at: datetime | None, place: str, chair: dict | None, recorder: dict | None,
                 agenda: list[str], expected: list[dict], recorded_on: date, grace_days: int,
                 party_group: str | None = None, counts_as: list[str] = ()) -> "Meeting":
        check_schedule(meeting_type, title, starts_at, ends_at, place, chair, recorder, expected, party_group)
        held_on = starts_at.date()
        late = held_on < recorded_on and rules.is_late(held_on, recorded_on, grace_days)
        return cls(type_code=meeting_type.code, type_name=meeting_type.name, body=meeting_type.body,
                   title=title.strip(), starts_at=starts_at, ends_at=ends_at, place=place.strip(),
                   chair=chair, recorder=recorder, agenda=[a.strip() for a in agenda if a.strip()],
                   expected=expected, party_group=party_group, recorded_on=recorded_on, late=late,
                   counts_as=[c for c in counts_as if c != meeting_type.code])

    # -- notice ------------------------------------------------------------------------------
    def correct_details(self, values: dict, now: datetime) -> dict:
        """``now``: local wall-clock time, like ``starts_at``; it decides whether the meeting was still
        to come (``upcoming``), so that the change is news for its attendees, or a held one's record."""
        self.check_open()
        self.check_not_final()
        changes = {f: {"before": getattr(self, f), "after": v} for f, v in values.items()
                   if getattr(self, f) != v}
        if not changes:
            raise MeetingError(N_("没有需要更正的内容"))
        starts = values.get("starts_at", self.starts_at)
        ends = values.get("ends_at", self.ends_at)
        if ends is not None and ends <= starts:
            raise MeetingError(N_("结束时间应晚于开始时间"), field="ends_at")
        self._correct(changes=changes, upcoming=self.still_to_come(now, starts))
        return changes

    class DetailsCorrected(Aggregate.Event):
        """Version 2 says whether the meeting was still to come (``upcoming``); version 1 did not (None)."""
        changes: dict
        upcoming: bool | None
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["upcoming"] = None

    @event(DetailsCorrected)
    def _correct(self, changes: dict, upcoming: bool | None) -> None:
        for field, change in changes.items():
            setattr(self, field, change["after"])

    def cancel(self, reason: str) -> None:
        self.check_open()
        if self.held:
            raise MeetingError(N_("会议已召开并登记出席，不能取消"), field="status")
        if not (reason or "").strip():
            raise MeetingError(N_("取消会议须说明原因"), field="reason")
        self._cancel(reason=reason.strip())

    @event("Cancelled")
    def _cancel(self, reason: str) -> None:
        self.status = "cancelled"
        self.cancel_reason = reason

    # -- who counts -------------------------------------------------------------------------------
    def leave_out(self, member_id: str, kind: str, consent: str) -> None:
        """Leave a full member out of the "should attend" count of a branch congress: one of the
        five kinds, with the higher organisation's consent and the congress's decision (DOMAIN.md
        §1.3). Decided before attendance is counted."""
        self.check_open()
        if self.body != "congress":
            raise MeetingError(N_("只有支部党员大会可以经上级党组织同意、大会决定，不计入应到会人数"), field="member_id")
        if self.held:
            raise MeetingError(N_("已登记出席情况，不能再调整应到会人数"), field="member_id")
        expected = self._counted_voter(member_id, "只有应到人员可以不计入应到会人数",
                                       "预备党员本不计入应到会有表决权的人数")
        if kind not in rules.LEAVE_OUT_KINDS:
            raise MeetingError(N_("请选择不计入应到会人数的情形（五种情形之一）"), field="kind")
        if not (consent or "").strip():
            raise MeetingError(N_("请填写上级党组织同意的依据（文号或日期）"), field="consent")
        if member_id in self.written:
            raise MeetingError(N_("已收到 %(name)s 的书面意见，应计入应到会人数"), name=expected['name'], field="member_id")
        self._left_out(member_id=member_id, name=expected["name"], kind=kind, consent=consent.strip())

    @event("LeftOut")
    def _left_out(self, member_id: str, name: str, kind: str, consent: str) -> None:
        self._expected(member_id)["left_out"] = kind

    # -- attendance ----------------------------------------------------------------------------
    def record_attendance(self, entries: dict, observers: list[str], recorded_on: date,
                          grace_days: int) -> None:
        """``entries``: member_id → {"status": present|absent, "reason"}; ``observers``: names (列席)."""
        self.check_open()
        self.check_not_final()
        held_on = self.starts_at.date()
        if recorded_on < held_on:
            raise MeetingError(N_("会议尚未召开，不能登记出席"), field="attendance")
        sheet, problems = [], {}
        for expected in self.expected:
            if expected.get("left_out"):
                sheet.append({"member_id": expected["member_id"], "name": expected["name"],
                              "status": "left_out", "vote": False, "reason": ""})
                continue
            entry = entries.get(expected["member_id"])
            if entry is None or entry.get("status") not in ("present", "absent"):
                problems[expected["member_id"]] = N_("请登记 %(name)s 的出席情况", name=expected["name"])
                continue
            reason = (entry.get("reason") or "").strip()
            if entry["status"] == "absent" and not reason:
                problems[expected["member_id"]] = N_("%(name)s 缺席，须填写缺席原因", name=expected["name"])
                continue
            sheet.append({"member_id": expected["member_id"], "name": expected["name"],
                          "status": entry["status"], "vote": bool(expected.get("vote")),
                          "reason": reason if entry["status"] == "absent" else ""})
        if problems:   # every member at fault at once, each by their id
            message = next(iter(problems.values())) if len(problems) == 1 else \
                N_("出席登记有 %(count)s 处需要补充：%(list)s", count=len(problems), list="；".join(problems.values()))
            raise MeetingError(message, field="attendance", problems=problems)
        unknown = set(entries) - {e["member_id"] for e in self.expected}
        if unknown:
            raise MeetingError(N_("出席登记中有不在应到名单上的人员；列席人员请填在「列席」中"),
                               field="attendance")
        late = rules.is_late(held_on, recorded_on, grace_days)
        self._attendance(entries=sheet, observers=[o.strip() for o in observers if o.strip()],
                         recorded_on=recorded_on, late=late)

    @event("AttendanceRecorded")
    def _attendance(self, entries: list, observers: list, recorded_on: date, late: bool) -> None:
        self.attendance = [dict(e) for e in entries]
        self.observers = list(observers)
        self.status = "held"
        self.attendance_late = late

    def receive_written_opinion(self, member_id: str, received_on: date, opinion: str) -> None:
        """A voter who cannot attend gives a written opinion before the meeting (书面意见)."""
        self.check_open()
        expected = self._counted_voter(member_id, "只有应到人员可以提交书面意见",
                                       "预备党员没有表决权，不能提交书面表决意见")
        if received_on > self.starts_at.date():
            raise MeetingError(N_("书面意见须在会前提交；会后收到的不计入表决"), field="received_on")
        if member_id in self.written:
            raise MeetingError(N_("已收到 %(name)s 的书面意见"), name=expected['name'], field="member_id")
        if not (opinion or "").strip():
            raise MeetingError(N_("请填写书面意见内容"), field="opinion")
        self._written(member_id=member_id, name=expected["name"], received_on=received_on,
                      opinion=opinion.strip())

    @event("WrittenOpinionReceived")
    def _written(self, member_id: str, name: str, received_on: date, opinion: str) -> None:
        self.written[member_id] = {"name": name, "received_on": received_on, "opinion": opinion}

    # -- votes and the decisions register ---------------------------------------------------
    def record_vote(self, resolution_id: str, kind_code: str, title: str, subject: str,
                    yes: int, no: int, abstain: int, committee_basis: str = "entitled") -> bool:
        self.check_open()
        self.check_not_final()
        kind = rules.RESOLUTION_KINDS.get(kind_code)
        if kind is None:
            raise MeetingError(N_("未知的决议类型"), field="kind")
        if not self.held:
            raise MeetingError(N_("请先登记出席情况，再记录表决"), field="attendance")
        if not (title or "").strip():
            raise MeetingError(N_("请填写表决事项"), field="title")
        tally = rules.Tally(entitled=self.entitled, present=self.present_voters,
                            written=self.written_count, yes=yes, no=no, abstain=abstain)
        error = rules.vote_error(kind, self.body, tally)
        if error:
            raise MeetingError(error, field="yes" if "票" in error else "attendance")
        passed = rules.passes(kind, tally, committee_basis, self.body)
        self._vote(resolution_id=resolution_id, kind=kind_code, title=title.strip(),
                   subject=(subject or "").strip(), entitled=tally.entitled, present=tally.present,
                   written=tally.written if kind.written_opinions else 0, yes=yes, no=no,
                   abstain=abstain, passed=passed)
        return passed

    @event("VoteRecorded")
    def _vote(self, resolution_id: str, kind: str, title: str, subject: str, entitled: int,
              present: int, written: int, yes: int, no: int, abstain: int, passed: bool) -> None:
        self.resolutions[resolution_id] = {"kind": kind, "title": title, "passed": passed,
                                           "follow_up": "pending"}

    def update_follow_up(self, resolution_id: str, status: str, note: str) -> None:
        resolution = self.resolutions.get(resolution_id)
        if resolution is None:
            raise MeetingError(N_("没有这项决议"), field="resolution_id")
        if status not in rules.FOLLOW_UP:
            raise MeetingError(N_("落实状态无效"), field="status")
        if status == resolution["follow_up"] and not (note or "").strip():
            raise MeetingError(N_("落实状态没有变化"), field="status")
        self._follow_up(resolution_id=resolution_id, before=resolution["follow_up"], after=status,
                        note=(note or "").strip())

    @event("FollowUpUpdated")
    def _follow_up(self, resolution_id: str, before: str, after: str, note: str) -> None:
        self.resolutions[resolution_id]["follow_up"] = after

    # -- minutes -----------------------------------------------------------------------------
    def draft_minutes(self, content: dict) -> None:
        self.check_open()
        self.check_not_final()
        content = {f: (content.get(f) or "").strip() for f in MINUTES_FIELDS}
        if not content["summary"]:
            raise MeetingError(N_("请填写会议内容摘要"), field="summary")
        if self.minutes == content:
            raise MeetingError(N_("会议记录没有变化"), field="summary")
        self._draft(content=content, revision=self.minutes_revision + 1,
                    before=dict(self.minutes) if self.minutes else None)

    @event("MinutesDrafted")
    def _draft(self, content: dict, revision: int, before: dict | None) -> None:
        self.minutes = dict(content)
        self.minutes_revision = revision

    def finalise_minutes(self) -> None:
        self.check_open()
        self.check_not_final()
        if not self.held:
            raise MeetingError(N_("请先登记出席情况，再定稿会议记录"), field="attendance")
        if not self.minutes:
            raise MeetingError(N_("尚无会议记录草稿"), field="summary")
        self._finalise(revision=self.minutes_revision)

    @event("MinutesFinalised")
    def _finalise(self, revision: int) -> None:
        self.minutes_final = True

    def add_addendum(self, text: str, reason: str, author: str) -> None:
        """A correction to locked minutes: a new entry with reason and author (附记)."""
        if not self.minutes_final:
            raise MeetingError(N_("会议记录尚未定稿，请直接修改草稿"), field="minutes")
        if not (text or "").strip():
            raise MeetingError(N_("请填写补充说明内容"), field="text")
        if not (reason or "").strip():
            raise MeetingError(N_("补充说明须写明原因"), field="reason")
        self._addendum(text=text.strip(), reason=reason.strip(), author=author)

    @event("AddendumAdded")
    def _addendum(self, text: str, reason: str, author: str) -> None:
        self.addenda.append({"text": text, "reason": reason, "author": author})

    # -- attachments -------------------------------------------------------------------------
    def attach(self, file: dict, kind: str) -> None:
        self.check_open()
        if any(a["sha256"] == file["sha256"] for a in self.attachments):
            raise MeetingError(N_("这个文件已上传过"), field="file")
        self._attach(file=dict(file), kind=kind)

    @event("AttachmentAdded")
    def _attach(self, file: dict, kind: str) -> None:
        self.attachments.append({**file, "kind": kind})
