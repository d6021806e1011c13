"""The year's work summary (年度党建工作总结) of a school: drafted from the record's facts, edited by the
secretary (each save a new version), adopted by the committee. Pure."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_, ConflictError, DomainError
from core.ids import natural_id
from plugins.summary import rules


class SummaryError(DomainError):
    pass


class SentTwiceError(ConflictError):
    """The same adopted version was already sent to the district (HTTP 409)."""


class Summary(Aggregate):
    """One school's summary of one year; natural key (year)."""

    @event("Drafted")
    def __init__(self, tenant: str, year: int, facts: list, sections: dict):
        self.year, self.facts, self.sections = year, facts, sections
        self.overrides: dict = {}
        self.adopted_on: date | None = None
        self.adoptions = 0              # how many times adopted: the adopted version sent to the district
        self.sent_adoption = 0          # the adoption last sent to the district (0: never sent)

    @staticmethod
    def create_id(tenant: str, year: int, **_):
        return natural_id("summary", tenant, str(year))

    def _open(self) -> None:
        if self.adopted_on is not None:
            raise SummaryError(N_("总结已经支委会通过，不能再修改"), field="year")

    def edit(self, sections: dict, overrides: dict) -> None:
        self._open()
        unknown = set(sections) - set(rules.SECTIONS)
        if unknown:
            raise SummaryError(N_("没有这一部分：%(name)s", name=sorted(unknown)[0]), field="sections")
        keys = {f["key"] for f in self.facts}
        stray = set(overrides) - keys
        if stray:
            raise SummaryError(N_("没有这项数据：%(name)s", name=sorted(stray)[0]), field="overrides")
        merged = {**self.sections, **{c: t for c, t in sections.items()}}
        kept = {k: str(v) for k, v in overrides.items() if str(v).strip()}
        if merged == self.sections and kept == self.overrides:
            raise SummaryError(N_("内容没有改动"), field="sections")
        self._edited(sections=merged, overrides=kept)

    @event("Edited")
    def _edited(self, sections: dict, overrides: dict) -> None:
        self.sections, self.overrides = sections, overrides

    def adopt(self, adopted_on: date, meeting_id: str | None, today: date) -> None:
        self._open()
        if adopted_on > today:
            raise SummaryError(N_("日期不能晚于今天"), field="adopted_on")
        self._adopted(adopted_on=adopted_on, meeting_id=meeting_id)

    @event("Adopted")
    def _adopted(self, adopted_on: date, meeting_id: str | None) -> None:
        self.adopted_on = adopted_on
        self.adoptions += 1

    def reopen(self, reason: str) -> None:
        """Reopen an adopted summary for a correction (更正), with a reason; adopted again afterwards."""
        if self.adopted_on is None:
            raise SummaryError(N_("总结尚未通过，可以直接修改"), field="reason")
        if not (reason or "").strip():
            raise SummaryError(N_("请说明更正的理由"), field="reason")
        self._reopened(reason=reason.strip())

    @event("Reopened")
    def _reopened(self, reason: str) -> None:
        self.adopted_on = None

    def check_sendable(self, reason: str) -> None:
        """Only an adopted summary goes to the district; a corrected (re-adopted) one again, with a reason.
        Sending the same adopted version twice is a conflict (the caller's view is stale)."""
        if self.adopted_on is None:
            raise SummaryError(N_("总结经支委会通过后才能报送区委"), field="year")
        if self.sent_adoption == self.adoptions:
            raise SentTwiceError(N_("本次通过的总结已经报送区委"))
        if self.sent_adoption and not (reason or "").strip():
            raise SummaryError(N_("再次报送更正后的总结，请说明理由"), field="reason")

    def record_sent(self, on: date, route: str, record_id: str, title: str, reason: str) -> None:
        self.check_sendable(reason)
        self._sent(adoption=self.adoptions, on=on, route=route, record_id=record_id, title=title,
                   reason=(reason or "").strip())

    @event("Sent")
    def _sent(self, adoption: int, on: date, route: str, record_id: str, title: str, reason: str) -> None:
        self.sent_adoption = adoption


AGGREGATES = (Summary,)
