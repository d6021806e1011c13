"""Summary events → summary_summaries."""
from __future__ import annotations

from core.projections import Projection, on
from plugins.summary import models as m
from plugins.summary.domain import Summary


class SummariesProjection(Projection):
    name = "summary.summaries"
    tables = (m.summaries,)

    @on(Summary.Drafted)
    def _drafted(self, rows, e, tenant):
        rows.insert(m.summaries, id=e.originator_id, tenant=tenant, year=e.year, facts=e.facts, sections=e.sections,
                    overrides={}, version=e.originator_version, updated_at=e.timestamp)

    @on(Summary.Edited)
    def _edited(self, rows, e, tenant):
        rows.update(m.summaries, {"id": e.originator_id}, sections=e.sections, overrides=e.overrides,
                    version=e.originator_version, updated_at=e.timestamp)

    @on(Summary.Adopted)
    def _adopted(self, rows, e, tenant):
        rows.update(m.summaries, {"id": e.originator_id}, adopted_on=e.adopted_on, meeting_id=e.meeting_id,
                    version=e.originator_version, updated_at=e.timestamp)


PROJECTIONS = (SummariesProjection,)
