"""The per-member read model's arithmetic (issue 19): what one month of a member adds to the school's
monthly totals, and a member's arrears from their unpaid months. Pure, in whole fen.

A month's row is ``(due_fen, paid_fen, paid_on, relief)``: ``due_fen`` None when no base is recorded
yet, ``paid_fen`` None when unpaid — exactly a ``MonthLine`` (``obligations.lines``) in fen.
"""
from __future__ import annotations

from plugins.dues import rules
from plugins.dues.rules.obligations import MonthLine

Row = tuple  # (due_fen | None, paid_fen | None, paid_on | None, relief | None)
NONE = (0, 0, 0, 0)


def row_of(line: MonthLine) -> Row:
    return (None if line.due is None else rules.fen_int(line.due),
            None if line.paid is None else rules.fen_int(line.paid.amount),
            None if line.paid is None else line.paid.paid_on, line.relief)


def status(row: Row) -> str:
    due, paid = row[0], row[1]
    if paid is not None:
        return "paid"
    if due is not None and due == 0:
        return "waived"
    return "unpaid" if due is not None else "no_base"


def totals(row: Row | None) -> tuple[int, int, int, int]:
    """(due, paid, unpaid, unpaid members) a month adds to the school's month, as in
    ``reports.annual_report``: a month without a base is unpaid with an unknown (zero) amount."""
    if row is None:
        return NONE
    due, paid = row[0] or 0, row[1] or 0
    if status(row) in ("unpaid", "no_base"):
        return due, paid, due, 1
    return due, paid, 0, 0


def delta(old: Row | None, new: Row | None) -> tuple[int, int, int, int]:
    a, b = totals(old), totals(new)
    return tuple(y - x for x, y in zip(a, b))
