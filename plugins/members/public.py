"""What other plugins may use of the member registry. Nothing else of this package is public.

Reads return ``MemberView``s; writes go through the registry's own services, so its rules and
events apply (a plugin never writes the registry's tables).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from sqlalchemy import select

from core.kernel import Kernel
from plugins.members import queries, rules, services
from plugins.members.domain import Member, Transfer
from plugins.members.models import status_changes
from plugins.members.rules import ON_ROLL, STATUSES, age_on, party_age

__all__ = ["MemberView", "Member", "STATUSES", "ON_ROLL", "list_members", "get_member",
           "full_members", "probationary_members", "admit_probationary", "convert_to_full",
           "new_probationary", "convert_new", "save_new_members",
           "change_status", "register_member", "party_age", "age_on",
           "CommitteeSeat", "POSTS", "committee", "party_groups", "is_under_party_probation",
           "roster_as_of", "roster_on", "AXES", "member_for_user", "user_for_member", "link_account", "NOT_LINKED",
           "Arrival", "arrivals", "statistics", "movement_names", "term", "elect_committee", "Transfer"]

# What a page says when a feature needs the signed-in account to be a member of the school.
NOT_LINKED = "您的登录账号尚未关联党员：请支部书记或组织委员在党员名册的党员页面为您关联账号。"

POSTS = rules.POSTS   # committee post code → Chinese title


@dataclass(frozen=True)
class MemberView:
    id: UUID
    name: str
    gender: str | None
    category: str | None
    status: str
    party_group: str | None
    birth_date: date | None
    joined_on: date | None
    converted_on: date | None
    version: int

    @property
    def is_full(self) -> bool:
        return self.status == "full"

    @property
    def is_probationary(self) -> bool:
        return self.status == "probationary"

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)


@dataclass(frozen=True)
class Arrival:
    """A member's latest transfer into this branch (组织关系转入): their own start here."""

    on: date                      # the letter's date
    dues_paid_to: str | None      # "YYYY-MM": dues paid to the former branch up to this month


def arrivals(k: Kernel, tenant: str) -> dict[UUID, Arrival]:
    """Member id → their latest transfer in, for members who came from another branch."""
    out: dict[UUID, Arrival] = {}
    for row in queries.list_transfers(k, tenant, "in"):   # newest first
        out.setdefault(row.member_id, Arrival(row.issued_on, row.dues_paid_to))
    return out


def _view(row) -> MemberView:
    row = row if isinstance(row, dict) else row._mapping
    return MemberView(id=row["id"], name=row["name"], gender=row["gender"], category=row["category"],
                      status=row["status"], party_group=row["party_group"], birth_date=row["birth_date"],
                      joined_on=row["joined_on"], converted_on=row["converted_on"], version=row["version"])


def list_members(k: Kernel, tenant: str, statuses=ON_ROLL, on: date | None = None) -> list[MemberView]:
    """Members of a school with the given statuses (default: those on the roll), by name: today's,
    or with ``on`` those on the roll that day by the dates in the world, with their status that day."""
    if on is not None:
        return [_view(r) for r in queries.roster_on(k, tenant, on) if r["status"] in statuses]
    return [_view(r) for r in queries.list_members(k, tenant, statuses)]


def names_and_joining(k: Kernel, tenant: str, statuses=ON_ROLL) -> list[tuple[UUID, str, date | None]]:
    """Today's members with the given statuses as (id, name, joined_on), by name: for a page that needs
    only these of a whole roll (dues' first months), without reading every member's record."""
    return [tuple(r) for r in queries.list_names_and_joining(k, tenant, statuses)]


def full_members(k: Kernel, tenant: str) -> list[MemberView]:
    return list_members(k, tenant, statuses=("full",))


def probationary_members(k: Kernel, tenant: str) -> list[MemberView]:
    return list_members(k, tenant, statuses=("probationary",))


def get_member(k: Kernel, tenant: str, member_id: UUID) -> MemberView | None:
    row = queries.get_member(k, tenant, member_id)
    return _view(row) if row else None


def register_member(k: Kernel, tenant: str, fields: dict, status: str = "full",
                    source: str = "manual") -> UUID:
    return services.register_member(k, tenant, fields, status=status, source=source).id


def admit_probationary(k: Kernel, tenant: str, fields: dict, source: str = "development") -> UUID:
    """Put a newly admitted person on the roll as a probationary member (预备党员); ``joined_on``
    is the date of the branch congress resolution."""
    return services.register_member(k, tenant, fields, status="probationary", source=source).id


def new_probationary(k: Kernel, tenant: str, fields: dict, source: str = "development") -> Member:
    """An admission as ``admit_probationary`` checks it, not yet saved: a command that writes several
    records all or none (development cases entered late) saves it with them (``save_new_members``)."""
    return services.build_member(k, tenant, fields, status="probationary", source=source)


def convert_new(member: Member, converted_on: date, reason: str = "按期转正") -> None:
    """``convert_to_full`` for a member of ``new_probationary`` not yet saved."""
    member.convert(converted_on, reason)


def save_new_members(k: Kernel, tenant: str, new: list, *others) -> None:
    """Save the members of ``new_probationary`` with ``others`` (the caller's aggregates of this
    school) in one transaction of the school's log; the district's roll claims are taken first."""
    services.save_new_members(k, tenant, new, *others)


def convert_to_full(k: Kernel, tenant: str, member_id: UUID, converted_on: date,
                    reason: str = "按期转正") -> None:
    services.convert_member(k, tenant, member_id, converted_on, reason)


def change_status(k: Kernel, tenant: str, member_id: UUID, status: str, effective_on: date,
                  reason: str) -> None:
    """E.g. ``removed`` after a cancellation of probationary status or an unqualified-member handling."""
    services.change_status(k, tenant, member_id, status, effective_on, reason)


@dataclass(frozen=True)
class CommitteeSeat:
    """One seat of the branch committee (支部委员会): post is a code of ``POSTS``."""

    member_id: UUID
    name: str
    post: str
    term_start: date
    term_end: date

    @property
    def post_label(self) -> str:
        return rules.POSTS.get(self.post, self.post)


def committee(k: Kernel, tenant: str, on: date) -> list[CommitteeSeat]:
    """The committee in office on ``on`` (secretary first). A term's seats hold until they are
    vacated or the next committee is elected, even past the term end."""
    return [CommitteeSeat(member_id=r.member_id, name=r.name, post=r.post, term_start=r.term_start,
                          term_end=r.term_end) for r in queries.committee_on(k, tenant, on)]


def party_groups(k: Kernel, tenant: str) -> dict[str, list[UUID]]:
    """Party group (党小组) name → ids of its members on the roll."""
    return queries.group_rolls(k, tenant)


def is_under_party_probation(k: Kernel, tenant: str, member_id: UUID, on: date) -> bool:
    """Whether the member is under 留党察看 on ``on`` (e.g. may not act as an introducer)."""
    return queries.under_party_probation(k, tenant, member_id, on)


def roster_as_of(k: Kernel, tenant: str, at: datetime) -> list[dict]:
    """The roll as it stood at ``at``, rebuilt from the events recorded up to then.

    Rows carry the member fields plus id, version and status; ID number and phone are masked.
    """
    rows = queries.roster_as_of(k, tenant, at)
    for row in rows:
        for name in rules.PERSONAL_FIELDS:
            row[name] = rules.mask(name, row.get(name))
        row["status_label"] = rules.STATUSES.get(row["status"], row["status"])
    return rows


def roster_on(k: Kernel, tenant: str, day: date) -> list[dict]:
    """Who was on the roll on ``day`` by the dates in the world, with their status that day, the day
    it took effect (``since``), the day it was typed in (``recorded_on``) and ``late``.

    ID number and phone are masked.
    """
    rows = queries.roster_on(k, tenant, day)
    for row in rows:
        for name in rules.PERSONAL_FIELDS:
            row[name] = rules.mask(name, row.get(name))
        row["status_label"] = rules.STATUSES.get(row["status"], row["status"])
    return rows


# The two axes of "as of", as every page names them.
AXES = queries.AXES


def member_for_user(k: Kernel, tenant: str, username: str) -> UUID | None:
    """The member a login account is at this school (账号关联, kept on the member's page), or None."""
    return queries.member_for_user(k, tenant, username)


def user_for_member(k: Kernel, tenant: str, member_id: UUID) -> str | None:
    """The login account linked to a member of this school, or None."""
    row = queries.account_of(k, tenant, member_id)
    return row.username if row else None


def link_account(k: Kernel, tenant: str, username: str, member_id: UUID, expected_version: int | None = None,
                 relink: bool = False) -> None:
    """Link a login account to a member, through the registry's rules (one account per member and
    one member per account; ``relink=True`` to move an account to another member)."""
    services.link_account(k, tenant, username, member_id, expected_version=expected_version, relink=relink)


def statistics(k: Kernel, tenant: str, year: int) -> dict:
    """The registry's annual statistics of ``year`` by the dates in the world (the roll at the year's
    end, or today in the current year, by gender, ethnicity, education, age band, category and status;
    the year's additions and removals by kind): the members page's own figures."""
    return queries.statistics(k, tenant, year)


def _restorations(k: Kernel, tenant: str, first: date, last: date) -> list[UUID]:
    """Members put back on the roll from lost contact or suspension between ``first`` and ``last``
    (counted as ``restored`` in ``movements_in``), once per restoration."""
    with k.reading() as conn:
        return list(conn.scalars(select(status_changes.c.member_id).where(
            status_changes.c.tenant == tenant, status_changes.c.effective_on >= first,
            status_changes.c.effective_on <= last, status_changes.c.before.in_(("lost_contact", "suspended")),
            status_changes.c.after.in_(("full", "probationary")))))


def movement_names(k: Kernel, tenant: str, first: date, last: date) -> dict[str, list[str]]:
    """Names behind the movements of the roll between ``first`` and ``last`` by the dates in the world:
    ``admitted``, ``converted``, ``transferred_in``, and each removal kind (``transferred_out``,
    ``deceased``, ``left``, ``removed``, ``expelled``) for who stood so at ``last`` since a day within,
    and ``restored`` (back on the roll from lost contact or suspension), once per restoration."""
    came = {m: a.on for m, a in arrivals(k, tenant).items()}
    restored = Counter(_restorations(k, tenant, first, last))
    out: dict[str, list[str]] = {}
    for row in queries.roster_on(k, tenant, last, on_roll_only=False):
        arrived = came.get(row["id"]) if row["source"] == "transfer_in" else None
        if arrived is None and first <= row["joined_on"] <= last:
            out.setdefault("admitted", []).append(row["name"])
        if arrived is not None and first <= arrived <= last:
            out.setdefault("transferred_in", []).append(row["name"])
        if row["converted_on"] and first <= row["converted_on"] <= last \
                and (arrived is None or row["converted_on"] >= arrived):
            out.setdefault("converted", []).append(row["name"])
        if row["status"] in rules.REMOVED and first <= row["since"] <= last:
            out.setdefault(row["status"], []).append(row["name"])
        if row["id"] in restored:
            out.setdefault("restored", []).extend([row["name"]] * restored[row["id"]])
    return out


def term(k: Kernel, tenant: str) -> tuple[date | None, date | None]:
    """The current committee's term (任期): (start, end), or (None, None) when none is recorded."""
    org = queries.get_organisation(k, tenant)
    return (org.term_start, org.term_end) if org is not None else (None, None)


def elect_committee(k: Kernel, tenant: str, term_start: date, seats: list[dict], term_end: date | None = None) -> None:
    """A newly elected committee takes office (换届): ``seats`` = [{"member_id", "post"}], through the
    registry's own rules (full members, the posts, the size); the term ends after the school's
    configured years unless ``term_end`` is given."""
    services.elect_committee(k, tenant, term_start, seats, term_end=term_end)
