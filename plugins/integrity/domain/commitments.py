"""Public commitments (党员公开承诺): commit at the start of the year, carry out, evaluate at year end.

承诺 → 践诺 → 评诺: items in four areas are submitted and reviewed one by one (accepted or sent back
with a reason and revised), progress is logged with evidence, each item is concluded, and the letter
is evaluated with weighted scores and published.
"""
from __future__ import annotations
from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from plugins.integrity import rules
from plugins.integrity.domain.base import IntegrityRuleError, changes_of, key_id, require


class Commitment(Aggregate):
    """One commitment letter (承诺书) of a member or of the branch itself, for one year."""

    snapshot_interval = 100

    @event("Written")
    def __init__(self, key: str, year: int, owner_kind: str, member_id: str | None, owner_name: str):
        self.year = year
        self.owner_kind = owner_kind
        self.member_id = member_id
        self.owner_name = owner_name
        self.items: dict[str, dict] = {}
        self.evaluation: dict | None = None
        self.published_on: date | None = None

    @staticmethod
    def create_id(key: str, **_):
        return key_id("commitment", key)

    @classmethod
    def write(cls, key: str, year: int, owner_kind: str, member_id: str | None, owner_name: str) -> "Commitment":
        if owner_kind not in rules.OWNER_KINDS:
            raise IntegrityRuleError(N_("承诺主体应为党员或支部"), field="owner_kind")
        if owner_kind == "member" and not member_id:
            raise IntegrityRuleError(N_("请选择作出承诺的党员"), field="member_id")
        if not 2000 <= int(year) <= 2100:
            raise IntegrityRuleError(N_("年度无效"), field="year")
        return cls(key=key, year=int(year), owner_kind=owner_kind,
                   member_id=str(member_id) if member_id else None,
                   owner_name=require(owner_name, "请填写承诺主体名称", "owner_name"))

    # -- guards ----------------------------------------------------------------------------------
    def _open(self) -> None:
        if self.published_on:
            raise IntegrityRuleError(N_("评诺结果已公布，承诺书不能再修改"), field="commitment")

    def _item(self, item_id: str) -> dict:
        item = self.items.get(item_id)
        if item is None:
            raise IntegrityRuleError(N_("没有这一承诺事项"), field="item_id")
        return item

    def _check_item(self, area: str, content: str, measure: str, deadline: date) -> None:
        if area not in rules.AREAS:
            raise IntegrityRuleError(N_("承诺领域应为 学习、工作、自律 或 服务"), field="area")
        require(content, "请填写承诺内容", "content")
        require(measure, "请填写衡量标准（怎样算兑现）", "measure")
        if not isinstance(deadline, date) or deadline.year != self.year:
            raise IntegrityRuleError(N_("完成时限应在 %(year)s 年内"), year=self.year, field="deadline")

    # -- 承诺: items and review ------------------------------------------------------------------
    def add_item(self, area: str, content: str, measure: str, deadline: date) -> str:
        self._open()
        self._check_item(area, content, measure, deadline)
        item_id = f"i{len(self.items) + 1}"
        self._submitted(item_id=item_id, area=area, content=content.strip(), measure=measure.strip(),
                        deadline=deadline)
        return item_id

    @event("ItemSubmitted")
    def _submitted(self, item_id: str, area: str, content: str, measure: str, deadline: date) -> None:
        self.items[item_id] = {"area": area, "content": content, "measure": measure, "deadline": deadline,
                               "status": "submitted", "return_reason": None, "progress": [],
                               "outcome": None, "cause": None}

    def accept_item(self, item_id: str) -> None:
        self._open()
        if self._item(item_id)["status"] != "submitted":
            raise IntegrityRuleError(N_("只有待审核的事项可以通过"), field="item_id")
        self._accepted(item_id=item_id)

    @event("ItemAccepted")
    def _accepted(self, item_id: str) -> None:
        self.items[item_id]["status"] = "accepted"
        self.items[item_id]["return_reason"] = None

    def send_back(self, item_id: str, reason: str) -> None:
        self._open()
        if self._item(item_id)["status"] != "submitted":
            raise IntegrityRuleError(N_("只有待审核的事项可以退回"), field="item_id")
        self._sent_back(item_id=item_id, reason=require(reason, "退回须说明理由", "reason"))

    @event("ItemSentBack")
    def _sent_back(self, item_id: str, reason: str) -> None:
        self.items[item_id]["status"] = "returned"
        self.items[item_id]["return_reason"] = reason

    def revise_item(self, item_id: str, area: str, content: str, measure: str, deadline: date) -> dict:
        """A returned (or not yet reviewed) item is revised and goes back for review."""
        self._open()
        item = self._item(item_id)
        if item["status"] == "accepted":
            raise IntegrityRuleError(N_("已通过的事项不能再修改"), field="item_id")
        self._check_item(area, content, measure, deadline)
        changes = changes_of(item, {"area": area, "content": content.strip(), "measure": measure.strip(),
                                    "deadline": deadline})
        if not changes:
            raise IntegrityRuleError(N_("没有修改任何内容"), field="content")
        self._revised(item_id=item_id, changes=changes)
        return changes

    @event("ItemRevised")
    def _revised(self, item_id: str, changes: dict) -> None:
        for name, change in changes.items():
            self.items[item_id][name] = change["after"]
        self.items[item_id]["status"] = "submitted"

    # -- 践诺: progress ----------------------------------------------------------------------------
    def log_progress(self, item_id: str, on: date, text: str, evidence: list, recorded_on: date,
                     grace_days: int) -> dict:
        self._open()
        item = self._item(item_id)
        if item["status"] != "accepted":
            raise IntegrityRuleError(N_("只有审核通过的承诺事项可以记录践诺进展"), field="item_id")
        if on > recorded_on:
            raise IntegrityRuleError(N_("进展日期不能晚于今天"), field="on")
        if on.year != self.year:
            raise IntegrityRuleError(N_("进展日期应在 %(year)s 年内"), year=self.year, field="on")
        entry = {"on": on, "text": require(text, "请填写进展情况", "text"), "evidence": list(evidence or []),
                 "after_deadline": on > item["deadline"],
                 "late": rules.is_late_entry(on, recorded_on, grace_days), "recorded_on": recorded_on}
        self._progress(item_id=item_id, **entry)
        return entry

    @event("ProgressLogged")
    def _progress(self, item_id: str, on: date, text: str, evidence: list, after_deadline: bool,
                  late: bool, recorded_on: date) -> None:
        self.items[item_id]["progress"].append({"on": on, "text": text, "evidence": evidence,
                                                "after_deadline": after_deadline, "late": late})

    # -- 评诺: conclusion, evaluation, publication ------------------------------------------------
    def conclude_item(self, item_id: str, outcome: str, cause: str | None = None) -> None:
        self._open()
        item = self._item(item_id)
        if item["status"] != "accepted":
            raise IntegrityRuleError(N_("只有审核通过的承诺事项可以评定兑现情况"), field="item_id")
        if outcome not in rules.OUTCOMES:
            raise IntegrityRuleError(N_("兑现情况应为 已兑现、部分兑现 或 未兑现"), field="outcome")
        cause = (cause or "").strip() or None
        if item["outcome"] == outcome and item["cause"] == cause:
            raise IntegrityRuleError(N_("兑现情况没有变化"), field="outcome")
        self._concluded(item_id=item_id, outcome=outcome, cause=cause,
                        before={"outcome": item["outcome"], "cause": item["cause"]},
                        missed_without_cause=rules.missed_without_cause(outcome, cause))

    @event("ItemConcluded")
    def _concluded(self, item_id: str, outcome: str, cause: str | None, before: dict,
                   missed_without_cause: bool) -> None:
        self.items[item_id]["outcome"] = outcome
        self.items[item_id]["cause"] = cause

    def accepted_items(self) -> dict[str, dict]:
        return {i: item for i, item in self.items.items() if item["status"] == "accepted"}

    def evaluate(self, self_score, member_scores: list, public_scores: list,
                 rule: rules.EvaluationRule, on: date) -> rules.EvaluationResult:
        self._open()
        accepted = self.accepted_items()
        if not accepted:
            raise IntegrityRuleError(N_("承诺书没有审核通过的事项，无法评诺"), field="commitment")
        pending = [i for i, item in accepted.items() if not item["outcome"]]
        if pending:
            raise IntegrityRuleError(N_("请先评定每一项承诺的兑现情况"), field="outcome")
        for name, scores in (("self_score", [self_score] if self_score is not None else []),
                             ("member_scores", member_scores), ("public_scores", public_scores)):
            error = rules.score_error(scores)
            if error:
                raise IntegrityRuleError(error, field=name)
        try:
            result = rules.evaluate(self_score, member_scores, public_scores, rule)
        except ValueError as exc:
            raise IntegrityRuleError(str(exc), field="member_scores") from exc
        self._evaluated(
            scores={"self": None if self_score is None else str(self_score),
                    "members": [str(s) for s in member_scores or []],
                    "public": [str(s) for s in public_scores or []]},
            parts={s: (str(v) if v is not None else None) for s, v in result.parts.items()},
            weights=result.weights, total=str(result.total), rating=result.rating, rule=rule.as_dict(),
            on=on, before=({"total": self.evaluation["total"], "rating": self.evaluation["rating"]}
                           if self.evaluation else None))
        return result

    @event("Evaluated")
    def _evaluated(self, scores: dict, parts: dict, weights: dict, total: str, rating: str, rule: dict,
                   on: date, before: dict | None) -> None:
        self.evaluation = {"scores": scores, "parts": parts, "weights": weights, "total": total,
                           "rating": rating, "on": on}

    def publish(self, on: date) -> None:
        if self.evaluation is None:
            raise IntegrityRuleError(N_("尚未评诺，不能公布结果"), field="commitment")
        if self.published_on:
            raise IntegrityRuleError(N_("结果已经公布"), field="commitment")
        self._published(on=on)

    @event("ResultPublished")
    def _published(self, on: date) -> None:
        self.published_on = on

    # -- derived ---------------------------------------------------------------------------------
    @property
    def status(self) -> str:
        if self.published_on:
            return "published"
        if self.evaluation:
            return "evaluated"
        statuses = {item["status"] for item in self.items.values()}
        if not statuses:
            return "draft"
        if "returned" in statuses:
            return "returned"
        if "submitted" in statuses:
            return "reviewing"
        return "accepted"
