"""Commands on the branch organisation (组织架构): committee elections and seats, party groups."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, check_version
from core.kernel import Kernel
from plugins.members import queries, rules
from plugins.members.domain import MemberError, Organisation
from plugins.members.services.settings import org_rules


def _organisation(k: Kernel, tenant: str, expected_version: int | None = None) -> Organisation:
    org_id = Organisation.create_id(tenant)
    if not k.exists(tenant, org_id):
        if expected_version not in (None, 0):
            check_version(Organisation(tenant=tenant), expected_version)
        return Organisation(tenant=tenant)
    org = k.get(tenant, org_id, Organisation)
    check_version(org, expected_version)
    return org


def _member_on_roll(k: Kernel, tenant: str, member_id) -> object:
    row = queries.get_member(k, tenant, UUID(str(member_id)))
    if row is None:
        raise MemberError(N_("没有这名党员"), field="member_id")
    if row.status not in rules.ON_ROLL:
        raise MemberError(N_("%(name)s 不在党员名册上（%(status)s）"),
                          name=row.name, status=rules.STATUSES[row.status], field="member_id")
    return row


def elect_committee(k: Kernel, tenant: str, term_start: date, seats: list[dict],
                    term_end: date | None = None, expected_version: int | None = None) -> Organisation:
    """Record a newly elected committee: seats = [{"member_id", "post"}]; the term ends after the
    configured number of years unless ``term_end`` is given."""
    org = _organisation(k, tenant, expected_version)
    config = org_rules(k, tenant, term_start)
    term_end = term_end or rules.default_term_end(term_start, config.term_years)
    named = []
    for seat in seats:
        row = _member_on_roll(k, tenant, seat["member_id"])
        if row.status != "full":
            raise MemberError(N_("%(name)s 不是正式党员，不能当选支部委员"), name=row.name, field="seats")
        named.append({"member_id": row.id, "name": row.name, "post": seat["post"]})
    org.elect(term_start, term_end, named, config.committee_max)
    k.save(tenant, org)
    return org


def fill_seat(k: Kernel, tenant: str, member_id: UUID, post: str, since: date,
              expected_version: int | None = None) -> Organisation:
    org = _organisation(k, tenant, expected_version)
    row = _member_on_roll(k, tenant, member_id)
    if row.status != "full":
        raise MemberError(N_("%(name)s 不是正式党员，不能担任支部委员"), name=row.name, field="member_id")
    org.fill_seat(str(row.id), row.name, post, since)
    k.save(tenant, org)
    return org


def vacate_seat(k: Kernel, tenant: str, member_id: UUID, on: date, reason: str,
                expected_version: int | None = None) -> Organisation:
    org = _organisation(k, tenant, expected_version)
    org.vacate_seat(str(member_id), on, reason)
    k.save(tenant, org)
    return org


def set_group(k: Kernel, tenant: str, name: str, leader_id: UUID | None = None,
              expected_version: int | None = None) -> Organisation:
    org = _organisation(k, tenant, expected_version)
    leader_name = _member_on_roll(k, tenant, leader_id).name if leader_id else None
    org.set_group(name, leader_id, leader_name)
    k.save(tenant, org)
    return org


def dissolve_group(k: Kernel, tenant: str, name: str, expected_version: int | None = None) -> Organisation:
    org = _organisation(k, tenant, expected_version)
    org.dissolve_group(name)
    k.save(tenant, org)
    return org
