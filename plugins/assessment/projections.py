"""Assessment events → assessment_* tables. Indicator sets come from the district log."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from core.projections import Projection, on
from plugins.assessment.describe import describe
from plugins.assessment.domain import (
    Assessment, BallotBox, EvaluationRound, HandlingTrack, IndicatorSet, SelfCheck,
)
from plugins.assessment.models import (
    assessments, attachments, comments, history, round_members, rounds, self_checks, set_history,
    sets,     tracks,
)


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


class IndicatorSetsProjection(Projection):
    name = "assessment.sets"
    scope = "district"
    tables = (set_history, sets)

    @staticmethod
    def _history(conn, e, year: int):
        conn.insert(set_history, tenant="district", year=year, version=e.originator_version,
                                 text=describe(e), actor=_meta(e).get("actor_name"), at=e.timestamp)

    @on(IndicatorSet.Created)
    def _created(self, conn, e, _log):
        conn.insert(sets,
            id=e.originator_id, tenant="district", year=e.year, title=e.title, criteria=e.criteria,
            grade_bands=e.grade_bands, based_on=e.based_on, version=e.originator_version, updated_at=e.timestamp)
        self._history(conn, e, e.year)

    @on(IndicatorSet.Revised)
    def _revised(self, conn, e, _log):
        conn.update(sets, {"id": e.originator_id},
            title=e.title, criteria=e.criteria, grade_bands=e.grade_bands, version=e.originator_version,
            updated_at=e.timestamp)
        year = conn.execute(select(sets.c.year).where(sets.c.id == e.originator_id)).scalar()
        self._history(conn, e, year)


class AssessmentProjection(Projection):
    name = "assessment.records"
    tables = (history, attachments, comments, assessments, round_members, rounds, tracks, self_checks)

    def _history(self, conn, e, tenant, kind: str):
        meta = _meta(e)
        conn.insert(history,
            tenant=tenant, aggregate_id=e.originator_id, version=e.originator_version, kind=kind,
            text=describe(e) or kind, actor=meta.get("actor_name"), reason=meta.get("reason"), at=e.timestamp)

    @staticmethod
    def _row(conn, table, e):
        return conn.execute(select(table).where(table.c.id == e.originator_id)).first()

    def _assessment(self, conn, e, tenant, kind, **values):
        conn.update(assessments, {"id": e.originator_id}, version=e.originator_version, updated_at=e.timestamp,
                    **values)
        self._history(conn, e, tenant, kind)

    # -- assessments ------------------------------------------------------------------------
    @on(Assessment.Opened)
    def _opened(self, conn, e, tenant):
        conn.insert(assessments,
            id=e.originator_id, tenant=tenant, year=e.year, status="self", set_version=e.set_version,
            title=e.title, criteria=e.criteria, grade_bands=e.grade_bands, evidence={}, self_scores={},
            scores={}, publications=0, version=e.originator_version, updated_at=e.timestamp)
        self._history(conn, e, tenant, "opened")

    @on(Assessment.SetAdopted)
    def _adopted(self, conn, e, tenant):
        row = self._row(conn, assessments, e)
        codes = {i["code"] for c in e.criteria for i in c["items"]}
        self._assessment(conn, e, tenant, "set_adopted", set_version=e.set_version, title=e.title,
                         criteria=e.criteria, grade_bands=e.grade_bands,
                         scores={c: v for c, v in row.scores.items() if c in codes},
                         self_scores={c: v for c, v in row.self_scores.items() if c in codes})

    @on(Assessment.EvidenceRecorded)
    def _evidence(self, conn, e, tenant):
        row = self._row(conn, assessments, e)
        self._assessment(conn, e, tenant, "evidence", evidence={**row.evidence, **e.items})

    @on(Assessment.SelfScored)
    def _self_scored(self, conn, e, tenant):
        row = self._row(conn, assessments, e)
        self._assessment(conn, e, tenant, "self_scored",
                         self_scores={**row.self_scores, e.item: {"score": e.score, "comment": e.comment}})

    @on(Assessment.SelfSummaryDrafted)
    def _summary_drafted(self, conn, e, tenant):
        self._assessment(conn, e, tenant, "self_summary", self_comment=e.comment)

    @on(Assessment.EvidenceAttached)
    def _attached(self, conn, e, tenant):
        conn.insert(attachments,
            tenant=tenant, assessment_id=e.originator_id, item=e.item, sha256=e.file["sha256"],
            name=e.file["name"], content_type=e.file.get("content_type"), size=e.file.get("size"),
            note=e.note, actor=_meta(e).get("actor_name"), at=e.timestamp)
        self._assessment(conn, e, tenant, "attached")

    @on(Assessment.SelfAssessmentSubmitted)
    def _submitted(self, conn, e, tenant):
        self._assessment(conn, e, tenant, "submitted", status="submitted", self_comment=e.comment,
                         self_total=e.total)

    @on(Assessment.SentBack)
    def _sent_back(self, conn, e, tenant):
        self._assessment(conn, e, tenant, "sent_back", status="self")

    @on(Assessment.ItemScored)
    def _scored(self, conn, e, tenant):
        row = self._row(conn, assessments, e)
        self._assessment(conn, e, tenant, "scored", scores={
            **row.scores, e.item: {"score": e.score, "reason": e.reason, "agreed": e.agreed,
                                   "prefilled": e.prefilled}})

    @on(Assessment.Commented)
    def _commented(self, conn, e, tenant):
        meta = _meta(e)
        conn.insert(comments, tenant=tenant, assessment_id=e.originator_id, text=e.text,
                               actor=meta.get("actor_name"), role=meta.get("role"),
                               at=e.timestamp)
        self._assessment(conn, e, tenant, "commented")

    @on(Assessment.Published)
    def _published(self, conn, e, tenant):
        self._assessment(conn, e, tenant, "published", status="published", total=e.total, grade=e.grade,
                         by_criterion=e.by_criterion, publications=e.round, published_at=e.timestamp)

    @on(Assessment.ReassessmentOpened)
    def _reassess(self, conn, e, tenant):
        self._assessment(conn, e, tenant, "reassessing", status="reassessing")

    # -- democratic evaluation ------------------------------------------------------------
    @on(EvaluationRound.Opened)
    def _round_opened(self, conn, e, tenant):
        full = sum(1 for p in e.participants if p["status"] == "full")
        conn.insert(rounds,
            id=e.originator_id, tenant=tenant, year=e.year, status="open", opened_on=e.opened_on,
            cap_numerator=e.cap_numerator, cap_denominator=e.cap_denominator, full_count=full,
            probationary_count=len(e.participants) - full, ballots=0, version=e.originator_version)
        for p in e.participants:
            conn.insert(round_members, tenant=tenant, round_id=e.originator_id,
                                       member_id=UUID(p["id"]), name=p["name"], status=p["status"])
        self._history(conn, e, tenant, "round_opened")

    @staticmethod
    def _member(conn, e, tenant, member_id: str, **values):
        conn.update(round_members, {"tenant": tenant, "round_id": e.originator_id, "member_id": UUID(member_id)},
                    **values)

    def _round(self, conn, e, tenant, kind, **values):
        conn.update(rounds, {"id": e.originator_id}, version=e.originator_version, **values)
        self._history(conn, e, tenant, kind)

    @on(EvaluationRound.SelfAssessmentWritten)
    def _self_written(self, conn, e, tenant):
        self._member(conn, e, tenant, e.member_id, self_text=e.text)
        self._round(conn, e, tenant, "self_assessment")

    @on(EvaluationRound.BallotClosed)
    def _ballot_closed(self, conn, e, tenant):
        for member_id, counts in e.tallies.items():
            self._member(conn, e, tenant, member_id, rating=counts)
        self._round(conn, e, tenant, "ballot_closed", status="rating", ballots=e.ballots)

    @on(EvaluationRound.GradeProposed)
    def _proposed(self, conn, e, tenant):
        self._member(conn, e, tenant, e.member_id, grade=e.grade, note=e.note)
        self._round(conn, e, tenant, "grade_proposed")

    @on(EvaluationRound.ResultsPublished)
    def _results(self, conn, e, tenant):
        self._round(conn, e, tenant, "published", status="published", counts=e.counts,
                    published_on=e.published_on)

    @on(BallotBox.VoteCast)
    def _vote(self, conn, e, tenant):
        # Only how many have voted is projected (never who voted what).
        conn.update(rounds, {"tenant": tenant, "id": UUID(e.round_id)}, add={"ballots": 1})

    # -- handling tracks ------------------------------------------------------------------
    def _track(self, conn, e, tenant, kind, **values):
        conn.update(tracks, {"id": e.originator_id}, version=e.originator_version, **values)
        self._history(conn, e, tenant, kind)

    @on(HandlingTrack.Opened)
    def _track_opened(self, conn, e, tenant):
        conn.insert(tracks,
            id=e.originator_id, tenant=tenant, member_id=UUID(e.member_id), member_name=e.member_name,
            year=e.year, measure=e.measure, status="proposed", facts=e.facts, reason=e.reason,
            proposed_on=e.proposed_on, deadline=e.deadline, version=e.originator_version)
        self._history(conn, e, tenant, "track_opened")

    @on(HandlingTrack.PreReviewed)
    def _pre_reviewed(self, conn, e, tenant):
        self._track(conn, e, tenant, "pre_reviewed", status="pre_reviewed", pre_reviewed_on=e.reviewed_on)

    @on(HandlingTrack.CongressVoted)
    def _voted(self, conn, e, tenant):
        vote = {"held_on": e.held_on.isoformat(), "entitled": e.entitled, "present": e.present,
                "written_opinions": e.written, "yes": e.yes,
                "no": e.no, "abstain": e.abstain, "passed": e.passed, "failure": e.failure}
        self._track(conn, e, tenant, "voted", status="voted" if e.passed else "rejected", vote=vote)

    @on(HandlingTrack.Approved)
    def _approved(self, conn, e, tenant):
        self._track(conn, e, tenant, "approved", status="approved", approved_on=e.approved_on,
                    approver=e.approver, document=e.document)

    @on(HandlingTrack.Concluded)
    def _concluded(self, conn, e, tenant):
        self._track(conn, e, tenant, "concluded", status="concluded", outcome=e.outcome,
                    concluded_on=e.concluded_on)

    # -- self-checks and account links ------------------------------------------------------
    @on(SelfCheck.Recorded)
    def _check(self, conn, e, tenant):
        conn.insert(self_checks,
            id=e.originator_id, tenant=tenant, year=e.year, period=e.period, subject=e.subject,
            subject_name=e.subject_name, text=e.text, recorded_on=e.recorded_on, late=e.late,
            version=e.originator_version)

    @on(SelfCheck.Amended)
    def _amended(self, conn, e, tenant):
        conn.update(self_checks, {"id": e.originator_id}, text=e.text, version=e.originator_version)
