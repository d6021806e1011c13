"""Commands of the democratic evaluation: the round, the secret ballot, grades. (Which member a login
account is, is the member registry's account link.)"""
from __future__ import annotations
from core.errors import N_

from uuid import UUID

from sqlalchemy import delete, insert, select, update

from core.kernel import Kernel
from core.plugins import flatten
from plugins.assessment import rules
from plugins.assessment.domain import ids
from plugins.assessment.domain import AssessmentError, BallotBox, EvaluationRound
from plugins.assessment.models import ballot_pool
from plugins.assessment.services.common import load_checked, settings
from plugins.members import public as members


# -- democratic evaluation of members ---------------------------------------------------------------
def _round(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> EvaluationRound:
    return load_checked(k, tenant, ids.round_id(tenant, year), EvaluationRound, expected_version)


def open_evaluation(k: Kernel, tenant: str, year: int) -> EvaluationRound:
    """The year's round: every full and probationary member on the roll takes part."""
    if k.exists(tenant, ids.round_id(tenant, year)):
        raise AssessmentError(N_("%(year)s年度民主评议已经开始"), year=year, field="year")
    cfg = settings(k, tenant)
    participants = [{"id": str(m.id), "name": m.name, "status": m.status}
                    for m in members.list_members(k, tenant, statuses=("full", "probationary"))]
    evaluation = EvaluationRound.open(ids.round_id(tenant, year), year, participants,
                                      cfg["excellent_cap_numerator"], cfg["excellent_cap_denominator"], k.today())
    box = BallotBox.start(ids.box_id(tenant, year), str(evaluation.id), year)
    k.save(tenant, evaluation, box)
    with k.engine.begin() as conn:   # zeroed counters for every candidate and grade
        conn.execute(delete(ballot_pool).where(ballot_pool.c.tenant == tenant,
                                               ballot_pool.c.round_id == evaluation.id))
        conn.execute(insert(ballot_pool), [
            {"tenant": tenant, "round_id": evaluation.id, "candidate": p["id"], "grade": g, "votes": 0}
            for p in evaluation.full_members for g in rules.GRADES])
    return evaluation


def write_self_assessment(k: Kernel, tenant: str, year: int, member_id: UUID, text: str) -> EvaluationRound:
    evaluation = _round(k, tenant, year)
    evaluation.write_self_assessment(str(member_id), text)
    k.save(tenant, evaluation)
    return evaluation


def cast_ballot(k: Kernel, tenant: str, year: int, voter: UUID, choices: dict) -> None:
    """A member's secret mutual-assessment ballot: ``choices`` = candidate member id → grade.

    The voter is recorded on the ballot box (once only); the choices go to anonymous counters. The
    two share no key, time or order that a reader could join (see ``domain.BallotBox``).
    """
    evaluation = _round(k, tenant, year)
    box = k.get(tenant, ids.box_id(tenant, year), BallotBox)
    if evaluation.status != "open":
        raise AssessmentError(N_("互评投票已经结束"), field="ballot")
    evaluation.participant(str(voter))
    box.check_may_vote(str(voter))
    candidates = {p["id"] for p in evaluation.full_members} - {str(voter)}
    cleaned = {}
    for candidate, grade in (choices or {}).items():
        if not grade:
            continue  # leaving someone blank is an abstention
        if str(candidate) not in candidates:
            raise AssessmentError(N_("选票中有不在互评名单中的党员（本人和预备党员不参加被评）"), field="choices")
        if grade not in rules.GRADES:
            raise AssessmentError(N_("未知的等次：%(grade)s"), grade=grade, field="choices")
        cleaned[str(candidate)] = grade
    if not cleaned:
        raise AssessmentError(N_("选票是空的：请至少评价一名党员"), field="choices")
    box.cast(str(voter))
    k.save(tenant, box)          # a second or concurrent vote by the same member stops here
    with k.engine.begin() as conn:
        _count(conn, tenant, evaluation.id, cleaned)


def _count(conn, tenant: str, round_id: UUID, choices: dict[str, str]) -> None:
    """Add one ballot to the counters: one UPDATE per grade, no row per ballot."""
    for grade in rules.GRADES:
        candidates = [c for c, g in choices.items() if g == grade]
        if candidates:
            conn.execute(update(ballot_pool).where(
                ballot_pool.c.tenant == tenant, ballot_pool.c.round_id == round_id, ballot_pool.c.grade == grade,
                ballot_pool.c.candidate.in_(candidates)).values(votes=ballot_pool.c.votes + 1))


def close_ballot(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> EvaluationRound:
    """End the mutual assessment: the anonymous counters become the round's democratic rating."""
    evaluation = _round(k, tenant, year, expected_version)
    box = k.get(tenant, ids.box_id(tenant, year), BallotBox)
    with k.reading() as conn:
        rows = conn.execute(select(ballot_pool).where(ballot_pool.c.tenant == tenant,
                                                      ballot_pool.c.round_id == evaluation.id)).all()
    tallies = {p["id"]: {g: 0 for g in rules.GRADES} for p in evaluation.full_members}
    for row in rows:
        if row.candidate in tallies:
            tallies[row.candidate][row.grade] += row.votes
    evaluation.close_ballot(tallies, len(box.voters))
    box.close()
    k.save(tenant, evaluation, box)
    with k.engine.begin() as conn:
        conn.execute(delete(ballot_pool).where(ballot_pool.c.tenant == tenant,
                                               ballot_pool.c.round_id == evaluation.id))
    return evaluation


def propose_grade(k: Kernel, tenant: str, year: int, member_id: UUID, grade: str, note: str = "",
                  expected_version: int | None = None) -> EvaluationRound:
    evaluation = _round(k, tenant, year, expected_version)
    evaluation.propose_grade(str(member_id), grade, note, veto=_veto(k, tenant, year, member_id, grade))
    k.save(tenant, evaluation)
    return evaluation


def propose_grades(k: Kernel, tenant: str, year: int, grades: dict, expected_version: int | None = None
                   ) -> EvaluationRound:
    """The committee's grades for several members in one command (member id → grade); the cap holds."""
    evaluation = _round(k, tenant, year, expected_version)
    for member_id, grade in grades.items():
        evaluation.propose_grade(str(member_id), grade, "", veto=_veto(k, tenant, year, member_id, grade))
    k.save(tenant, evaluation)
    return evaluation


def _veto(k: Kernel, tenant: str, year: int, member_id, grade: str) -> str | None:
    """For a member proposed as excellent: the first one-vote veto another plugin flags for them that
    year (a flag of severity "danger" through ``zhibu_member_flags``, e.g. the ethics assessment)."""
    if grade != "excellent":
        return None
    flags = flatten(k.hooks(tenant).zhibu_member_flags(tenant=tenant, member_id=member_id, year=year))
    return next((f.label for f in flags if f.severity == "danger"), None)


def publish_results(k: Kernel, tenant: str, year: int, expected_version: int | None = None) -> EvaluationRound:
    evaluation = _round(k, tenant, year, expected_version)
    evaluation.publish_results(k.today())
    k.save(tenant, evaluation)
    return evaluation




def has_voted(k: Kernel, tenant: str, year: int, member_id: UUID) -> bool:
    """Whether a member has voted in the year's mutual assessment (never what they chose)."""
    if not k.exists(tenant, ids.box_id(tenant, year)):
        return False
    return str(member_id) in k.get(tenant, ids.box_id(tenant, year), BallotBox).voters
