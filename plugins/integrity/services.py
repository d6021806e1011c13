"""Integrity commands: load, call the aggregate, save. The only writers of integrity records."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, check_version
from core.files import store_file
from core.kernel import Kernel
from plugins.integrity import queries, rules
from plugins.integrity.domain import (
    Commitment, EducationSession, EthicsAssessment, EthicsPledge, IntegrityRuleError, Pair, Post,
    ResponsibilityAgreement, SelfInspection, VolunteerActivity,
)
from plugins.members import public as members

BRANCH_NAME = "党支部"


def _member(k: Kernel, tenant: str, member_id) -> members.MemberView:
    try:
        view = members.get_member(k, tenant, UUID(str(member_id)))
    except ValueError:
        view = None
    if view is None or view.status not in members.ON_ROLL:
        raise IntegrityRuleError(N_("本支部没有这名党员"), field="member_id")
    return view


def _load(k: Kernel, tenant: str, aggregate_id, cls, expected_version: int | None = None):
    aggregate = k.get(tenant, UUID(str(aggregate_id)), cls)
    check_version(aggregate, expected_version)
    return aggregate


def _save(k: Kernel, tenant: str, aggregate):
    k.save(tenant, aggregate)
    return aggregate


def _grace(k: Kernel, tenant: str) -> int:
    return queries.get_settings(k, tenant)["late_entry_days"]


def store_evidence(k: Kernel, uploads) -> list[dict]:
    """Uploads as (bytes, filename) → file references kept on the event."""
    return [store_file(k, data, name).as_dict() for data, name in uploads or () if name]


# -- public commitments (承诺 → 践诺 → 评诺) --------------------------------------------------------
def write_commitment(k: Kernel, tenant: str, year: int, owner_kind: str = "member",
                     member_id=None) -> Commitment:
    """Open the commitment letter of a member (or of the branch) for a year; one per owner and year."""
    name = _member(k, tenant, member_id).name if owner_kind == "member" else BRANCH_NAME
    key = f"{tenant}/{year}/{member_id if owner_kind == 'member' else 'branch'}"
    if k.exists(tenant, Commitment.create_id(key)):
        raise IntegrityRuleError(N_("%(name)s 已有 %(year)s 年度承诺书"), name=name, year=year, field="member_id")
    return _save(k, tenant, Commitment.write(key, year, owner_kind, member_id, name))


def add_commitment_item(k: Kernel, tenant: str, commitment_id, area: str, content: str, measure: str,
                        deadline: date, expected_version: int | None = None) -> str:
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    item_id = letter.add_item(area, content, measure, deadline)
    _save(k, tenant, letter)
    return item_id


def accept_item(k: Kernel, tenant: str, commitment_id, item_id: str, expected_version: int | None = None):
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    letter.accept_item(item_id)
    return _save(k, tenant, letter)


def send_back_item(k: Kernel, tenant: str, commitment_id, item_id: str, reason: str,
                   expected_version: int | None = None):
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    letter.send_back(item_id, reason)
    return _save(k, tenant, letter)


def revise_item(k: Kernel, tenant: str, commitment_id, item_id: str, area: str, content: str, measure: str,
                deadline: date, expected_version: int | None = None):
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    letter.revise_item(item_id, area, content, measure, deadline)
    return _save(k, tenant, letter)


def log_progress(k: Kernel, tenant: str, commitment_id, item_id: str, on: date, text: str,
                 evidence: list | None = None, expected_version: int | None = None) -> dict:
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    entry = letter.log_progress(item_id, on, text, evidence or [], k.today(), _grace(k, tenant))
    _save(k, tenant, letter)
    return entry


def conclude_item(k: Kernel, tenant: str, commitment_id, item_id: str, outcome: str, cause: str | None = None,
                  expected_version: int | None = None):
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    letter.conclude_item(item_id, outcome, cause)
    return _save(k, tenant, letter)


def evaluate_commitment(k: Kernel, tenant: str, commitment_id, self_score=None, member_scores=(),
                        public_scores=(), expected_version: int | None = None) -> rules.EvaluationResult:
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    today = k.today()
    rule = rules.evaluation_rule(today, queries.get_settings(k, tenant))
    result = letter.evaluate(self_score, list(member_scores or ()), list(public_scores or ()), rule, today)
    _save(k, tenant, letter)
    return result


def publish_result(k: Kernel, tenant: str, commitment_id, expected_version: int | None = None):
    letter = _load(k, tenant, commitment_id, Commitment, expected_version)
    letter.publish(k.today())
    return _save(k, tenant, letter)


# -- posts (设岗定责, 党员先锋岗) -------------------------------------------------------------------
def define_post(k: Kernel, tenant: str, name: str, kind: str, duties: str, starts_on: date,
                ends_on: date | None = None) -> Post:
    return _save(k, tenant, Post.define(name, kind, duties, starts_on, ends_on))


def revise_post(k: Kernel, tenant: str, post_id, values: dict, expected_version: int | None = None) -> Post:
    post = _load(k, tenant, post_id, Post, expected_version)
    post.revise(values)
    return _save(k, tenant, post)


def assign_post(k: Kernel, tenant: str, post_id, member_id, on: date | None = None,
                expected_version: int | None = None) -> Post:
    post = _load(k, tenant, post_id, Post, expected_version)
    post.assign(str(member_id), _member(k, tenant, member_id).name, on or k.today())
    return _save(k, tenant, post)


def release_post_holder(k: Kernel, tenant: str, post_id, member_id, reason: str, on: date | None = None,
                        expected_version: int | None = None) -> Post:
    post = _load(k, tenant, post_id, Post, expected_version)
    post.release(str(member_id), on or k.today(), reason)
    return _save(k, tenant, post)


def assess_post_holder(k: Kernel, tenant: str, post_id, member_id, period: str, grade: str, comment: str = "",
                       expected_version: int | None = None) -> Post:
    post = _load(k, tenant, post_id, Post, expected_version)
    post.assess(str(member_id), period, grade, comment, rules.post_grades(queries.get_settings(k, tenant)))
    return _save(k, tenant, post)


# -- pair-up assistance (结对帮扶) -----------------------------------------------------------------
def form_pair(k: Kernel, tenant: str, kind: str, helped_kind: str, helped_name: str, goals: list,
              member_id=None, helped_details: str = "", started_on: date | None = None,
              partner_name: str | None = None) -> Pair:
    name = _member(k, tenant, member_id).name if kind == "member" else (partner_name or BRANCH_NAME)
    return _save(k, tenant, Pair.form(kind, member_id if kind == "member" else None, name, helped_kind,
                                      helped_name, helped_details, started_on or k.today(), goals))


def revise_pair_plan(k: Kernel, tenant: str, pair_id, goals: list, expected_version: int | None = None) -> Pair:
    pair = _load(k, tenant, pair_id, Pair, expected_version)
    pair.set_plan(goals)
    return _save(k, tenant, pair)


def log_visit(k: Kernel, tenant: str, pair_id, on: date, what: str, hours, evidence: list | None = None,
              expected_version: int | None = None) -> dict:
    pair = _load(k, tenant, pair_id, Pair, expected_version)
    entry = pair.log_visit(on, what, hours, evidence or [], k.today(), _grace(k, tenant))
    _save(k, tenant, pair)
    return entry


def close_pair(k: Kernel, tenant: str, pair_id, outcome: str, summary: str, on: date | None = None,
               expected_version: int | None = None) -> Pair:
    pair = _load(k, tenant, pair_id, Pair, expected_version)
    pair.close(on or k.today(), outcome, summary)
    return _save(k, tenant, pair)


# -- volunteer service, education, agreements, self-inspection -------------------------------------
def _named(k: Kernel, tenant: str, rows: list[dict]) -> list[dict]:
    return [{**r, "member_id": str(r["member_id"]), "name": _member(k, tenant, r["member_id"]).name}
            for r in rows or []]


def record_volunteer(k: Kernel, tenant: str, title: str, on: date, place: str,
                     participants: list[dict]) -> VolunteerActivity:
    """``participants`` = [{"member_id", "hours"}]."""
    return _save(k, tenant, VolunteerActivity.record(title, on, place, _named(k, tenant, participants),
                                                     k.today(), _grace(k, tenant)))


def correct_volunteer(k: Kernel, tenant: str, activity_id, values: dict,
                      expected_version: int | None = None) -> VolunteerActivity:
    activity = _load(k, tenant, activity_id, VolunteerActivity, expected_version)
    if "participants" in values:
        values = {**values, "participants": _named(k, tenant, values["participants"])}
    activity.correct(values)
    return _save(k, tenant, activity)


def record_education(k: Kernel, tenant: str, kind: str, title: str, on: date, attendee_ids: list,
                     absentee_ids: list = (), speaker: str = "", content: str = "") -> EducationSession:
    attendees = _named(k, tenant, [{"member_id": i} for i in attendee_ids])
    absentees = _named(k, tenant, [{"member_id": i} for i in absentee_ids or ()])
    return _save(k, tenant, EducationSession.record(kind, title, on, speaker, content, attendees, absentees,
                                                    k.today(), _grace(k, tenant)))


def correct_attendance(k: Kernel, tenant: str, session_id, attendee_ids: list, absentee_ids: list = (),
                       expected_version: int | None = None) -> EducationSession:
    session = _load(k, tenant, session_id, EducationSession, expected_version)
    session.correct_attendance(_named(k, tenant, [{"member_id": i} for i in attendee_ids]),
                               _named(k, tenant, [{"member_id": i} for i in absentee_ids or ()]))
    return _save(k, tenant, session)


def sign_agreement(k: Kernel, tenant: str, year: int, member_id, post: str, duties: str, counterpart: str,
                   signed_on: date | None = None) -> ResponsibilityAgreement:
    member = _member(k, tenant, member_id)
    key = f"{tenant}/{year}/{member.id}"
    if k.exists(tenant, ResponsibilityAgreement.create_id(key)):
        raise IntegrityRuleError(N_("%(name)s 已签订 %(year)s 年度责任书"), name=member.name, year=year, field="member_id")
    return _save(k, tenant, ResponsibilityAgreement.sign(key, year, str(member.id), member.name, post, duties,
                                                         counterpart, signed_on or k.today()))


def file_inspection(k: Kernel, tenant: str, kind: str, year: int, content: str, half: int | None = None,
                    owner_kind: str = "branch", member_id=None, problems: str = "", measures: str = "",
                    evidence: list | None = None) -> SelfInspection:
    if kind == "half" and half not in (1, 2):
        raise IntegrityRuleError(N_("请选择上半年或下半年"), field="half")
    period = rules.inspection_period(kind, year, half)
    name = _member(k, tenant, member_id).name if owner_kind == "member" else BRANCH_NAME
    key = f"{tenant}/{period}/{member_id if owner_kind == 'member' else 'branch'}"
    if k.exists(tenant, SelfInspection.create_id(key)):
        raise IntegrityRuleError(N_("%(name)s 已提交 %(period)s 自查报告"),
                             name=name, period=rules.period_label(period), field="period")
    return _save(k, tenant, SelfInspection.file(key, kind, period, owner_kind, member_id, name, content, problems,
                                                measures, k.today(), evidence or []))


def revise_inspection(k: Kernel, tenant: str, inspection_id, values: dict,
                      expected_version: int | None = None) -> SelfInspection:
    report = _load(k, tenant, inspection_id, SelfInspection, expected_version)
    report.revise(values)
    return _save(k, tenant, report)


# -- teacher ethics (师德) -------------------------------------------------------------------------
def assess_ethics(k: Kernel, tenant: str, year: int, member_id, grade: str, violation: bool = False,
                  veto_reason: str | None = None) -> EthicsAssessment:
    member = _member(k, tenant, member_id)
    if member.category != "teacher":
        raise IntegrityRuleError(N_("%(name)s 不是教师党员，不参加师德考核"), name=member.name, field="member_id")
    key = f"{tenant}/{year}/{member.id}"
    if k.exists(tenant, EthicsAssessment.create_id(key)):
        raise IntegrityRuleError(N_("%(name)s 已有 %(year)s 年度师德考核结果；如需改动请更正"),
                             name=member.name, year=year, field="member_id")
    config = queries.get_settings(k, tenant)
    return _save(k, tenant, EthicsAssessment.assess(
        key, year, str(member.id), member.name, grade, rules.ethics_grades(config),
        rules.ethics_veto_grades(config), k.today(), violation, veto_reason))


def correct_ethics(k: Kernel, tenant: str, assessment_id, grade: str, violation: bool = False,
                   veto_reason: str | None = None, expected_version: int | None = None) -> EthicsAssessment:
    assessment = _load(k, tenant, assessment_id, EthicsAssessment, expected_version)
    config = queries.get_settings(k, tenant)
    assessment.correct(grade, rules.ethics_grades(config), rules.ethics_veto_grades(config),
                       violation, veto_reason)
    return _save(k, tenant, assessment)


def sign_pledge(k: Kernel, tenant: str, member_id, kind: str, signed_on: date | None = None,
                term: str | None = None) -> EthicsPledge:
    member = _member(k, tenant, member_id)
    signed_on = signed_on or k.today()
    term = term or rules.school_term(signed_on)
    key = f"{tenant}/{term}/{member.id}/{kind}"
    if k.exists(tenant, EthicsPledge.create_id(key)):
        raise IntegrityRuleError(N_("%(name)s 本学期已签订该承诺书"), name=member.name, field="member_id")
    return _save(k, tenant, EthicsPledge.sign(key, term, str(member.id), member.name, kind, signed_on))
