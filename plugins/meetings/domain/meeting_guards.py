"""What a meeting reads and checks before it records anything: whether it is open, who counts
towards a vote, the counts of attendance. No events here: ``MeetingGuards`` is a base of ``Meeting``
(``domain.meeting``), whose methods record them."""
from __future__ import annotations

from datetime import datetime

from core.errors import N_, DomainError
from plugins.meetings import rules


class MeetingError(DomainError):
    pass


def check_schedule(meeting_type: rules.MeetingType, title: str, starts_at: datetime, ends_at: datetime | None,
                   place: str, chair: dict | None, recorder: dict | None, expected: list[dict],
                   party_group: str | None) -> None:
    """A meeting's notice: what it must name, and who may chair and record it."""
    if not (title or "").strip():
        raise MeetingError(N_("请填写会议名称"), field="title")
    if not (place or "").strip():
        raise MeetingError(N_("请填写会议地点"), field="place")
    if ends_at is not None and ends_at <= starts_at:
        raise MeetingError(N_("结束时间应晚于开始时间"), field="ends_at")
    if meeting_type.body == "group" and not party_group:
        raise MeetingError(N_("党小组会须选择党小组"), field="party_group")
    if not expected:
        raise MeetingError(N_("按会议类型没有应到人员（请先维护党员名册、支委会或党小组）"), field="type")
    ids = {e["member_id"] for e in expected}
    for role, person in (("chair", chair), ("recorder", recorder)):
        if person and person.get("member_id") \
                and not rules.may_preside(meeting_type.body, person["member_id"], ids):
            raise MeetingError(("主持人" if role == "chair" else "记录人") + "应为应到人员之一",
                               field=role)


class MeetingGuards:
    """The guards and counts of a ``Meeting``, over the state its events build."""

    @property
    def held(self) -> bool:
        return self.status == "held"

    def still_to_come(self, now: datetime, starts_at: datetime | None = None) -> bool:
        """Not yet taken place: nothing recorded of it as held (attendance, minutes) and its start, as
        its attendees were told it or as corrected (``starts_at``), later than ``now`` (local time)."""
        if self.held or self.minutes is not None:
            return False
        return max(self.starts_at, starts_at or self.starts_at) > now

    def check_open(self) -> None:
        if self.status == "cancelled":
            raise MeetingError(N_("会议已取消"), field="status")

    def check_not_final(self) -> None:
        if self.minutes_final:
            raise MeetingError(N_("会议记录已定稿锁定，不能修改；如需更正请添加补充说明（附记）并写明原因"),
                               field="minutes")

    def _expected(self, member_id: str) -> dict | None:
        return next((e for e in self.expected if e["member_id"] == member_id), None)

    def _counted_voter(self, member_id: str, not_expected: str, probationary: str) -> dict:
        """The expected full member who counts towards the vote, or a refusal in the caller's words."""
        expected = self._expected(member_id)
        if expected is None:
            raise MeetingError(not_expected, field="member_id")
        if not expected.get("vote"):
            raise MeetingError(probationary, field="member_id")
        if expected.get("left_out"):
            raise MeetingError(N_("%(name)s 已不计入应到会人数"), name=expected['name'], field="member_id")
        return expected

    # -- counts -------------------------------------------------------------------------------
    @property
    def entitled(self) -> int:
        """Voters who should attend (应到会有表决权的人数): probationary members never count, nor
        members left out of the count (``leave_out``)."""
        return sum(1 for e in self.expected if e.get("vote") and not e.get("left_out"))

    @property
    def present_voters(self) -> int:
        return sum(1 for a in self.attendance if a["status"] == "present" and a.get("vote"))

    @property
    def present_total(self) -> int:
        return sum(1 for a in self.attendance if a["status"] == "present")

    @property
    def written_count(self) -> int:
        """Written opinions of voters who did not attend (those who came vote in person)."""
        present = {a["member_id"] for a in self.attendance if a["status"] == "present"}
        return sum(1 for m in self.written if m not in present)

    @property
    def quorate(self) -> bool:
        return rules.meeting_quorate(self.body, self.entitled, self.present_voters)
