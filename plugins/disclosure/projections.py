"""Disclosure events → disclosure_* tables."""
from __future__ import annotations

from core.projections import Projection, on
from plugins.disclosure import models as m
from plugins.disclosure.domain import Disclosure, DisclosureCatalogue


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


class ItemsProjection(Projection):
    name = "disclosure.items"
    tables = (m.objections, m.proofs, m.files, m.items)

    def _touch(self, rows, e, **values):
        rows.update(m.items, {"id": e.originator_id}, version=e.originator_version, **values)

    @on(Disclosure.Published)
    def _published(self, rows, e, tenant):
        rows.insert(m.items, id=e.originator_id, tenant=tenant, entry_code=e.entry_code, kind=e.kind,
                    source_key=e.source_key, title=e.title, event_date=e.event_date, text=e.text,
                    columns=e.columns, rows=e.rows, period=e.period, audience=e.audience, form=e.form,
                    source_url=e.source_url, window_from=e.window_from, window_until=e.window_until, proofs=0,
                    objections=0, objections_open=0, withdrawn=False, version=e.originator_version,
                    published_at=e.timestamp)

    @on(Disclosure.ProofRecorded)
    def _proof(self, rows, e, tenant):
        rows.insert(m.proofs, tenant=tenant, item_id=e.originator_id, shown=e.shown, place=e.place, on=e.on,
                    photos=e.photos, actor=_actor(e))
        for ref in e.photos or []:
            rows.insert(m.files, tenant=tenant, sha256=ref["sha256"], name=ref["name"],
                        content_type=ref["content_type"], size=ref["size"])
        self._touch(rows, e, add={"proofs": 1})

    @on(Disclosure.ObjectionReceived)
    def _objection(self, rows, e, tenant):
        rows.insert(m.objections, item_id=e.originator_id, objection_id=e.objection_id, tenant=tenant,
                    received_on=e.received_on, text=e.text)
        self._touch(rows, e, add={"objections": 1, "objections_open": 1})

    @on(Disclosure.ObjectionAnswered)
    def _answered(self, rows, e, tenant):
        rows.update(m.objections, {"item_id": e.originator_id, "objection_id": e.objection_id},
                    answered_on=e.answered_on, answer=e.answer)
        self._touch(rows, e, add={"objections_open": -1})

    @on(Disclosure.Withdrawn)
    def _withdrawn(self, rows, e, tenant):
        self._touch(rows, e, withdrawn=True, withdraw_reason=e.reason)


class CatalogueProjection(Projection):
    name = "disclosure.catalogue"
    scope = "district"
    tables = (m.catalogues,)

    @on(DisclosureCatalogue.Started)
    def _started(self, rows, e, tenant):
        pass

    @on(DisclosureCatalogue.Revised)
    def _revised(self, rows, e, tenant):
        rows.insert(m.catalogues, effective_from=e.effective_from, tenant=tenant, entries=e.entries,
                    catalogue_version=e.originator_version, actor=_actor(e), revised_at=e.timestamp)


PROJECTIONS = (ItemsProjection, CatalogueProjection)
