"""A filed document: described, corrected with before and after, withdrawn with a reason, never deleted."""
from __future__ import annotations

from datetime import date

import pytest

from plugins.archive import rules
from plugins.archive.domain import ArchiveDocument, ArchiveError

FILE = {"sha256": "a" * 64, "name": "a.pdf", "content_type": "application/pdf", "size": 3}
CODES = [c for c, _ in rules.DEFAULT_CATEGORIES]


def _document(**overrides):
    values = {"title": "通知", "category": "upper", "year": 2026, "number": "3号", "issued_on": date(2026, 2, 1),
              "issuer": "区委", "retention": "long", "origin": "upper"} | overrides
    return ArchiveDocument.file_new(values, CODES, rules.RETENTIONS, FILE)


def test_a_correction_keeps_the_values_before_and_after():
    document = _document()
    document.describe({"number": "4号", "title": "通知"}, CODES, rules.RETENTIONS)
    event = document.collect_events()[-1]
    assert event.changes == {"number": {"before": "3号", "after": "4号"}}
    assert document.number == "4号"


def test_a_withdrawn_document_is_kept_and_can_be_neither_corrected_nor_withdrawn_again():
    document = _document()
    document.withdraw(" 重复 ")
    assert (document.withdrawn, document.withdraw_reason, document.file) == (True, "重复", FILE)
    with pytest.raises(ArchiveError):
        document.withdraw("again")
    with pytest.raises(ArchiveError):
        document.describe({"number": "5号"}, CODES, rules.RETENTIONS)


def test_the_filing_year_follows_the_documents_date():
    with pytest.raises(ArchiveError) as refused:
        _document(year=2027)
    assert refused.value.field == "year"
    assert _document(year=2025, issued_on=date(2026, 3, 31)).year == 2025
    with pytest.raises(ArchiveError):
        _document(year=2025, issued_on=date(2026, 4, 1))


def test_a_generated_paper_must_say_what_it_was_made_from():
    with pytest.raises(ArchiveError):
        _document(origin="generated")
    paper = {"code": "members.roster", "subject": "2026", "sources": [], "as_of": 9}
    made = ArchiveDocument.file_new({"title": "花名册", "category": "rosters", "year": 2026, "issued_on": date(2026, 12, 31),
                                     "retention": "permanent", "origin": "generated"}, CODES, rules.RETENTIONS, FILE, paper)
    assert made.paper == paper
