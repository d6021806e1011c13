"""Handling of unqualified members (不合格党员组织处置) and the periodic self-checks."""
from __future__ import annotations
from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from plugins.assessment import rules
from plugins.assessment.domain.errors import AssessmentError


# -- school: handling of an unqualified member (不合格党员组织处置) ---------------------------------
class HandlingTrack(Aggregate):
    """限期改正 / 劝其退党 / 除名: committee proposal after verifying facts → pre-review by the higher
    committee → congress vote (admission's quorum and majority) → approval by the higher committee
    → outcome (a removal or leaving reaches the member registry through its public interface)."""

    @event("Opened")
    def __init__(self, member_id: str, member_name: str, year: int, measure: str, facts: str,
                 reason: str, proposed_on: date, deadline):
        self.member_id, self.member_name, self.year = member_id, member_name, year
        self.measure, self.deadline = measure, deadline
        self.status = "proposed"
        self.vote_passed = False
        self.outcome = None

    @classmethod
    def open(cls, member_id: str, member_name: str, year: int, measure: str, facts: str, reason: str,
             proposed_on: date, deadline: date | None, already_disciplined: bool = False) -> "HandlingTrack":
        if measure not in rules.MEASURES:
            raise AssessmentError(N_("未知的处置方式：%(measure)s"), measure=measure, field="measure")
        if already_disciplined:
            raise AssessmentError(N_("该党员已因同一问题受到党纪处分，不再作组织处置"), field="already_disciplined")
        if not (facts or "").strip():
            raise AssessmentError(N_("请写明核实的事实"), field="facts")
        if not (reason or "").strip():
            raise AssessmentError(N_("请写明处置理由"), field="reason")
        if measure == "correct":
            if deadline is None:
                raise AssessmentError(N_("限期改正须写明改正期限"), field="deadline")
            if deadline <= proposed_on:
                raise AssessmentError(N_("改正期限须晚于提出日期"), field="deadline")
        return cls(member_id=str(member_id), member_name=member_name, year=year, measure=measure,
                   facts=facts.strip(), reason=reason.strip(), proposed_on=proposed_on,
                   deadline=deadline if measure == "correct" else None)

    def pre_review(self, reviewed_on: date, note: str) -> None:
        if self.status != "proposed":
            raise AssessmentError(N_("只有支委会提出的处置意见需要预审"))
        self._pre_reviewed(reviewed_on=reviewed_on, note=(note or "").strip())

    @event("PreReviewed")
    def _pre_reviewed(self, reviewed_on: date, note: str) -> None:
        self.status = "pre_reviewed"

    def congress_vote(self, held_on: date, entitled: int, present: int, yes: int, no: int, abstain: int,
                      written: int = 0) -> None:
        """``written``: absent full members who gave a written opinion before the meeting (counted)."""
        if self.status != "pre_reviewed":
            raise AssessmentError(N_("须经上级党组织预审后，再提交支部党员大会表决"))
        refusal = rules.congress_refusal(entitled, present, yes, no, abstain, written)
        if refusal:
            raise AssessmentError(refusal, field="present")
        failure = rules.congress_result(entitled, present, yes, no, abstain, written)
        self._voted(held_on=held_on, entitled=entitled, present=present, written=written, yes=yes, no=no,
                    abstain=abstain, passed=failure is None, failure=failure)

    class CongressVoted(Aggregate.Event):
        """Version 2 carries the written opinions counted in the vote; version 1 had none."""

        held_on: date
        entitled: int
        present: int
        written: int
        yes: int
        no: int
        abstain: int
        passed: bool
        failure: str | None
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict) -> None:
            state["written"] = 0

    @event(CongressVoted)
    def _voted(self, held_on: date, entitled: int, present: int, written: int, yes: int, no: int,
               abstain: int, passed: bool, failure) -> None:
        self.vote_passed = passed
        self.status = "voted" if passed else "rejected"

    def approve(self, approved_on: date, approver: str, document: str) -> None:
        if self.status != "voted":
            raise AssessmentError(N_("须经支部党员大会表决通过后，再报上级党组织审批"))
        if not (approver or "").strip():
            raise AssessmentError(N_("请写明审批的上级党组织"), field="approver")
        self._approved(approved_on=approved_on, approver=approver.strip(), document=(document or "").strip())

    @event("Approved")
    def _approved(self, approved_on: date, approver: str, document: str) -> None:
        self.status = "approved"

    def conclude(self, outcome: str, concluded_on: date, reason: str) -> None:
        if self.status != "approved":
            raise AssessmentError(N_("处置意见经上级党组织批准后才能办结"))
        if outcome not in rules.OUTCOMES[self.measure]:
            raise AssessmentError(N_("「%(measure)s」不能以此结果办结"), measure=rules.MEASURES[self.measure], field="outcome")
        if not (reason or "").strip():
            raise AssessmentError(N_("请写明办结情况"), field="reason")
        self._concluded(outcome=outcome, concluded_on=concluded_on, reason=reason.strip())

    @event("Concluded")
    def _concluded(self, outcome: str, concluded_on: date, reason: str) -> None:
        self.status, self.outcome = "concluded", outcome


# -- school: periodic self-checks (季度自查、半年初评、年终总评) --------------------------------------
class SelfCheck(Aggregate):
    """One entry of the cycle: a member's quarterly self-check, or the branch's half-year
    preliminary or year-end general evaluation. Late entries are marked late."""

    @event("Recorded")
    def __init__(self, year: int, period: str, subject: str, subject_name: str, text: str,
                 recorded_on: date, late: bool):
        self.year, self.period, self.subject, self.text = year, period, subject, text

    @classmethod
    def record(cls, aggregate_id, year: int, period: str, subject: str, subject_name: str, text: str,
               recorded_on: date, due: date) -> "SelfCheck":
        if period not in rules.PERIODS:
            raise AssessmentError(N_("未知的自查周期：%(period)s"), period=period, field="period")
        if not (text or "").strip():
            raise AssessmentError(N_("请填写自查内容"), field="text")
        if recorded_on < rules.period_opens(year, period):
            raise AssessmentError(N_("%(year)s年%(period)s尚未开始"),
                                  year=year, period=rules.PERIODS[period], field="period")
        return cls._create(cls.Recorded, id=aggregate_id, year=year, period=period, subject=str(subject),
                           subject_name=subject_name, text=text.strip(), recorded_on=recorded_on,
                           late=recorded_on > due)

    def amend(self, text: str, reason: str) -> None:
        if not (text or "").strip() or text.strip() == self.text:
            raise AssessmentError(N_("没有需要更正的内容"), field="text")
        if not (reason or "").strip():
            raise AssessmentError(N_("更正须说明原因"), field="reason")
        self._amended(text=text.strip(), before=self.text, reason=reason.strip())

    @event("Amended")
    def _amended(self, text: str, before: str, reason: str) -> None:
        self.text = text
