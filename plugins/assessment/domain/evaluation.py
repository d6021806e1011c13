"""The democratic evaluation of members (民主评议党员): the round, the ballot box, account links."""
from __future__ import annotations
from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from plugins.assessment import rules
from plugins.assessment.domain.errors import AssessmentError


# -- school: democratic evaluation of members (民主评议党员) ----------------------------------------
class EvaluationRound(Aggregate):
    """A school's annual democratic evaluation: self-assessment, secret mutual ballot, democratic
    rating (the tallies), committee grade proposals, results told to members and reported up.

    The round never holds a ballot: see ``BallotBox`` and ``services.cast_ballot``.
    """

    @event("Opened")
    def __init__(self, year: int, participants: list, cap_numerator: int, cap_denominator: int,
                 opened_on: date):
        self.year, self.participants = year, participants
        self.cap = (cap_numerator, cap_denominator)
        self.status = "open"
        self.grades: dict = {}
        self.self_assessments: dict = {}
        self.tallies: dict = {}

    @classmethod
    def open(cls, aggregate_id, year: int, participants: list, cap_numerator: int, cap_denominator: int,
             opened_on: date) -> "EvaluationRound":
        if not any(p["status"] == "full" for p in participants):
            raise AssessmentError(N_("本支部没有正式党员，无法开展民主评议"))
        if cap_denominator <= 0 or cap_numerator < 0:
            raise AssessmentError(N_("优秀比例设置无效"))
        return cls._create(cls.Opened, id=aggregate_id, year=year, participants=participants,
                           cap_numerator=cap_numerator, cap_denominator=cap_denominator, opened_on=opened_on)

    def participant(self, member_id: str) -> dict:
        for p in self.participants:
            if p["id"] == str(member_id):
                return p
        raise AssessmentError(N_("该党员不在本次评议名单中"), field="member_id")

    @property
    def full_members(self) -> list[dict]:
        return [p for p in self.participants if p["status"] == "full"]

    @property
    def excellent_cap(self) -> int:
        return rules.excellent_cap(len(self.full_members), *self.cap)

    def write_self_assessment(self, member_id: str, text: str) -> None:
        p = self.participant(member_id)
        if self.status != "open":
            raise AssessmentError(N_("评议已进入组织评定阶段，不能再修改个人自评"), field="text")
        if not (text or "").strip():
            raise AssessmentError(N_("请填写个人自评（党性分析）"), field="text")
        self._self(member_id=str(member_id), member_name=p["name"], text=text.strip(),
                   before=self.self_assessments.get(str(member_id)))

    @event("SelfAssessmentWritten")
    def _self(self, member_id: str, member_name: str, text: str, before) -> None:
        self.self_assessments = {**self.self_assessments, member_id: text}

    def close_ballot(self, tallies: dict, ballots: int) -> None:
        if self.status != "open":
            raise AssessmentError(N_("互评投票已经结束"))
        self._closed(tallies=tallies, ballots=ballots)

    @event("BallotClosed")
    def _closed(self, tallies: dict, ballots: int) -> None:
        self.tallies, self.status = tallies, "rating"

    def propose_grade(self, member_id: str, grade: str, note: str = "", veto: str | None = None) -> None:
        """The committee's grade for one full member; the 1/3 cap on excellent is enforced here, and a
        member under a one-vote veto of the year (``veto`` says which, e.g. the teacher-ethics
        assessment's) cannot be rated excellent."""
        if self.status == "published":
            raise AssessmentError(N_("评议结果已公布，不能再改动等次"), field="grade")
        if self.status == "open":
            raise AssessmentError(N_("请先结束互评投票，再由支委会提出等次意见"), field="grade")
        p = self.participant(member_id)
        if p["status"] != "full":
            raise AssessmentError(N_("%(name)s 是预备党员：参加民主评议，但不评定等次"), name=p['name'], field="member_id")
        if grade not in rules.GRADES:
            raise AssessmentError(N_("未知的等次：%(grade)s"), grade=grade, field="grade")
        if grade == "excellent" and veto:
            raise AssessmentError(N_("%(name)s：%(veto)s，不能评为优秀"), name=p['name'], veto=veto, field="grade")
        if grade == "excellent" and self.grades.get(str(member_id)) != "excellent":
            already = sum(1 for g in self.grades.values() if g == "excellent")
            cap = self.excellent_cap
            if already + 1 > cap:
                n, d = self.cap
                raise AssessmentError(
                    N_("评为优秀的不能超过正式党员的 %(n)s/%(d)s（%(count)s 人 × %(n)s/%(d)s 向下取整 = %(cap)s 人），已有 %(already)s 人"),
n=n, d=d, count=len(self.full_members), cap=cap, already=already, field="grade")
        self._proposed(member_id=str(member_id), member_name=p["name"], grade=grade,
                       note=(note or "").strip(), before=self.grades.get(str(member_id)))

    @event("GradeProposed")
    def _proposed(self, member_id: str, member_name: str, grade: str, note: str, before) -> None:
        self.grades = {**self.grades, member_id: grade}

    def publish_results(self, published_on: date) -> None:
        if self.status != "rating":
            raise AssessmentError(N_("只有完成投票和等次评定后才能公布结果"))
        missing = [p["name"] for p in self.full_members if p["id"] not in self.grades]
        if missing:
            raise AssessmentError(N_("还有 %(count)s 名正式党员未评定等次：%(missing)s"),
                                  count=len(missing), missing='、'.join(missing[:5]),
                                  field="grade")
        counts = {g: sum(1 for x in self.grades.values() if x == g) for g in rules.GRADES}
        self._results(published_on=published_on, counts=counts)

    @event("ResultsPublished")
    def _results(self, published_on: date, counts: dict) -> None:
        self.status = "published"


class BallotBox(Aggregate):
    """Who has voted in a round's secret mutual assessment (互评) — and nothing about what.

    Secrecy design: a vote is two writes that share nothing but the round. (1) ``VoteCast(voter)``
    here, so each member votes once (a second vote is refused, and two concurrent first votes
    conflict on this aggregate's version); (2) the ballot's choices are added to anonymous counters
    (``assessment_ballot_pool``: round, candidate, grade, count — no voter, no time, no row per
    ballot). When the committee closes the ballot the counters become one ``BallotClosed`` event of
    totals on the round and are deleted. So no stored event or row links a voter to a choice.
    """

    @event("Opened")
    def __init__(self, round_id: str, year: int):
        self.round_id, self.year = round_id, year
        self.voters: list = []
        self.closed = False

    @classmethod
    def start(cls, aggregate_id, round_id: str, year: int) -> "BallotBox":
        return cls._create(cls.Opened, id=aggregate_id, round_id=round_id, year=year)

    def check_may_vote(self, voter: str) -> None:
        if self.closed:
            raise AssessmentError(N_("互评投票已经结束"), field="ballot")
        if str(voter) in self.voters:
            raise AssessmentError(N_("您已经投过票，每人只能投一次"), field="ballot")

    def cast(self, voter: str) -> None:
        self.check_may_vote(voter)
        self._cast(voter=str(voter), round_id=self.round_id)

    @event("VoteCast")
    def _cast(self, voter: str, round_id: str) -> None:
        self.voters = [*self.voters, voter]

    def close(self) -> None:
        if self.closed:
            raise AssessmentError(N_("互评投票已经结束"))
        self._close(ballots=len(self.voters))

    @event("Closed")
    def _close(self, ballots: int) -> None:
        self.closed = True
