"""The directory index (目录索引) of a year put on paper or handed out: printed, exported to Excel, or
exported with the year's files as one ZIP. Recorded so the district sees that a school's index exists
outside the system, and when."""
from __future__ import annotations

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.archive.domain.document import ArchiveError

FORMS = ("print", "xlsx", "zip")


class IndexOutput(Aggregate):
    """One output of a year's directory index, with how many documents it listed."""

    @event("Recorded")
    def __init__(self, year: int, form: str, documents: int):
        self.year, self.form, self.documents = year, form, documents

    @classmethod
    def record(cls, year: int, form: str, documents: int) -> "IndexOutput":
        if form not in FORMS:
            raise ArchiveError(N_("未知的目录输出方式"), field="form")
        return cls(year=int(year), form=form, documents=int(documents))
