"""Pure rules of party dues (党费): rates, versioned rule sets, months, the school's policy.

Sources: ../shared/DOMAIN.md §2 (中组发〔2008〕3号). No I/O here. What each member owes month by
month and in arrears is in ``obligations``; the reports built on it in ``reports``.

Money is ``Decimal`` in yuan, rounded **half up to the fen** (0.01 yuan): 3,333.33 × 1 % =
33.3333 → 33.33; 4,250.50 × 1 % = 42.505 → 42.51. Read models keep whole fen (integers).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from core import dates as core_dates
from core.dates import month_key, month_of, month_range, parse_month  # noqa: F401  (months, the core's)
from core.dates import months_apart as months_between  # noqa: F401  (calendar months apart)
from core.errors import N_
from core.money import FEN, ZERO, fen_int, from_fen, to_fen  # noqa: F401  (money, the core's)

ROUNDING_NOTE = "金额以元为单位，精确到分，分以下四舍五入。"


# -- income categories (收入类别) ------------------------------------------------------------
CATEGORIES: dict[str, str] = {
    "employed": "按月领取工资",
    "annual_salary": "年薪制",
    "self_employed": "无固定工资收入",
    "retired": "离退休",
    "student": "学生",
    "low_income": "下岗失业、领取救济或低保",
    "fixed": "其他定额",
}
BASE_HINTS: dict[str, str] = {
    "employed": "税后工资中相对固定、经常性的部分（岗位工资、薪级工资、绩效工资、津贴补贴）",
    "annual_salary": "当月实际领取的薪酬（税后）",
    "self_employed": "上一季度月平均纯收入",
    "retired": "实际领取的离退休费（组电明字〔2017〕5号：基本离退休费）",
    "student": "定额交纳，无需基数",
    "low_income": "定额交纳，无需基数",
    "fixed": "基数栏填写每月定额（如 0.20–1.00 元）",
}
INCOME_BASED = frozenset({"employed", "annual_salary", "self_employed"})
FIXED_RATE = frozenset({"student", "low_income"})
METHODS: dict[str, str] = {"cash": "现金", "transfer": "银行转账", "online": "线上交纳", "proxy": "他人代缴"}
RELIEF_KINDS: dict[str, str] = {"reduce": "减交", "waive": "免交"}
# A single voluntary extra payment of 1,000 yuan or more goes entirely to the Central Committee.
VOLUNTARY_TO_CENTRE = Decimal(1000)


@dataclass(frozen=True)
class Bracket:
    upto: Decimal | None     # inclusive upper limit of the monthly base; None: no limit
    rate: Decimal            # e.g. Decimal("0.005") for 0.5 %


@dataclass(frozen=True)
class RuleSet:
    """One version of the rates, applying to months from ``effective_from`` on."""

    code: str
    title: str
    effective_from: date
    employed: tuple[Bracket, ...]
    retired: tuple[Bracket, ...]
    fixed: dict[str, Decimal] = field(default_factory=dict)


RULES_2008 = RuleSet(
    code="2008", title="中组发〔2008〕3号", effective_from=date(2008, 1, 1),
    employed=(Bracket(Decimal(3000), Decimal("0.005")), Bracket(Decimal(5000), Decimal("0.01")),
              Bracket(Decimal(10000), Decimal("0.015")), Bracket(None, Decimal("0.02"))),
    retired=(Bracket(Decimal(5000), Decimal("0.005")), Bracket(None, Decimal("0.01"))),
    fixed={"student": Decimal("0.20"), "low_income": Decimal("0.20")},
)
# Every version of the rates, oldest first. A new national rule is a new entry with its date.
RULE_SETS: tuple[RuleSet, ...] = (RULES_2008,)


def rule_set_for(month: date, rule_sets: tuple[RuleSet, ...] = RULE_SETS) -> RuleSet:
    """The rule set in force in ``month`` (the oldest one for months before every version)."""
    current = rule_sets[0]
    for rule_set in sorted(rule_sets, key=lambda r: r.effective_from):
        if rule_set.effective_from <= month:
            current = rule_set
    return current


def bracket_rate(brackets: tuple[Bracket, ...], base: Decimal) -> Decimal:
    for bracket in brackets:
        if bracket.upto is None or base <= bracket.upto:
            return bracket.rate
    return brackets[-1].rate


def monthly_amount(category: str, base, month: date,
                   rule_sets: tuple[RuleSet, ...] = RULE_SETS) -> Decimal:
    """The dues for one month: base × bracket rate (limits inclusive), or the fixed amount."""
    rule_set = rule_set_for(month, rule_sets)
    base = Decimal(str(base or 0))
    if category in INCOME_BASED:
        return to_fen(base * bracket_rate(rule_set.employed, base))
    if category == "retired":
        return to_fen(base * bracket_rate(rule_set.retired, base))
    if category in FIXED_RATE:
        return to_fen(rule_set.fixed[category])
    if category == "fixed":
        return to_fen(base)
    raise ValueError(f"unknown category {category!r}")


def base_error(category: str, base) -> tuple[str, str] | None:
    """(field, sentence) when a dues base cannot be recorded, else None."""
    if category not in CATEGORIES:
        return "category", N_("请选择收入类别")
    try:
        value = Decimal(str(base))
    except Exception:  # noqa: BLE001 - any unparsable input is the same user error
        return "base", N_("基数应为金额")
    if value < 0:
        return "base", N_("基数不能为负数")
    if value != to_fen(value):
        return "base", N_("基数最多保留两位小数（精确到分）")
    if (category in INCOME_BASED or category == "retired") and value == 0:
        return "base", N_("请填写月收入基数")
    if category == "fixed" and value <= 0:
        return "base", N_("请填写每月定额")
    return None


# -- months (named by their first day) -----------------------------------------------------
def add_months(month: date, n: int) -> date:
    """The month ``n`` months after ``month``'s, named by its first day."""
    return core_dates.add_months(month_of(month), n)


def last_day(month: date) -> date:
    return add_months(month, 1) - timedelta(days=1)


def period_end(month: date, quarterly: bool) -> date:
    """The last month of the payment period holding ``month`` (the month, or its quarter)."""
    return add_months(month, 2 - (month.month - 1) % 3) if quarterly else month


def last_due_month(today: date, quarterly: bool) -> date:
    """The last month whose payment period has ended by ``today``: unpaid up to here is arrears."""
    previous = add_months(month_of(today), -1)
    if not quarterly:
        return previous
    return add_months(previous, -(previous.month % 3))


def receipt_no(year: int, number: int) -> str:
    """Receipt numbers run per school and year: 2026-0001, 2026-0002 …"""
    return f"{year}-{number:04d}"


def parse_receipt_no(text: str) -> tuple[int, int] | None:
    """2026-0001 → (2026, 1); None for what is not a receipt number."""
    year, _, number = (text or "").strip().partition("-")
    if not (year.isdigit() and number.isdigit() and len(year) == 4):
        return None
    return int(year), int(number)


# -- the school's policy (local / unconfirmed rules, from the plugin settings) -------------------
@dataclass(frozen=True)
class Policy:
    ledger_start: date = date(2026, 1, 1)   # 建账月份: earlier dues live in the paper ledger
    quarterly: bool = False                 # 经支部同意按季度交纳
    prepay_limit_months: int = 6            # 预交上限 (practice, unconfirmed)
    backpay_flag_months: int = 6            # 补交一般不超过 6 个月: beyond is allowed but flagged
    warning_months: int = 3
    alert_months: int = 6                   # 党章第九条: 连续六个月不交纳党费

    @classmethod
    def from_settings(cls, settings: dict) -> "Policy":
        start = settings.get("ledger_start") or "2026-01"
        return cls(ledger_start=parse_month(start), quarterly=bool(settings.get("quarterly", False)),
                   prepay_limit_months=int(settings.get("prepay_limit_months", 6)),
                   backpay_flag_months=int(settings.get("backpay_flag_months", 6)),
                   warning_months=int(settings.get("warning_months", 3)),
                   alert_months=int(settings.get("alert_months", 6)))

    def first_month(self, joined_on: date | None) -> date:
        """Dues are owed from the month of admission as a probationary member, within the ledger."""
        return max(month_of(joined_on), self.ledger_start) if joined_on else self.ledger_start


def payment_months_error(months: list[date], first_month: date, today: date,
                         policy: Policy) -> tuple[str, str] | None:
    """(field, sentence) when these months cannot be paid now, else None."""
    if not months:
        return "months", N_("请选择要交纳的月份")
    if len(set(months)) != len(months):
        return "months", N_("月份重复")
    early = [m for m in months if m < first_month]
    if early:
        return "months", N_("%(early)s 早于应交起始月份 %(first_month)s",
                            early=month_key(early[0]), first_month=month_key(first_month))
    limit = add_months(month_of(today), policy.prepay_limit_months)
    late = [m for m in months if m > limit]
    if late:
        return "months", (N_("预交最多 %(prepay_limit_months)s 个月（至 %(limit)s），%(late)s 超出",
                             prepay_limit_months=policy.prepay_limit_months, limit=month_key(limit),
                             late=month_key(late[0])))
    return None


def is_backpay_beyond_limit(months: list[date], paid_on: date, policy: Policy) -> bool:
    """Back-payment of a month more than the limit before the payment (allowed, but flagged)."""
    return any(months_between(m, month_of(paid_on)) > policy.backpay_flag_months for m in months)


# -- amounts in capitals for receipts (人民币大写) -------------------------------------------------
_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _four(n: int) -> str:
    out, zero = "", False
    for digit, unit in zip(f"{n:04d}", ("仟", "佰", "拾", "")):
        if digit == "0":
            zero = bool(out)
            continue
        out += ("零" if zero else "") + _DIGITS[int(digit)] + unit
        zero = False
    return out


def capital_amount(amount) -> str:
    """130.65 → 壹佰叁拾元陆角伍分; 100005 → 壹拾万零伍元整 (as written on receipts)."""
    fen = fen_int(amount)
    sign, fen = ("负" if fen < 0 else ""), abs(fen)
    yuan, jiao, cent = fen // 100, fen // 10 % 10, fen % 10
    if fen == 0:
        return "零元整"
    groups, text, gap = [], "", False
    while yuan:
        groups.append(yuan % 10000)
        yuan //= 10000
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(text)
            continue
        text += ("零" if text and (gap or group < 1000) else "") + _four(group) + ("", "万", "亿", "万亿")[index]
        gap = False
    text += "元" if text else ""
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif cent and text:
        text += "零"
    return sign + text + (_DIGITS[cent] + "分" if cent else "整")
