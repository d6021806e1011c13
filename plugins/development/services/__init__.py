"""Member development commands: the only writers of development cases (``cases``: one case, step by
step; ``late``: cases already under way, entered late in bulk)."""
from plugins.development.services.cases import (
    RETRIES, attach_document, cancel_probation, correct_step, extend_probation, open_case, open_publicity,
    record_assessment, record_objection, record_step, refuse, resolve_objection, rule_book,
)
from plugins.development.services.late import LATE_NOTE, check_late_cases, open_late_cases

__all__ = [
    "RETRIES", "attach_document", "cancel_probation", "correct_step", "extend_probation", "open_case",
    "open_publicity", "record_assessment", "record_objection", "record_step", "refuse", "resolve_objection",
    "rule_book", "LATE_NOTE", "check_late_cases", "open_late_cases",
]
