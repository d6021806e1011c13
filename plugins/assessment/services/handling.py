"""Commands for unqualified members' handling tracks and the periodic self-checks."""
from __future__ import annotations
from core.errors import N_

from datetime import date
from uuid import UUID

from core.kernel import Kernel
from plugins.assessment import queries, rules
from plugins.assessment.domain import ids
from plugins.assessment.domain import AssessmentError, HandlingTrack, SelfCheck
from plugins.assessment.services.common import load_checked, settings
from plugins.members import public as members


# -- handling of unqualified members ------------------------------------------------------------------
def _track(k: Kernel, tenant: str, track_id: UUID, expected_version: int | None = None) -> HandlingTrack:
    return load_checked(k, tenant, track_id, HandlingTrack, expected_version)


def open_handling(k: Kernel, tenant: str, year: int, member_id: UUID, measure: str, facts: str, reason: str,
                  proposed_on: date | None = None, deadline: date | None = None,
                  already_disciplined: bool = False) -> HandlingTrack:
    """The committee's proposal for a member graded unqualified (不合格) in the year's evaluation."""
    row = queries.round_member(k, tenant, year, member_id)
    if row is None or row.grade != "unqualified":
        raise AssessmentError(N_("只能对当年民主评议中评定为不合格的党员提出组织处置"), field="member_id")
    proposed_on = proposed_on or k.today()
    if measure == "correct" and deadline is None:
        deadline = rules.add_months(proposed_on, settings(k, tenant)["correction_months"])
    track = HandlingTrack.open(str(member_id), row.name, year, measure, facts, reason, proposed_on, deadline,
                               already_disciplined)
    k.save(tenant, track)
    return track


def pre_review(k: Kernel, tenant: str, track_id: UUID, reviewed_on: date, note: str = "",
               expected_version: int | None = None) -> HandlingTrack:
    track = _track(k, tenant, track_id, expected_version)
    track.pre_review(reviewed_on, note)
    k.save(tenant, track)
    return track


def record_congress_vote(k: Kernel, tenant: str, track_id: UUID, held_on: date, entitled: int, present: int,
                         yes: int, no: int = 0, abstain: int = 0,
                         expected_version: int | None = None, written_opinions: int = 0) -> HandlingTrack:
    """The congress vote; ``written_opinions`` of absent full members given before it count."""
    track = _track(k, tenant, track_id, expected_version)
    track.congress_vote(held_on, entitled, present, yes, no, abstain, written_opinions)
    k.save(tenant, track)
    return track


def approve_handling(k: Kernel, tenant: str, track_id: UUID, approved_on: date, approver: str,
                     document: str = "", expected_version: int | None = None) -> HandlingTrack:
    """The higher committee's approval. A removal (除名) takes effect on the member's record now."""
    track = _track(k, tenant, track_id, expected_version)
    track.approve(approved_on, approver, document)
    if track.measure == "remove":
        reason = f"不合格党员组织处置：除名（{approver}批准{('，' + document) if document else ''}）"
        track.conclude("removed", approved_on, reason)
        members.change_status(k, tenant, UUID(track.member_id), "removed", approved_on, reason)
    k.save(tenant, track)
    return track


def conclude_handling(k: Kernel, tenant: str, track_id: UUID, outcome: str, concluded_on: date, reason: str,
                      expected_version: int | None = None) -> HandlingTrack:
    track = _track(k, tenant, track_id, expected_version)
    track.conclude(outcome, concluded_on, reason)
    if outcome == "left":
        members.change_status(k, tenant, UUID(track.member_id), "left", concluded_on,
                              f"劝其退党，本人同意退党：{reason}")
    k.save(tenant, track)
    return track


# -- periodic self-checks --------------------------------------------------------------------------
def record_self_check(k: Kernel, tenant: str, year: int, period: str, subject: str, subject_name: str,
                      text: str) -> SelfCheck:
    """A member's quarterly self-check (subject = member id) or the branch's H1/Y evaluation ("branch")."""
    if period in rules.MEMBER_PERIODS and subject == "branch":
        raise AssessmentError(N_("季度自查由党员本人填写"), field="period")
    if period in rules.BRANCH_PERIODS and subject != "branch":
        raise AssessmentError(N_("半年初评和年终总评由支部填写"), field="period")
    check_id = ids.self_check_id(tenant, year, period, subject)
    if k.exists(tenant, check_id):
        raise AssessmentError(N_("%(year)s年%(period)s已经提交；如需更正请使用「更正」"),
                              year=year, period=rules.PERIODS.get(period, period),
                              field="period")
    due = rules.period_due(year, period, settings(k, tenant)["self_check_grace_days"])
    check = SelfCheck.record(check_id, year, period, str(subject), subject_name, text, k.today(), due)
    k.save(tenant, check)
    return check


def amend_self_check(k: Kernel, tenant: str, check_id: UUID, text: str, reason: str,
                     expected_version: int | None = None) -> SelfCheck:
    check = load_checked(k, tenant, check_id, SelfCheck, expected_version)
    check.amend(text, reason)
    k.save(tenant, check)
    return check
