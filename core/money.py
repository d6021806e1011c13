"""Money: yuan as ``Decimal`` to the fen, rounded half up; stored as whole fen. Pure."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_fen(value) -> Decimal:
    """A yuan amount rounded half up to the fen: 1.005 → 1.01."""
    return Decimal(str(value)).quantize(FEN, rounding=ROUND_HALF_UP)


def fen_int(value) -> int:
    """Yuan → whole fen, for storage."""
    return int(to_fen(value) * 100)


def from_fen(fen: int | None) -> Decimal:
    """Whole fen (as stored) → yuan."""
    return (Decimal(fen or 0) / 100).quantize(FEN)


def yuan(value) -> str:
    """¥1,234.50 — for pages and exports; "—" for no amount."""
    if value is None or value == "":
        return "—"
    return f"¥{to_fen(value):,.2f}"
