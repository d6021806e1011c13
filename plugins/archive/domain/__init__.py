"""Aggregates of the archive plugin. Pure: eventsourcing.domain, the standard library, core.errors."""
from plugins.archive.domain.document import ArchiveDocument, ArchiveError

AGGREGATES = (ArchiveDocument,)

__all__ = ["AGGREGATES", "ArchiveDocument", "ArchiveError"]
