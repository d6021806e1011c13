"""Archive events → archive_documents."""
from __future__ import annotations

from core.projections import Projection, on
from plugins.archive import models as m
from plugins.archive.domain import ArchiveDocument, IndexOutput


class ArchiveProjection(Projection):
    name = "archive.documents"
    tables = (m.documents,)

    @on(ArchiveDocument.Filed)
    def _filed(self, rows, e, tenant):
        paper = e.paper or {}
        rows.insert(m.documents, id=e.originator_id, tenant=tenant, year=e.year, category=e.category,
                    title=e.title, number=e.number, issued_on=e.issued_on, issuer=e.issuer,
                    retention=e.retention, origin=e.origin, note=e.note, sha256=e.file["sha256"],
                    name=e.file["name"], content_type=e.file["content_type"], size=e.file["size"],
                    paper_code=paper.get("code"), paper_subject=paper.get("subject"),
                    sources=paper.get("sources"), as_of=paper.get("as_of"), withdrawn=False,
                    filed_by=(getattr(e, "meta", None) or {}).get("actor_name"), filed_at=e.timestamp,
                    version=e.originator_version)

    @on(ArchiveDocument.Described)
    def _described(self, rows, e, tenant):
        rows.update(m.documents, {"id": e.originator_id}, version=e.originator_version,
                    **{f: c["after"] for f, c in e.changes.items()})

    @on(ArchiveDocument.Withdrawn)
    def _withdrawn(self, rows, e, tenant):
        rows.update(m.documents, {"id": e.originator_id}, version=e.originator_version, withdrawn=True,
                    withdraw_reason=e.reason)


class IndexOutputsProjection(Projection):
    name = "archive.index_outputs"
    tables = (m.index_outputs,)

    @on(IndexOutput.Recorded)
    def _recorded(self, rows, e, tenant):
        rows.insert(m.index_outputs, id=e.originator_id, tenant=tenant, year=e.year, form=e.form,
                    documents=e.documents, by=(getattr(e, "meta", None) or {}).get("actor_name"), at=e.timestamp)


PROJECTIONS = (ArchiveProjection, IndexOutputsProjection)
