"""A filed document (归档文件): from an upper body, the branch's own, or generated from records.

Nothing is deleted: a document filed by mistake is withdrawn (撤档) with a reason and stays in the
log; a correction of its description is a new event keeping the values before and after."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_, DomainError

ORIGINS = ("upper", "own", "generated")
DESCRIBED = ("title", "category", "year", "number", "issued_on", "issuer", "retention")


class ArchiveError(DomainError):
    pass


class ArchiveDocument(Aggregate):
    """One document in a school's archive."""

    @event("Filed")
    def __init__(self, title: str, category: str, year: int, number: str, issued_on: date, issuer: str,
                 retention: str, origin: str, file: dict, paper: dict | None = None, note: str = ""):
        self.title, self.category, self.year, self.number = title, category, year, number
        self.issued_on, self.issuer, self.retention, self.origin = issued_on, issuer, retention, origin
        self.file, self.paper, self.note = file, paper, note
        self.withdrawn = False
        self.withdraw_reason = ""

    @classmethod
    def file_new(cls, values: dict, categories, retentions, file: dict, paper: dict | None = None):
        check(values, categories, retentions)
        if (values["origin"] == "generated") != (paper is not None):
            raise ArchiveError(N_("只有由记录生成的公文才能标为“系统生成”"), field="origin")
        return cls(title=values["title"].strip(), category=values["category"], year=int(values["year"]),
                   number=(values.get("number") or "").strip(), issued_on=values["issued_on"],
                   issuer=(values.get("issuer") or "").strip(), retention=values["retention"],
                   origin=values["origin"], file=file, paper=paper, note=(values.get("note") or "").strip())

    def check_open(self) -> None:
        if self.withdrawn:
            raise ArchiveError(N_("该文件已撤档"), field="reason")

    def describe(self, values: dict, categories, retentions) -> None:
        """Correct the description (title, category, number …); the file itself never changes."""
        self.check_open()
        merged = {f: getattr(self, f) for f in DESCRIBED} | {"origin": self.origin}
        merged |= {f: values[f] for f in DESCRIBED if f in values}
        check(merged, categories, retentions)
        changes = {f: {"before": getattr(self, f), "after": merged[f]} for f in DESCRIBED
                   if merged[f] != getattr(self, f)}
        if not changes:
            raise ArchiveError(N_("没有需要更正的内容"), field="title")
        self._described(changes=changes)

    @event("Described")
    def _described(self, changes: dict) -> None:
        for name, change in changes.items():
            setattr(self, name, change["after"])

    def withdraw(self, reason: str) -> None:
        self.check_open()
        if not (reason or "").strip():
            raise ArchiveError(N_("请写明撤档原因"), field="reason")
        self._withdrawn(reason=reason.strip())

    @event("Withdrawn")
    def _withdrawn(self, reason: str) -> None:
        self.withdrawn, self.withdraw_reason = True, reason


def check(values: dict, categories, retentions) -> None:
    if not (values.get("title") or "").strip():
        raise ArchiveError(N_("请填写文件标题"), field="title")
    if values.get("category") not in tuple(categories):
        raise ArchiveError(N_("请选择档案类别"), field="category")
    if values.get("retention") not in tuple(retentions):
        raise ArchiveError(N_("请选择保管期限"), field="retention")
    if values.get("origin") not in ORIGINS:
        raise ArchiveError(N_("未知的文件来源"), field="origin")
    issued = values.get("issued_on")
    if not isinstance(issued, date):
        raise ArchiveError(N_("请填写成文日期"), field="issued_on")
    year = int(values.get("year") or 0)
    if year != issued.year and not (year == issued.year - 1 and issued.month <= 3):
        raise ArchiveError(N_("归档年度应为成文日期的年度（次年一季度形成的上年材料可归入上年）"), field="year")
