"""Aggregates of party-affairs disclosure (党务公开). Pure: eventsourcing.domain, the standard library, core.

- ``Disclosure``: one item a school disclosed, from an offered fact (``zhibu_disclosable``) or by hand:
  what was published, its window (from, until), the proof of it (what was shown, where, photos), the
  objections received and their answers; withdrawn with a reason, never deleted.
- ``DisclosureCatalogue``: the district's catalogue of what branches disclose, revised from a date
  (in the district log).
"""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError
from core.ids import natural_id


class DisclosureError(DomainError):
    pass


def _text(value, message: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise DisclosureError(message, field=field)
    return text


class Disclosure(Aggregate):
    """One disclosed item of a school; its natural key is the offered fact's key (one disclosure per fact)."""

    @event("Published")
    def __init__(self, key: str, entry_code: str, kind: str, source_key: str, title: str, event_date: date,
                 text: str, columns: list, rows: list, period: str | None, audience: str, form: str,
                 source_url: str | None, window_from: date, window_until: date | None):
        self.entry_code, self.kind, self.source_key = entry_code, kind, source_key
        self.title, self.event_date, self.audience = title, event_date, audience
        self.window_from, self.window_until = window_from, window_until
        self.proofs = 0
        self.objections: dict[str, dict] = {}
        self.withdrawn = False

    @staticmethod
    def create_id(key: str, **_):
        return natural_id("disclosure", "item", key)

    @classmethod
    def publish(cls, key: str, entry_code: str, kind: str, source_key: str, title: str, event_date: date,
                text: str, columns: list, rows: list, period: str | None, audience: str, form: str,
                source_url: str | None, window_from: date, window_until: date | None) -> "Disclosure":
        title = _text(title, N_("请填写公开事项的标题"), "title")
        if not isinstance(window_from, date):
            raise DisclosureError(N_("请填写公开起始日期"), field="window_from")
        if window_until is not None and window_until < window_from:
            raise DisclosureError(N_("公开截止日期不能早于起始日期"), field="window_until")
        if window_from < event_date:
            raise DisclosureError(N_("公开起始日期不能早于事项发生日期（%(day)s）", day=event_date.isoformat()),
                                  field="window_from")
        return cls(key=key, entry_code=entry_code, kind=kind, source_key=source_key, title=title,
                   event_date=event_date, text=(text or "").strip(), columns=list(columns or []),
                   rows=[list(r) for r in rows or []], period=period, audience=audience, form=form,
                   source_url=source_url, window_from=window_from, window_until=window_until)

    def _open(self) -> None:
        if self.withdrawn:
            raise DisclosureError(N_("这项公开已撤回"), field="item")

    def record_proof(self, shown: str, place: str, on: date, photos: list, today: date) -> None:
        self._open()
        if on > today:
            raise DisclosureError(N_("日期不能晚于今天"), field="on")
        self._proof_recorded(shown=_text(shown, N_("请写明公开了什么"), "shown"),
                             place=_text(place, N_("请写明公开的地点或方式"), "place"), on=on,
                             photos=list(photos or []))

    @event("ProofRecorded")
    def _proof_recorded(self, shown: str, place: str, on: date, photos: list) -> None:
        self.proofs += 1

    def receive_objection(self, received_on: date, text: str, today: date) -> str:
        self._open()
        if received_on > today:
            raise DisclosureError(N_("日期不能晚于今天"), field="received_on")
        objection_id = f"o{len(self.objections) + 1}"
        self._objection_received(objection_id=objection_id, received_on=received_on,
                                 text=_text(text, N_("请写明收到的意见"), "text"))
        return objection_id

    @event("ObjectionReceived")
    def _objection_received(self, objection_id: str, received_on: date, text: str) -> None:
        self.objections[objection_id] = {"received_on": received_on, "answered": False}

    def answer_objection(self, objection_id: str, answered_on: date, answer: str, today: date) -> None:
        objection = self.objections.get(objection_id)
        if objection is None:
            raise DisclosureError(N_("没有这条意见"), field="objection_id")
        if objection["answered"]:
            raise DisclosureError(N_("这条意见已答复"), field="objection_id")
        if answered_on > today or answered_on < objection["received_on"]:
            raise DisclosureError(N_("答复日期应在收到意见之后、今天之前"), field="answered_on")
        self._objection_answered(objection_id=objection_id, answered_on=answered_on,
                                 answer=_text(answer, N_("请填写答复内容"), "answer"))

    @event("ObjectionAnswered")
    def _objection_answered(self, objection_id: str, answered_on: date, answer: str) -> None:
        self.objections[objection_id]["answered"] = True

    def withdraw(self, reason: str) -> None:
        self._open()
        self._withdrawn(reason=_text(reason, N_("请写明撤回的原因"), "reason"))

    @event("Withdrawn")
    def _withdrawn(self, reason: str) -> None:
        self.withdrawn = True


class DisclosureCatalogue(Aggregate):
    """The district's catalogue of what branches disclose; each revision applies from its own date."""

    @event("Started")
    def __init__(self):
        self.revisions: list[date] = []

    @staticmethod
    def create_id(**_):
        return natural_id("disclosure", "catalogue")

    def revise(self, effective_from: date, entries: list[dict], problems: list[str]) -> None:
        if problems:
            raise DisclosureError(problems[0], field="entries")
        if effective_from in self.revisions:
            raise DisclosureError(N_("%(day)s 起的目录已经制定，请另选生效日期", day=effective_from.isoformat()),
                                  field="effective_from")
        self._revised(effective_from=effective_from, entries=[dict(e) for e in entries])

    @event("Revised")
    def _revised(self, effective_from: date, entries: list) -> None:
        self.revisions.append(effective_from)


AGGREGATES = (Disclosure, DisclosureCatalogue)
