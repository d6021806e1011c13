"""Summary events → summary_summaries."""
from __future__ import annotations

from sqlalchemy import select

from core.projections import Projection, on
from plugins.summary import models as m
from plugins.summary.domain import Summary


class SummariesProjection(Projection):
    name = "summary.summaries"
    tables = (m.summaries,)

    @on(Summary.Drafted)
    def _drafted(self, rows, e, tenant):
        rows.insert(m.summaries, id=e.originator_id, tenant=tenant, year=e.year, facts=e.facts, sections=e.sections,
                    overrides={}, meetings=[], adoptions=0, reopened=[], sends=[], version=e.originator_version,
                    updated_at=e.timestamp)

    @on(Summary.Edited)
    def _edited(self, rows, e, tenant):
        rows.update(m.summaries, {"id": e.originator_id}, sections=e.sections, overrides=e.overrides,
                    version=e.originator_version, updated_at=e.timestamp)

    @on(Summary.Adopted)
    def _adopted(self, rows, e, tenant):
        row = self._row(rows, e)
        meetings = list(row.meetings or []) + ([e.meeting_id] if e.meeting_id and e.meeting_id not in (row.meetings or []) else [])
        rows.update(m.summaries, {"id": e.originator_id}, adopted_on=e.adopted_on, meeting_id=e.meeting_id,
                    meetings=meetings, adoptions=(row.adoptions or 0) + 1, version=e.originator_version,
                    updated_at=e.timestamp)

    @on(Summary.Reopened)
    def _reopened(self, rows, e, tenant):
        row = self._row(rows, e)
        rows.update(m.summaries, {"id": e.originator_id}, adopted_on=None,
                    reopened=list(row.reopened or []) + [{"on": e.timestamp.date().isoformat(), "reason": e.reason}],
                    version=e.originator_version, updated_at=e.timestamp)

    @on(Summary.Sent)
    def _sent(self, rows, e, tenant):
        row = self._row(rows, e)
        sent = {"adoption": e.adoption, "on": e.on.isoformat(), "route": e.route, "record_id": e.record_id,
                "title": e.title, "reason": e.reason, "by": (getattr(e, "meta", None) or {}).get("actor_name")}
        rows.update(m.summaries, {"id": e.originator_id}, sends=list(row.sends or []) + [sent],
                    version=e.originator_version, updated_at=e.timestamp)

    @staticmethod
    def _row(rows, e):
        return rows.execute(select(m.summaries).where(m.summaries.c.id == e.originator_id)).first()


PROJECTIONS = (SummariesProjection,)
