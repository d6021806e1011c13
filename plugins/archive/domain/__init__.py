"""Aggregates of the archive plugin. Pure: eventsourcing.domain, the standard library, core.errors."""
from plugins.archive.domain.document import ArchiveDocument, ArchiveError
from plugins.archive.domain.output import FORMS, IndexOutput

AGGREGATES = (ArchiveDocument, IndexOutput)

__all__ = ["AGGREGATES", "FORMS", "ArchiveDocument", "ArchiveError", "IndexOutput"]
