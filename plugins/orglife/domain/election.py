"""A committee election (支部委员会换届选举) at a branch congress: candidates and their votes, counted
by the 4/5 rule the meetings plugin keeps; the new committee then takes office from the result."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.orglife import rules
from plugins.orglife.domain.base import OrglifeError, election_id


class Election(Aggregate):
    """The election held at one branch congress, and the committee that took office from it."""

    @staticmethod
    def create_id(tenant: str, meeting_id, **_):
        return election_id(tenant, meeting_id)

    @event("Recorded")
    def __init__(self, tenant: str, meeting_id: str, held_on: date, entitled: int, present: int, seats: int,
                 candidates: list, elected: list):
        self.meeting_id, self.held_on = meeting_id, held_on
        self.entitled, self.present, self.seats = entitled, present, seats
        self.candidates = [dict(c) for c in candidates]
        self.elected = list(elected)
        self.took_office: dict | None = None

    @classmethod
    def record(cls, tenant: str, meeting_id, held_on: date, entitled: int, present: int, seats: int,
               candidates: list[dict], quorum_error: str | None) -> "Election":
        """``candidates``: [{"member_id", "name", "votes"}]; ``quorum_error``: the meetings rule's refusal."""
        if quorum_error:
            raise OrglifeError(quorum_error, field="meeting_id")
        error = rules.election_error(seats, present, candidates)
        if error:
            raise OrglifeError(error[1], field=error[0])
        elected = rules.elected(seats, present, candidates)
        return cls(tenant=tenant, meeting_id=str(meeting_id), held_on=held_on, entitled=entitled,
                   present=present, seats=seats,
                   candidates=[{"member_id": str(c["member_id"]), "name": c["name"], "votes": c["votes"]}
                               for c in candidates], elected=elected)

    def take_office(self, term_start: date, term_end: date, posts: dict) -> None:
        """The elected take office (新一届支委会就职): ``posts`` member_id → post, only for the elected."""
        if self.took_office is not None:
            raise OrglifeError(N_("新一届支部委员会已就职"), field="term_start")
        if not self.elected:
            raise OrglifeError(N_("本次选举没有候选人当选"), field="posts")
        if term_start < self.held_on:
            raise OrglifeError(N_("任期不能早于选举日期"), field="term_start")
        stray = set(posts) - set(self.elected)
        if stray:
            raise OrglifeError(N_("只有当选的委员可以分工"), field="posts")
        missing = [m for m in self.elected if m not in posts]
        if missing:
            raise OrglifeError(N_("请为每位当选委员确定职务"), field="posts")
        self._took(term_start=term_start, term_end=term_end, posts=dict(posts))

    @event("TookOffice")
    def _took(self, term_start: date, term_end: date, posts: dict) -> None:
        self.took_office = {"term_start": term_start, "term_end": term_end, "posts": dict(posts)}
