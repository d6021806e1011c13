"""Organisational-life events → orglife_* tables."""
from __future__ import annotations

from sqlalchemy import select

from core.projections import Projection, on
from plugins.orglife import models as m
from plugins.orglife.domain import Election, LifeRecord, Rectification, Statement


def _append(rows, table, e, column: str, item: dict) -> None:
    current = rows.execute(select(table.c[column]).where(table.c.id == e.originator_id)).scalar_one()
    rows.update(table, {"id": e.originator_id}, version=e.originator_version, **{column: [*current, item]})


class OrglifeProjection(Projection):
    name = "orglife"
    scope = "tenant"
    tables = (m.statements, m.records, m.rectifications, m.elections)

    # -- statements ----------------------------------------------------------------------------
    @on(Statement.Drafted)
    def _drafted(self, rows, e, tenant):
        rows.insert(m.statements, id=e.originator_id, tenant=tenant, meeting_id=e.meeting_id, member_id=e.member_id,
                    author=e.author, sections=e.sections, status="draft", version=e.originator_version,
                    updated_at=e.timestamp)

    @on(Statement.Revised)
    def _revised(self, rows, e, tenant):
        rows.update(m.statements, {"id": e.originator_id}, sections=e.sections, version=e.originator_version,
                    updated_at=e.timestamp)

    @on(Statement.Submitted)
    def _submitted(self, rows, e, tenant):
        rows.update(m.statements, {"id": e.originator_id}, status="submitted", submitted_on=e.on,
                    version=e.originator_version, updated_at=e.timestamp)

    # -- the meeting's record ----------------------------------------------------------------------
    @on(LifeRecord.Opened)
    def _opened(self, rows, e, tenant):
        rows.insert(m.records, id=e.originator_id, tenant=tenant, meeting_id=e.meeting_id, kind=e.kind,
                    title=e.title, held_on=e.held_on, talks=[], criticisms=[], version=e.originator_version)

    @on(LifeRecord.TalkLinked)
    def _talk(self, rows, e, tenant):
        _append(rows, m.records, e, "talks", {"talk_id": e.talk_id, "held_on": e.held_on.isoformat(),
                                              "first_name": e.first_name, "second_name": e.second_name,
                                              "summary": e.summary})

    @on(LifeRecord.CriticismRecorded)
    def _criticism(self, rows, e, tenant):
        _append(rows, m.records, e, "criticisms", {"number": e.number, "from_id": e.from_id,
                                                   "from_name": e.from_name, "to_id": e.to_id,
                                                   "to_name": e.to_name, "text": e.text})

    # -- rectification -------------------------------------------------------------------------
    @on(Rectification.Listed)
    def _listed(self, rows, e, tenant):
        rows.insert(m.rectifications, id=e.originator_id, tenant=tenant, meeting_id=e.meeting_id,
                    meeting_title=e.meeting_title, item=e.item, owner=e.owner, deadline=e.deadline, status="open",
                    progress=[], late=0, version=e.originator_version)

    @on(Rectification.ProgressNoted)
    def _progress(self, rows, e, tenant):
        current = rows.execute(select(m.rectifications.c.progress)
                               .where(m.rectifications.c.id == e.originator_id)).scalar_one()
        rows.update(m.rectifications, {"id": e.originator_id}, status="in_progress", version=e.originator_version,
                    progress=[*current, {"on": e.on.isoformat(), "text": e.text}])

    @on(Rectification.Closed)
    def _closed(self, rows, e, tenant):
        rows.update(m.rectifications, {"id": e.originator_id}, status="closed", closed_on=e.on,
                    evidence={"text": e.text, "files": e.files}, late=int(e.late), version=e.originator_version)

    # -- elections -----------------------------------------------------------------------------
    @on(Election.Recorded)
    def _election(self, rows, e, tenant):
        rows.insert(m.elections, id=e.originator_id, tenant=tenant, meeting_id=e.meeting_id, held_on=e.held_on,
                    entitled=e.entitled, present=e.present, seats=e.seats, candidates=e.candidates,
                    elected=e.elected, version=e.originator_version)

    @on(Election.TookOffice)
    def _took_office(self, rows, e, tenant):
        rows.update(m.elections, {"id": e.originator_id}, term_start=e.term_start, term_end=e.term_end,
                    posts=e.posts, version=e.originator_version)


PROJECTIONS = (OrglifeProjection,)
