"""Plans events → plans_* tables."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import select

from core.projections import Projection, on
from plugins.plans import models as m
from plugins.plans.domain import ActivityRoom, BudgetRuleBook, FundsYear, WorkPlan


def _uuid(value) -> UUID | None:
    return UUID(str(value)) if value else None


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


def _files(rows, tenant: str, kind: str, refs) -> None:
    for ref in refs or []:
        rows.insert(m.files, tenant=tenant, sha256=ref["sha256"], kind=kind, name=ref["name"],
                    content_type=ref["content_type"], size=ref["size"])


class PlansProjection(Projection):
    name = "plans.plans"
    tables = (m.reviews, m.reports, m.items, m.plans)

    def _touch(self, rows, e, **values):
        rows.update(m.plans, {"id": e.originator_id}, version=e.originator_version, updated_at=e.timestamp,
                    **values)

    @on(WorkPlan.Drafted)
    def _drafted(self, rows, e, tenant):
        rows.insert(m.plans, id=e.originator_id, tenant=tenant, year=e.year, title=e.title, status="draft",
                    version=e.originator_version, updated_at=e.timestamp)

    @on(WorkPlan.ItemAdded)
    def _item_added(self, rows, e, tenant):
        year = int(rows.scalar(select(m.plans.c.year).where(m.plans.c.tenant == tenant,
                                                            m.plans.c.id == e.originator_id)))
        rows.insert(m.items, plan_id=e.originator_id, item_id=e.item_id, tenant=tenant, year=year,
                    position=int(e.item_id[1:]), what=e.what, measure=e.measure, target=e.target, owner=e.owner,
                    due_on=e.due_on, link=e.link, removed=False, complete=False, reports=0)
        self._touch(rows, e)

    @on(WorkPlan.ItemRevised)
    def _item_revised(self, rows, e, tenant):
        rows.update(m.items, {"plan_id": e.originator_id, "item_id": e.item_id},
                    **{f: c["after"] for f, c in e.changes.items()})
        self._touch(rows, e)

    @on(WorkPlan.ItemRemoved)
    def _item_removed(self, rows, e, tenant):
        rows.update(m.items, {"plan_id": e.originator_id, "item_id": e.item_id}, removed=True)
        self._touch(rows, e)

    @on(WorkPlan.Adopted)
    def _adopted(self, rows, e, tenant):
        self._touch(rows, e, status="adopted", adopted_meeting_id=_uuid(e.meeting_id),
                    adopted_meeting_title=e.meeting_title, adopted_on=e.held_on,
                    resolution_id=_uuid(e.resolution_id))

    @on(WorkPlan.Reviewed)
    def _reviewed(self, rows, e, tenant):
        rows.delete(m.reviews, plan_id=e.originator_id, half=e.half)
        rows.insert(m.reviews, plan_id=e.originator_id, half=e.half, tenant=tenant,
                    meeting_id=_uuid(e.meeting_id), meeting_title=e.meeting_title, held_on=e.held_on,
                    summary=e.summary)
        self._touch(rows, e)

    @on(WorkPlan.ProgressReported)
    def _reported(self, rows, e, tenant):
        rows.insert(m.reports, tenant=tenant, plan_id=e.originator_id, item_id=e.item_id, on=e.on, text=e.text,
                    done=e.done, complete=e.complete, evidence=e.evidence, actor=_actor(e),
                    recorded_at=e.timestamp)
        values = {"complete": True} if e.complete else {}
        rows.update(m.items, {"plan_id": e.originator_id, "item_id": e.item_id}, add={"reports": 1}, **values)
        self._touch(rows, e)


class FundsProjection(Projection):
    name = "plans.funds"
    tables = (m.spendings, m.budgets)

    def _budget(self, rows, e, tenant, budget: dict):
        return dict(members=budget["members"], per_member_fen=budget["per_member_fen"],
                    minimum_fen=budget["minimum_fen"], amount_fen=budget["amount_fen"],
                    rule_from=budget["rule_from"], version=e.originator_version, updated_at=e.timestamp)

    @on(FundsYear.BudgetSet)
    def _set(self, rows, e, tenant):
        rows.insert(m.budgets, id=e.originator_id, tenant=tenant, year=e.year, spent_fen=0,
                    **self._budget(rows, e, tenant, {"members": e.members, "per_member_fen": e.per_member_fen,
                                                     "minimum_fen": e.minimum_fen, "amount_fen": e.amount_fen,
                                                     "rule_from": e.rule_from}))

    @on(FundsYear.BudgetReset)
    def _reset(self, rows, e, tenant):
        rows.update(m.budgets, {"id": e.originator_id}, **self._budget(rows, e, tenant, e.after))

    @on(FundsYear.SpendingRecorded)
    def _spent(self, rows, e, tenant):
        year = int(rows.scalar(select(m.budgets.c.year).where(m.budgets.c.tenant == tenant,
                                                              m.budgets.c.id == e.originator_id)))
        rows.insert(m.spendings, fund_id=e.originator_id, entry_id=e.entry_id, tenant=tenant, year=year, on=e.on,
                    amount_fen=e.amount_fen, purpose=e.purpose, meeting_id=_uuid(e.meeting_id),
                    meeting_title=e.meeting_title, activity=e.activity, receipts=e.receipts, withdrawn=False)
        rows.update(m.budgets, {"id": e.originator_id}, add={"spent_fen": e.amount_fen},
                    version=e.originator_version, updated_at=e.timestamp)

    @on(FundsYear.SpendingBooked)
    def _booked(self, rows, e, tenant):
        year = int(rows.scalar(select(m.budgets.c.year).where(m.budgets.c.tenant == tenant,
                                                              m.budgets.c.id == e.originator_id)))
        rows.insert(m.spendings, fund_id=e.originator_id, entry_id=e.entry_id, tenant=tenant, year=year, on=e.on,
                    amount_fen=e.amount_fen, purpose=e.purpose, activity=e.source.get("title") or None,
                    receipts=[], withdrawn=False, source_kind=e.source["kind"], source_id=_uuid(e.source["id"]),
                    source_title=e.source.get("title") or None, corrections=[])
        rows.update(m.budgets, {"id": e.originator_id}, add={"spent_fen": e.amount_fen},
                    version=e.originator_version, updated_at=e.timestamp)

    @on(FundsYear.SpendingCorrected)
    def _corrected(self, rows, e, tenant):
        key = {"fund_id": e.originator_id, "entry_id": e.entry_id}
        before = rows.scalar(select(m.spendings.c.corrections).where(
            m.spendings.c.fund_id == e.originator_id, m.spendings.c.entry_id == e.entry_id)) or []
        rows.update(m.spendings, key, amount_fen=e.amount_fen, corrections=[*before, {
            "before_fen": e.before_fen, "amount_fen": e.amount_fen, "reason": e.reason}])
        rows.update(m.budgets, {"id": e.originator_id}, add={"spent_fen": e.amount_fen - e.before_fen},
                    version=e.originator_version, updated_at=e.timestamp)

    @on(FundsYear.SpendingWithdrawn)
    def _withdrawn(self, rows, e, tenant):
        amount = int(rows.scalar(select(m.spendings.c.amount_fen).where(
            m.spendings.c.fund_id == e.originator_id, m.spendings.c.entry_id == e.entry_id)))
        rows.update(m.spendings, {"fund_id": e.originator_id, "entry_id": e.entry_id}, withdrawn=True,
                    withdraw_reason=e.reason)
        rows.update(m.budgets, {"id": e.originator_id}, add={"spent_fen": -amount},
                    version=e.originator_version, updated_at=e.timestamp)


class RoomProjection(Projection):
    name = "plans.room"
    tables = (m.room_checks,)

    @on(ActivityRoom.Opened)
    def _opened(self, rows, e, tenant):
        pass

    @on(ActivityRoom.ElementChecked)
    def _checked(self, rows, e, tenant):
        rows.insert(m.room_checks, tenant=tenant, element=e.element, on=e.on, present=e.present, note=e.note,
                    photos=e.photos, actor=_actor(e), recorded_at=e.timestamp)


class FilesProjection(Projection):
    """The files attached to reports, spendings and room checks (who may download which)."""
    name = "plans.files"
    tables = (m.files,)

    @on(WorkPlan.ProgressReported)
    def _report(self, rows, e, tenant):
        _files(rows, tenant, "report", e.evidence)

    @on(FundsYear.SpendingRecorded)
    def _receipt(self, rows, e, tenant):
        _files(rows, tenant, "receipt", e.receipts)

    @on(ActivityRoom.ElementChecked)
    def _photo(self, rows, e, tenant):
        _files(rows, tenant, "photo", e.photos)


class BudgetRulesProjection(Projection):
    """The district's budget rule versions (党建经费标准)."""
    name = "plans.budget_rules"
    scope = "district"
    tables = (m.budget_rules,)

    @on(BudgetRuleBook.Opened)
    def _opened(self, rows, e, tenant):
        pass

    @on(BudgetRuleBook.VersionAdded)
    def _added(self, rows, e, tenant):
        rows.delete(m.budget_rules, tenant=tenant, effective_from=e.effective_from)
        rows.insert(m.budget_rules, tenant=tenant, effective_from=e.effective_from, per_member_fen=e.per_member_fen,
                    minimum_fen=e.minimum_fen, note=e.note, replaced=e.before, actor=_actor(e),
                    recorded_at=e.timestamp)


PROJECTIONS = (PlansProjection, FundsProjection, RoomProjection, FilesProjection, BudgetRulesProjection)
