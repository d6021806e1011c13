"""A life meeting's record here (``LifeRecord``): the talks held beforehand (谈心谈话) linked to it,
and the criticisms given and received at it (相互批评). The meeting itself is the meetings plugin's."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.orglife.domain.base import OrglifeError, record_id


class LifeRecord(Aggregate):
    """What a democratic or organisational life meeting needs beyond the meeting record."""

    @staticmethod
    def create_id(tenant: str, meeting_id, **_):
        return record_id(tenant, meeting_id)

    @event("Opened")
    def __init__(self, tenant: str, meeting_id: str, kind: str, title: str, held_on: date):
        self.meeting_id, self.kind, self.title, self.held_on = meeting_id, kind, title, held_on
        self.talks: list[dict] = []
        self.criticisms: list[dict] = []

    def link_talk(self, talk: dict, summary: str) -> None:
        """A heart-to-heart talk held before the meeting (会前谈心谈话), with a short summary."""
        if any(t["talk_id"] == talk["talk_id"] for t in self.talks):
            raise OrglifeError(N_("这次谈心谈话已关联"), field="talk_id")
        if talk["held_on"] > self.held_on:
            raise OrglifeError(N_("只能关联会前的谈心谈话"), field="talk_id")
        if not (summary or "").strip():
            raise OrglifeError(N_("请填写谈话要点"), field="summary")
        self._talk(talk_id=talk["talk_id"], held_on=talk["held_on"], first_name=talk["first_name"],
                   second_name=talk["second_name"], summary=summary.strip())

    @event("TalkLinked")
    def _talk(self, talk_id: str, held_on: date, first_name: str, second_name: str, summary: str) -> None:
        self.talks.append({"talk_id": talk_id, "held_on": held_on, "first_name": first_name,
                           "second_name": second_name, "summary": summary})

    def record_criticism(self, giver: dict, receiver: dict, text: str, on: date) -> None:
        """At the meeting: ``giver`` criticised ``receiver`` (both {"member_id", "name"})."""
        if on < self.held_on:
            raise OrglifeError(N_("会议召开后才能登记批评意见"), field="text")
        if giver["member_id"] == receiver["member_id"]:
            raise OrglifeError(N_("自我批评写在个人发言材料中；这里登记相互批评"), field="to_member_id")
        if not (text or "").strip():
            raise OrglifeError(N_("请填写批评意见"), field="text")
        self._criticism(number=len(self.criticisms) + 1, from_id=giver["member_id"], from_name=giver["name"],
                        to_id=receiver["member_id"], to_name=receiver["name"], text=text.strip())

    @event("CriticismRecorded")
    def _criticism(self, number: int, from_id: str, from_name: str, to_id: str, to_name: str, text: str) -> None:
        self.criticisms.append({"number": number, "from_id": from_id, "from_name": from_name, "to_id": to_id,
                                "to_name": to_name, "text": text})
