"""Integrity events → integrity_* tables."""
from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from sqlalchemy import func, select

from core.projections import Projection, on
from plugins.integrity import models as m
from plugins.integrity.domain import (
    Commitment, EducationSession, EthicsAssessment, EthicsPledge, Pair, Post, ResponsibilityAgreement,
    SelfInspection, VolunteerActivity,
)


def x100(hours) -> int:
    return int((Decimal(str(hours)) * 100).to_integral_value())


def _uuid(value) -> UUID | None:
    return UUID(str(value)) if value else None


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


def _files(conn, tenant, owner_id, kind, evidence) -> None:
    for ref in evidence or []:
        exists = conn.scalar(select(func.count()).select_from(m.files).where(
            m.files.c.tenant == tenant, m.files.c.sha256 == ref["sha256"], m.files.c.owner_id == owner_id))
        if not exists:
            conn.insert(m.files, tenant=tenant, sha256=ref["sha256"], owner_id=owner_id, kind=kind,
                                 name=ref["name"], content_type=ref["content_type"],
                                 size=ref["size"])


class CommitmentsProjection(Projection):
    name = "integrity.commitments"
    tables = (m.progress, m.commitment_items, m.commitments, m.files)

    def _item(self, conn, e, **values):
        conn.update(m.commitment_items, {"commitment_id": e.originator_id, "item_id": e.item_id}, **values)
        self._refresh(conn, e)

    def _refresh(self, conn, e, **values):
        items = m.commitment_items
        rows = conn.execute(select(items.c.status, items.c.outcome, items.c.missed_without_cause)
                            .where(items.c.commitment_id == e.originator_id)).all()
        counts = {
            "items_total": len(rows),
            "items_accepted": sum(r.status == "accepted" for r in rows),
            "items_pending": sum(r.status == "submitted" for r in rows),
            "items_returned": sum(r.status == "returned" for r in rows),
            "items_fulfilled": sum(r.outcome == "fulfilled" for r in rows),
            "missed_without_cause": sum(bool(r.missed_without_cause) for r in rows),
        }
        current = conn.execute(select(m.commitments.c.status, m.commitments.c.evaluation)
                               .where(m.commitments.c.id == e.originator_id)).first()
        status = values.pop("status", None) or current.status
        if status not in ("evaluated", "published"):
            status = ("draft" if not rows else "returned" if counts["items_returned"]
                      else "reviewing" if counts["items_pending"] else "accepted")
        conn.update(m.commitments, {"id": e.originator_id}, status=status, version=e.originator_version,
                    updated_at=e.timestamp, **counts, **values)

    @on(Commitment.Written)
    def _written(self, conn, e, tenant):
        conn.insert(m.commitments,
            id=e.originator_id, tenant=tenant, year=e.year, owner_kind=e.owner_kind,
            member_id=_uuid(e.member_id), owner_name=e.owner_name, status="draft",
            version=e.originator_version, updated_at=e.timestamp)

    @on(Commitment.ItemSubmitted)
    def _submitted(self, conn, e, tenant):
        head = conn.execute(select(m.commitments.c.year, m.commitments.c.owner_name)
                            .where(m.commitments.c.id == e.originator_id)).first()
        conn.insert(m.commitment_items,
            commitment_id=e.originator_id, item_id=e.item_id, tenant=tenant, year=head.year,
            owner_name=head.owner_name, area=e.area, content=e.content, measure=e.measure,
            deadline=e.deadline, status="submitted")
        self._refresh(conn, e)

    @on(Commitment.ItemAccepted)
    def _accepted(self, conn, e, tenant):
        self._item(conn, e, status="accepted", return_reason=None)

    @on(Commitment.ItemSentBack)
    def _sent_back(self, conn, e, tenant):
        self._item(conn, e, status="returned", return_reason=e.reason)

    @on(Commitment.ItemRevised)
    def _revised(self, conn, e, tenant):
        self._item(conn, e, status="submitted", **{f: c["after"] for f, c in e.changes.items()})

    @on(Commitment.ProgressLogged)
    def _progress(self, conn, e, tenant):
        conn.insert(m.progress,
            tenant=tenant, commitment_id=e.originator_id, item_id=e.item_id, version=e.originator_version,
            on=e.on, text=e.text, evidence=e.evidence, after_deadline=e.after_deadline, late=e.late,
            actor=_actor(e), recorded_at=e.timestamp)
        _files(conn, tenant, e.originator_id, "progress", e.evidence)
        items = m.commitment_items
        row = conn.execute(select(items.c.progress_count, items.c.after_deadline_count, items.c.last_progress_on)
                           .where(items.c.commitment_id == e.originator_id, items.c.item_id == e.item_id)).first()
        last = max(d for d in (row.last_progress_on, e.on) if d is not None)
        self._item(conn, e, progress_count=row.progress_count + 1, last_progress_on=last,
                   after_deadline_count=row.after_deadline_count + int(bool(e.after_deadline)))

    @on(Commitment.ItemConcluded)
    def _concluded(self, conn, e, tenant):
        self._item(conn, e, outcome=e.outcome, cause=e.cause, missed_without_cause=e.missed_without_cause)

    @on(Commitment.Evaluated)
    def _evaluated(self, conn, e, tenant):
        evaluation = {"scores": e.scores, "parts": e.parts, "weights": e.weights, "rule": e.rule,
                      "on": e.on.isoformat(), "before": e.before}
        self._refresh(conn, e, status="evaluated", evaluation=evaluation, total=e.total, rating=e.rating)

    @on(Commitment.ResultPublished)
    def _published(self, conn, e, tenant):
        self._refresh(conn, e, status="published", published_on=e.on, published_version=e.originator_version)


class PostsProjection(Projection):
    name = "integrity.posts"
    tables = (m.post_assessments, m.post_holders, m.posts)

    def _touch(self, conn, e, **values):
        holders = conn.scalar(select(func.count()).select_from(m.post_holders).where(
            m.post_holders.c.post_id == e.originator_id, m.post_holders.c.released_on.is_(None)))
        conn.update(m.posts, {"id": e.originator_id}, version=e.originator_version, holders=holders, **values)

    @on(Post.Defined)
    def _defined(self, conn, e, tenant):
        conn.insert(m.posts, id=e.originator_id, tenant=tenant, name=e.name, kind=e.kind,
                             duties=e.duties, starts_on=e.starts_on, ends_on=e.ends_on,
                             holders=0, version=e.originator_version)

    @on(Post.Revised)
    def _revised(self, conn, e, tenant):
        self._touch(conn, e, **{f: c["after"] for f, c in e.changes.items()})

    @on(Post.HolderAssigned)
    def _assigned(self, conn, e, tenant):
        conn.delete(m.post_holders, post_id=e.originator_id, member_id=_uuid(e.member_id))
        conn.insert(m.post_holders, post_id=e.originator_id, member_id=_uuid(e.member_id),
                                    tenant=tenant, member_name=e.member_name, assigned_on=e.on)
        self._touch(conn, e)

    @on(Post.HolderReleased)
    def _released(self, conn, e, tenant):
        conn.update(m.post_holders, {"post_id": e.originator_id, "member_id": _uuid(e.member_id)}, released_on=e.on)
        self._touch(conn, e)

    @on(Post.HolderAssessed)
    def _assessed(self, conn, e, tenant):
        t = m.post_assessments
        conn.delete(t, post_id=e.originator_id, member_id=_uuid(e.member_id), period=e.period)
        conn.insert(t, post_id=e.originator_id, member_id=_uuid(e.member_id), period=e.period,
                       tenant=tenant, grade=e.grade, comment=e.comment, at=e.timestamp)
        self._touch(conn, e)


class PairsProjection(Projection):
    name = "integrity.pairs"
    tables = (m.pair_visits, m.pairs)

    def _touch(self, conn, e, add=None, **values):
        conn.update(m.pairs, {"id": e.originator_id}, add, version=e.originator_version, **values)

    @on(Pair.Formed)
    def _formed(self, conn, e, tenant):
        conn.insert(m.pairs,
            id=e.originator_id, tenant=tenant, kind=e.kind, member_id=_uuid(e.member_id),
            member_name=e.member_name, helped_kind=e.helped_kind,
            helped_name=e.helped_name, helped_details=e.helped_details, started_on=e.started_on,
            goals=e.goals, visits=0, hours_x100=0, version=e.originator_version)

    @on(Pair.PlanRevised)
    def _plan(self, conn, e, tenant):
        self._touch(conn, e, goals=e.after)

    @on(Pair.VisitLogged)
    def _visit(self, conn, e, tenant):
        hours = x100(e.hours)
        conn.insert(m.pair_visits, tenant=tenant, pair_id=e.originator_id,
                                   version=e.originator_version, on=e.on, what=e.what,
                                   hours_x100=hours, evidence=e.evidence, late=e.late)
        _files(conn, tenant, e.originator_id, "visit", e.evidence)
        self._touch(conn, e, add={"visits": 1, "hours_x100": hours})

    @on(Pair.Closed)
    def _closed(self, conn, e, tenant):
        self._touch(conn, e, closed_on=e.on, outcome=e.outcome, summary=e.summary)


class RecordsProjection(Projection):
    name = "integrity.records"
    tables = (m.volunteer_hours, m.volunteer, m.education, m.agreements, m.inspections, m.ethics, m.pledges)

    def _volunteer_hours(self, conn, tenant, activity_id, on_date, participants):
        conn.delete(m.volunteer_hours, activity_id=activity_id)
        for p in participants:
            conn.insert(m.volunteer_hours,
                activity_id=activity_id, member_id=_uuid(p["member_id"]), tenant=tenant,
                member_name=p["name"], on=on_date, hours_x100=x100(p["hours"]))

    @on(VolunteerActivity.Recorded)
    def _volunteer(self, conn, e, tenant):
        conn.insert(m.volunteer,
            id=e.originator_id, tenant=tenant, title=e.title, on=e.on, place=e.place,
            participants=e.participants, hours_x100=sum(x100(p["hours"]) for p in e.participants),
            late=e.late, version=e.originator_version)
        self._volunteer_hours(conn, tenant, e.originator_id, e.on, e.participants)

    @on(VolunteerActivity.Corrected)
    def _volunteer_corrected(self, conn, e, tenant):
        values = {f: c["after"] for f, c in e.changes.items()}
        if "participants" in values:
            values["hours_x100"] = sum(x100(p["hours"]) for p in values["participants"])
        conn.update(m.volunteer, {"id": e.originator_id}, version=e.originator_version, **values)
        row = conn.execute(select(m.volunteer).where(m.volunteer.c.id == e.originator_id)).first()
        self._volunteer_hours(conn, tenant, e.originator_id, row.on, row.participants)

    @on(EducationSession.Recorded)
    def _education(self, conn, e, tenant):
        conn.insert(m.education,
            id=e.originator_id, tenant=tenant, kind=e.kind, title=e.title, on=e.on, speaker=e.speaker,
            content=e.content, attendees=e.attendees, absentees=e.absentees, late=e.late,
            version=e.originator_version)

    @on(EducationSession.AttendanceCorrected)
    def _education_corrected(self, conn, e, tenant):
        conn.update(m.education, {"id": e.originator_id}, version=e.originator_version,
                    **{f: c["after"] for f, c in e.changes.items()})

    @on(ResponsibilityAgreement.Signed)
    def _agreement(self, conn, e, tenant):
        conn.insert(m.agreements,
            id=e.originator_id, tenant=tenant, year=e.year, member_id=_uuid(e.member_id),
            member_name=e.member_name, post=e.post, duties=e.duties, counterpart=e.counterpart,
            signed_on=e.signed_on)

    @on(SelfInspection.Filed)
    def _inspection(self, conn, e, tenant):
        conn.insert(m.inspections,
            id=e.originator_id, tenant=tenant, kind=e.kind, period=e.period, owner_kind=e.owner_kind,
            member_id=_uuid(e.member_id), owner_name=e.owner_name, content=e.content, problems=e.problems,
            measures=e.measures, filed_on=e.filed_on, evidence=e.evidence, version=e.originator_version)
        _files(conn, tenant, e.originator_id, "inspection", e.evidence)

    @on(SelfInspection.Revised)
    def _inspection_revised(self, conn, e, tenant):
        conn.update(m.inspections, {"id": e.originator_id}, version=e.originator_version,
                    **{f: c["after"] for f, c in e.changes.items()})

    @on(EthicsAssessment.Assessed)
    def _ethics(self, conn, e, tenant):
        conn.insert(m.ethics,
            id=e.originator_id, tenant=tenant, year=e.year, member_id=_uuid(e.member_id),
            member_name=e.member_name, grade=e.grade, veto=e.veto, veto_reason=e.veto_reason,
            assessed_on=e.assessed_on, version=e.originator_version)

    @on(EthicsAssessment.Corrected)
    def _ethics_corrected(self, conn, e, tenant):
        conn.update(m.ethics, {"id": e.originator_id}, version=e.originator_version, **e.after)

    @on(EthicsPledge.Signed)
    def _pledge(self, conn, e, tenant):
        conn.insert(m.pledges,
            id=e.originator_id, tenant=tenant, term=e.term, member_id=_uuid(e.member_id),
            member_name=e.member_name, kind=e.kind, signed_on=e.signed_on)


PROJECTIONS = (CommitmentsProjection, PostsProjection, PairsProjection, RecordsProjection)
