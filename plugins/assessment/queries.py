"""Read side of the assessment plugin (over models.py)."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from core.kernel import Kernel
from plugins.assessment import rules
from plugins.assessment.models import (
    assessments, attachments, comments, history, round_members, rounds, self_checks, set_history,
    sets,     tracks,
)


def _all(k: Kernel, query) -> list:
    with k.reading() as conn:
        return conn.execute(query).all()


def _first(k: Kernel, query):
    with k.reading() as conn:
        return conn.execute(query).first()


# -- district ----------------------------------------------------------------------------------------
def list_sets(k: Kernel) -> list:
    return _all(k, select(sets).order_by(sets.c.year.desc()))


def get_set(k: Kernel, year: int):
    return _first(k, select(sets).where(sets.c.year == year))


def list_set_history(k: Kernel, year: int) -> list:
    return _all(k, select(set_history).where(set_history.c.year == year).order_by(set_history.c.version))


def list_assessments_of_year(k: Kernel, year: int) -> list:
    """Every school's assessment of a year (the district comparison)."""
    return _all(k, select(assessments).where(assessments.c.year == year).order_by(assessments.c.tenant))


def list_rounds_of_year(k: Kernel, year: int) -> list:
    return _all(k, select(rounds).where(rounds.c.year == year).order_by(rounds.c.tenant))


# -- a school --------------------------------------------------------------------------------------
def get_assessment(k: Kernel, tenant: str, year: int):
    return _first(k, select(assessments).where(assessments.c.tenant == tenant, assessments.c.year == year))


def list_assessments(k: Kernel, tenant: str) -> list:
    return _all(k, select(assessments).where(assessments.c.tenant == tenant).order_by(assessments.c.year.desc()))


def last_published(k: Kernel, tenant: str):
    return _first(k, select(assessments).where(assessments.c.tenant == tenant, assessments.c.total.is_not(None))
                  .order_by(assessments.c.year.desc()))


def list_history(k: Kernel, tenant: str, aggregate_id: UUID) -> list:
    return _all(k, select(history).where(history.c.tenant == tenant, history.c.aggregate_id == aggregate_id)
                .order_by(history.c.version))


def list_attachments(k: Kernel, tenant: str, assessment_id: UUID) -> list:
    return _all(k, select(attachments).where(attachments.c.tenant == tenant,
                                             attachments.c.assessment_id == assessment_id)
                .order_by(attachments.c.id))


def attachment(k: Kernel, tenant: str, sha256: str):
    return _first(k, select(attachments).where(attachments.c.tenant == tenant, attachments.c.sha256 == sha256))


def list_comments(k: Kernel, tenant: str, assessment_id: UUID) -> list:
    return _all(k, select(comments).where(comments.c.tenant == tenant, comments.c.assessment_id == assessment_id)
                .order_by(comments.c.id))


def get_round(k: Kernel, tenant: str, year: int):
    return _first(k, select(rounds).where(rounds.c.tenant == tenant, rounds.c.year == year))


def list_rounds(k: Kernel, tenant: str) -> list:
    return _all(k, select(rounds).where(rounds.c.tenant == tenant).order_by(rounds.c.year.desc()))


def list_round_members(k: Kernel, tenant: str, round_id: UUID) -> list:
    return _all(k, select(round_members).where(round_members.c.tenant == tenant,
                                               round_members.c.round_id == round_id)
                .order_by(round_members.c.status, round_members.c.name))


def round_member(k: Kernel, tenant: str, year: int, member_id: UUID):
    return _first(k, select(round_members).join(rounds, rounds.c.id == round_members.c.round_id)
                  .where(round_members.c.tenant == tenant, rounds.c.year == year,
                         round_members.c.member_id == member_id))


def member_rounds(k: Kernel, tenant: str, member_id: UUID) -> list:
    """Every democratic evaluation a member took part in, latest first, with the round's status: the
    grade is the member's own and is shown only once the round is published."""
    return _all(k, select(rounds.c.year, rounds.c.status.label("round_status"), rounds.c.published_on,
                          round_members.c.grade, round_members.c.status)
                .join(rounds, rounds.c.id == round_members.c.round_id)
                .where(round_members.c.tenant == tenant, round_members.c.member_id == member_id)
                .order_by(rounds.c.year.desc()))


def excellent_cap(row) -> int:
    return rules.excellent_cap(row.full_count, row.cap_numerator, row.cap_denominator)


def list_tracks(k: Kernel, tenant: str) -> list:
    return _all(k, select(tracks).where(tracks.c.tenant == tenant)
                .order_by(tracks.c.year.desc(), tracks.c.proposed_on.desc()))


def get_track(k: Kernel, tenant: str, track_id: UUID):
    return _first(k, select(tracks).where(tracks.c.tenant == tenant, tracks.c.id == track_id))


def list_self_checks(k: Kernel, tenant: str, year: int, subject: str | None = None) -> list:
    query = select(self_checks).where(self_checks.c.tenant == tenant, self_checks.c.year == year)
    if subject is not None:
        query = query.where(self_checks.c.subject == subject)
    return _all(k, query.order_by(self_checks.c.period, self_checks.c.subject_name))


def get_self_check(k: Kernel, tenant: str, check_id: UUID):
    return _first(k, select(self_checks).where(self_checks.c.tenant == tenant, self_checks.c.id == check_id))

