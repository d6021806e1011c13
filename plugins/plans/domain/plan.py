"""The annual work plan (年度党建工作计划): drafted as items, adopted by the committee at a meeting,
progress reported by owners (items not linked to records), reviewed at the half-yearly topic meeting."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.plans.domain.base import PlansError, key_id, require

ITEM_FIELDS = ("what", "measure", "target", "owner", "due_on", "link")


class WorkPlan(Aggregate):
    """One school's plan for one year; items are "i1", "i2", … in the order they were added."""

    @event("Drafted")
    def __init__(self, key: str, year: int, title: str):
        self.year, self.title = year, title
        self.items: dict[str, dict] = {}
        self.adopted: dict | None = None
        self.reviews: dict[int, dict] = {}
        self.next_item = 1

    @staticmethod
    def create_id(key: str, **_):
        return key_id("plan", key)

    @classmethod
    def draft(cls, key: str, year: int, title: str) -> "WorkPlan":
        return cls(key=key, year=int(year), title=require(title, N_("请填写计划名称"), "title"))

    # -- items ----------------------------------------------------------------------------------
    def _check_item(self, values: dict) -> dict:
        require(values.get("what"), N_("请填写工作事项"), "what")
        require(values.get("owner"), N_("请填写责任人"), "owner")
        due = values.get("due_on")
        if not isinstance(due, date):
            raise PlansError(N_("请填写完成时限"), field="due_on")
        if due.year != self.year:
            raise PlansError(N_("完成时限应在 %(year)s 年内", year=self.year), field="due_on")
        target = values.get("target")
        if target is not None and int(target) < 1:
            raise PlansError(N_("数量应至少为 1"), field="target")
        if values.get("link") and not target:
            raise PlansError(N_("关联了记录的事项须填写数量（例如 4 次）"), field="target")
        return {f: values.get(f) for f in ITEM_FIELDS}

    def live_items(self) -> dict[str, dict]:
        return {i: item for i, item in self.items.items() if not item.get("removed")}

    def add_item(self, values: dict) -> str:
        item_id = f"i{self.next_item}"
        self._item_added(item_id=item_id, **self._check_item(values))
        return item_id

    @event("ItemAdded")
    def _item_added(self, item_id: str, what: str, measure: str | None, target: int | None, owner: str,
                    due_on: date, link: str | None) -> None:
        self.items[item_id] = {"what": what, "measure": measure, "target": target, "owner": owner,
                               "due_on": due_on, "link": link, "removed": False, "complete": False}
        self.next_item += 1

    def _get(self, item_id: str) -> dict:
        item = self.live_items().get(item_id)
        if item is None:
            raise PlansError(N_("计划中没有这个事项"), field="item_id")
        return item

    def revise_item(self, item_id: str, values: dict) -> dict:
        """A revision keeps each changed field before and after (the reason is stamped on the event)."""
        item = self._get(item_id)
        merged = self._check_item({**item, **values})
        changes = {f: {"before": item.get(f), "after": merged[f]} for f in ITEM_FIELDS if item.get(f) != merged[f]}
        if not changes:
            raise PlansError(N_("没有需要修改的内容"))
        self._item_revised(item_id=item_id, changes=changes)
        return changes

    @event("ItemRevised")
    def _item_revised(self, item_id: str, changes: dict) -> None:
        for name, change in changes.items():
            self.items[item_id][name] = change["after"]

    def remove_item(self, item_id: str) -> None:
        self._get(item_id)
        if self.adopted:
            raise PlansError(N_("计划已由支委会通过，事项不能删除；如有调整请修改并说明理由"), field="item_id")
        self._item_removed(item_id=item_id)

    @event("ItemRemoved")
    def _item_removed(self, item_id: str) -> None:
        self.items[item_id]["removed"] = True

    # -- adoption and review --------------------------------------------------------------------
    def adopt(self, meeting_id: str, meeting_title: str, held_on: date, resolution_id: str | None) -> None:
        if self.adopted:
            raise PlansError(N_("计划已于 %(on)s 通过", on=self.adopted["held_on"].isoformat()), field="meeting_id")
        if not self.live_items():
            raise PlansError(N_("计划还没有工作事项"), field="meeting_id")
        self._adopted(meeting_id=meeting_id, meeting_title=meeting_title, held_on=held_on,
                      resolution_id=resolution_id)

    @event("Adopted")
    def _adopted(self, meeting_id: str, meeting_title: str, held_on: date, resolution_id: str | None) -> None:
        self.adopted = {"meeting_id": meeting_id, "meeting_title": meeting_title, "held_on": held_on,
                        "resolution_id": resolution_id}

    def review(self, half: int, meeting_id: str, meeting_title: str, held_on: date, summary: str) -> None:
        """The half-yearly committee topic meeting on party building (党建工作专题会议) reviews the plan."""
        if half not in (1, 2):
            raise PlansError(N_("请选择上半年或下半年"), field="half")
        if not self.adopted:
            raise PlansError(N_("计划尚未通过，不能检查落实情况"), field="meeting_id")
        if held_on.year != self.year:
            raise PlansError(N_("会议应在 %(year)s 年内召开", year=self.year), field="meeting_id")
        self._reviewed(half=half, meeting_id=meeting_id, meeting_title=meeting_title, held_on=held_on,
                       summary=require(summary, N_("请填写检查情况"), "summary"),
                       before=self.reviews.get(half))

    @event("Reviewed")
    def _reviewed(self, half: int, meeting_id: str, meeting_title: str, held_on: date, summary: str,
                  before: dict | None) -> None:
        self.reviews[half] = {"meeting_id": meeting_id, "meeting_title": meeting_title, "held_on": held_on}

    # -- progress of unlinked items -------------------------------------------------------------
    def report_progress(self, item_id: str, on: date, text: str, done: int | None, complete: bool,
                        evidence: list, today: date) -> None:
        item = self._get(item_id)
        if item.get("link"):
            raise PlansError(N_("此事项的进度由系统按记录统计，无需报告"), field="item_id")
        if on > today:
            raise PlansError(N_("报告日期不能晚于今天"), field="on")
        if done is not None and int(done) < 0:
            raise PlansError(N_("完成数量不能为负数"), field="done")
        self._progress_reported(item_id=item_id, on=on, text=require(text, N_("请填写完成情况"), "text"),
                                done=None if done is None else int(done), complete=bool(complete),
                                evidence=list(evidence or []))

    @event("ProgressReported")
    def _progress_reported(self, item_id: str, on: date, text: str, done: int | None, complete: bool,
                           evidence: list) -> None:
        self.items[item_id]["complete"] = self.items[item_id]["complete"] or complete
