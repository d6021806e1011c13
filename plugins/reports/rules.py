"""Pure rules of reporting up: field kinds and their values, the pre-fill rate, the cross-checks of
the annual statistics that upper bodies apply. No I/O."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from core.errors import N_

# The kinds of a form's field and how they read.
FIELD_KINDS = {"count": N_("人数/次数（整数）"), "money": N_("金额（元）"), "text": N_("文字")}
STATISTICS = "statistics"   # the subject of the annual statistics report (a form's subject is its id)
STATUSES = {"draft": N_("草稿（仅本校可见）"), "submitted": N_("已报送"), "returned": N_("已退回，待重新报送")}
VALUE_STATES = {"prefilled": N_("已预填，待确认"), "confirmed": N_("已确认"), "corrected": N_("已更正"),
                "entered": N_("已填写"), "empty": N_("待填写")}

# Cells of the annual statistics that are exceptional: each non-zero one carries its name list.
EXCEPTIONAL = {"transferred_out": "转出", "deceased": "去世", "left": "自行脱党", "removed": "除名",
               "expelled": "开除党籍"}


class BadValue(Exception):
    """A value that does not fit its field's kind; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def value_of(kind: str, raw) -> int | str | None:
    """A field's value as stored: a count an int ≥ 0, money a decimal string to the fen, text stripped;
    blank is None."""
    text = "" if raw is None else str(raw).strip()
    if text == "":
        return None
    if kind == "count":
        if not (text.isascii() and text.isdigit()) or int(text) > 10**9:
            raise BadValue(N_("应为不小于 0 的整数"))
        return int(text)
    if kind == "money":
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise BadValue(N_("应为金额，例如 1280.50")) from exc
        if not amount.is_finite() or amount < 0 or amount >= 10**9 or amount != amount.quantize(Decimal("0.01")):
            raise BadValue(N_("应为不小于 0 的金额，精确到分"))
        return str(amount.quantize(Decimal("0.01")))
    if len(text) > 2000:
        raise BadValue(N_("文字不超过 2000 字"))
    return text


def figure_value(kind: str, value) -> int | str | None:
    """A plugin's figure as a value of a field of ``kind`` (None when it does not fit)."""
    try:
        return value_of(kind, value)
    except BadValue:
        return None


def prefill_rate(fields: int, prefilled: int) -> float | None:
    """The share of a form's fields that came filled from the record (0..1); None for no fields."""
    return None if not fields else prefilled / fields


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


# -- the annual statistics' cross-checks -------------------------------------------------------------
def balance_check(opening: int, added: int, removed: int, closing: int) -> str | None:
    """年初数 + 本年增加 − 本年减少 = 年末数."""
    if opening + added - removed != closing:
        return N_("年初数 %(opening)s + 本年增加 %(added)s − 本年减少 %(removed)s ≠ 年末数 %(closing)s",
                  opening=opening, added=added, removed=removed, closing=closing)
    return None


def continuity_check(opening: int, last_closing: int | None, last_year: int) -> str | None:
    """This year's opening equals the closing figure reported for last year (when one was reported)."""
    if last_closing is not None and last_closing != opening:
        return N_("本年年初数 %(opening)s 与 %(year)s 年已报送的年末数 %(closing)s 不一致",
                  opening=opening, year=last_year, closing=last_closing)
    return None


def name_list_checks(cells: list[tuple[str, int, list[str]]]) -> list[str]:
    """Every non-zero exceptional cell carries a name list of as many names as its figure."""
    return [N_("「%(label)s」为 %(count)s 人，名单有 %(names)s 人", label=label, count=count, names=len(names))
            for label, count, names in cells if count and len(names) != count]
