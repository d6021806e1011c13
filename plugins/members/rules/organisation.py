"""Versioned organisation rules (DOMAIN.md §3.1–3.2, §4, §8.1): terms, committee posts, branch size."""
from __future__ import annotations
from core.errors import N_

from dataclasses import dataclass, replace
from datetime import date, timedelta

from plugins.members.rules.dates import add_months


@dataclass(frozen=True)
class OrganisationRules:
    """One version of the numeric rules; a school's settings may override the local ones."""

    effective_from: date
    term_years: int = 3                   # schools: normally 3 years [S31][S38]
    term_warning_months: int = 6          # remind about 6 months before the term ends [S39]
    branch_min_full: int = 3              # a branch needs ≥ 3 full members
    committee_required_full: int = 7      # a committee is required with ≥ 7 full members
    committee_min: int = 3                # 3–5 members, normally ≤ 7
    committee_max: int = 7
    branch_max: int = 50                  # normally ≤ 50 members
    transfer_validity_months: int = 3     # letter valid at most 3 months [S72][S73] (local: ≤ 6)
    lost_contact_months: int = 6          # out of contact ≥ 6 months → suspend [S46]
    source: str = "中国共产党支部工作条例（试行）2018；党员教育管理工作条例 2019"


# Newest last. A new version of the regulations is a new row with its effective date.
RULE_SETS: tuple[OrganisationRules, ...] = (
    OrganisationRules(effective_from=date(2018, 10, 28)),
)
OVERRIDABLE = ("term_years", "term_warning_months", "branch_max", "transfer_validity_months",
               "lost_contact_months")


def rules_on(day: date, overrides: dict | None = None) -> OrganisationRules:
    """The rule set in force on ``day``, with a school's local overrides applied."""
    current = RULE_SETS[0]
    for rule_set in RULE_SETS:
        if rule_set.effective_from <= day:
            current = rule_set
    values = {k: v for k, v in (overrides or {}).items() if k in OVERRIDABLE and v is not None}
    if values:
        current = replace(current, **values)
    return current


def default_term_end(start: date, years: int = 3) -> date:
    """A term that starts on ``start`` ends the day before the same date ``years`` later."""
    return add_months(start, 12 * years) - timedelta(days=1)


def term_status(term_end: date | None, today: date, warning_months: int) -> str | None:
    """"expired" after the end, "ending" inside the warning window, else None."""
    if term_end is None:
        return None
    if today > term_end:
        return "expired"
    if today >= add_months(term_end, -warning_months):
        return "ending"
    return None


# -- committee posts (支委分工) -------------------------------------------------------------------
POSTS: dict[str, str] = {
    "secretary": "书记", "deputy": "副书记", "organisation": "组织委员", "publicity": "宣传委员",
    "discipline": "纪检委员", "other": "委员",
}
SINGLE_POSTS = frozenset({"secretary", "deputy"})


def committee_errors(seats: list[dict], term_start: date, term_end: date, max_size: int = 7) -> dict:
    """Why a committee as elected cannot be recorded: field → sentence."""
    errors: dict[str, str] = {}
    if term_end <= term_start:
        errors["term_end"] = N_("任期结束日期须晚于开始日期")
    if not seats:
        errors["seats"] = N_("请至少填写书记")
        return errors
    posts = [s.get("post") for s in seats]
    unknown = [p for p in posts if p not in POSTS]
    if unknown:
        errors["seats"] = N_("未知的职务：%(unknown)s", unknown=unknown[0])
    elif posts.count("secretary") != 1:
        errors["seats"] = N_("支部须有且只有一名书记")
    elif posts.count("deputy") > 1:
        errors["seats"] = N_("副书记最多一名")
    elif len({str(s.get("member_id")) for s in seats}) != len(seats):
        errors["seats"] = N_("同一党员不能担任两个职务")
    elif len(seats) > max_size:
        errors["seats"] = N_("支部委员会一般不超过 %(max_size)s 人", max_size=max_size)
    return errors


def size_warnings(full: int, total: int, committee_size: int, has_secretary: bool,
                  rules: OrganisationRules) -> list[str]:
    """Branch-size rules of DOMAIN.md §3.1 as warnings (sentences)."""
    out = []
    if full < rules.branch_min_full:
        out.append(f"正式党员 {full} 名，少于 {rules.branch_min_full} 名，应成立联合党支部")
    if total > rules.branch_max:
        out.append(f"党员 {total} 名，超过 {rules.branch_max} 名，应考虑分设支部或成立党总支")
    if full >= rules.committee_required_full and committee_size == 0:
        out.append(f"正式党员 {full} 名（≥ {rules.committee_required_full}），应设立支部委员会")
    elif full >= rules.committee_required_full and committee_size < rules.committee_min:
        out.append(f"支部委员会仅 {committee_size} 人，一般应为 {rules.committee_min}–5 人")
    elif 0 < full < rules.committee_required_full and committee_size > 2:
        out.append(f"正式党员不足 {rules.committee_required_full} 名，一般不设委员会，只设书记（必要时设副书记）")
    if committee_size > rules.committee_max:
        out.append(f"支部委员会 {committee_size} 人，一般不超过 {rules.committee_max} 人")
    if not has_secretary and total > 0:
        out.append("支部尚未登记书记")
    return out


def seat_error(seats: list[dict], term_start: date | None, term_end: date | None, member_id: str, post: str,
               since: date) -> tuple[str, str] | None:
    """(field, sentence) when ``post`` cannot be filled by a by-election or appointment (补选), else None."""
    if term_start is None:
        return "term_start", N_("尚未登记本届支部委员会")
    if post not in POSTS:
        return "post", N_("未知的职务：%(post)s", post=post)
    if post in SINGLE_POSTS and any(s["post"] == post for s in seats):
        return "post", N_("%(post)s已有人担任，请先免去", post=POSTS[post])
    if any(s["member_id"] == str(member_id) for s in seats):
        return "member_id", N_("该党员已在支部委员会任职")
    if not term_start <= since <= term_end:
        return "since", N_("任职日期须在本届任期内")
    return None
