"""The writes every command on members shares: ID numbers unique in the school (the register) and
a person on one roll in the district (roll claims), saved with the members in one transaction."""
from __future__ import annotations

from uuid import UUID

from core.errors import NotFoundError, SaveCollided, check_version
from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.members import queries, rules
from plugins.members.domain import Member, MemberRegister, RollClaim


def clean(fields: dict) -> dict:
    """Values as stored: text stripped, blanks as None, ID numbers in capitals."""
    out = {}
    for key, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
            if key == "id_number":
                value = value.upper()
            if value == "":
                value = None
        out[key] = value
    return out


# -- the rules that span several members -------------------------------------------------------
RETRIES = 8


def _register(k: Kernel, tenant: str) -> MemberRegister:
    """The school's register of ID numbers; opened from the school's own log the first time."""
    try:
        return k.get_remembered(tenant, MemberRegister.create_id(tenant), MemberRegister)
    except NotFoundError:
        pass
    events, through = k.history(tenant, Member.Registered, Member.FieldsCorrected)
    number_of: dict[str, str] = {}
    for e in events:
        if isinstance(e, Member.Registered):
            number_of[str(e.originator_id)] = e.fields.get("id_number")
        elif "id_number" in e.changes:
            number_of[str(e.originator_id)] = e.changes["id_number"].get("after")
    numbers = {str(n).upper(): m for m, n in number_of.items() if n}
    return MemberRegister(tenant=tenant, numbers=numbers,
                          derived_from={"source": "log", "events": len(events), "through": through})


def _claim(k: Kernel, id_number: str, presume_new: bool = False, tenant: str | None = None,
           member_id=None) -> RollClaim:
    """The district's claim on this ID number; opened from the schools' rolls the first time — and
    then, given ``member_id`` of ``tenant``, taken by them in the same event.

    ``presume_new``: when no school's read model has anyone with this number, take it that no
    claim exists without asking the log (a registration of someone new, the common case); if one
    did exist, saving the new one collides and the caller asks again without presuming."""
    claim_id = RollClaim.create_id(id_number)
    rows = queries.rows_with_id_number(k, id_number)
    if (rows or not presume_new) and k.exists(DISTRICT, claim_id):
        return k.get(DISTRICT, claim_id, RollClaim)
    holders = [{"tenant": r.tenant, "member_id": str(r.id)} for r in rows if r.status in rules.ON_ROLL]
    return RollClaim.open(id_number, holders, {"source": "members read model", "at": k.now().isoformat()},
                          tenant, member_id)


def _take_claims(k: Kernel, tenant: str, changed: list, presume_new: bool) -> list[tuple[RollClaim, Member]]:
    """The claims the changed members take (those coming on the roll, or onto it with a new number)."""
    taken = []
    for member, before, was_on_roll in changed:
        number = member.fields.get("id_number")
        if number and member.status in rules.ON_ROLL and (not was_on_roll or number != before):
            claim = _claim(k, number, presume_new, tenant, member.id)
            claim.take(tenant, member.id)   # an existing claim; a claim opened now holds them already
            if claim.pending_events:
                taken.append((claim, member))
    return taken


def _release(k: Kernel, tenant: str, member_id, id_number: str, reason: str) -> None:
    claim_id = RollClaim.create_id(id_number)
    for attempt in range(RETRIES):
        if not k.exists(DISTRICT, claim_id):
            return  # never claimed: registered before claims existed, and still unclaimed
        claim = k.get(DISTRICT, claim_id, RollClaim)
        claim.release(tenant, member_id, reason)
        if not claim.pending_events:
            return
        try:
            k.save(DISTRICT, claim)
            return
        except SaveCollided:
            if attempt == RETRIES - 1:
                raise


def save_members(k: Kernel, tenant: str, changed: list[tuple[Member, str | None, bool]], *others,
                  reason: str = "") -> None:
    """Save members (each with its ID number and whether it was on the roll before the command)
    together with what holds the rules that span several members: the school's register of ID
    numbers, in the same transaction, and the district's roll claims, in the district's log.

    No transaction spans the district's log and the school's, so the order matters. A claim is
    taken first and given back if the school's save fails; a member leaving the roll is saved
    first and the claim released after. Either way a person is never on a roll without holding
    the claim, so two schools can never both have them. What a crash between the two saves can
    leave is a claim too many, which refuses the person elsewhere with a sentence naming the
    school that holds them — a refusal someone can look into, never a double registration.
    """
    renumbered = any(m.fields.get("id_number") != before for m, before, _ in changed)
    register = _register(k, tenant) if renumbered else None
    releases: list[tuple[Member, str]] = []
    for member, before, was_on_roll in changed:
        number = member.fields.get("id_number")
        if register is not None:
            register.enter(number, member.id, previous=before or "")
        if before and was_on_roll and (member.status not in rules.ON_ROLL or number != before):
            releases.append((member, before))
    taken = _take_claims(k, tenant, changed, presume_new=True)
    with k.together():
        if taken:
            try:
                k.save(DISTRICT, *(c for c, _ in taken))
            except SaveCollided:   # a claim presumed new was there: take them as the log has them
                taken = _take_claims(k, tenant, changed, presume_new=False)
                k.save(DISTRICT, *(c for c, _ in taken))
        try:
            k.save(tenant, *([register] if register is not None else []), *(m for m, _, _ in changed), *others)
        except BaseException:
            for claim, member in taken:
                _release(k, tenant, member.id, claim.id_number, "本支部未能保存该记录，撤回")
            raise
        for member, number in releases:
            _release(k, tenant, member.id, number, reason or rules.STATUSES.get(member.status, member.status))


def was(member: Member) -> tuple[str | None, bool]:
    return member.fields.get("id_number"), member.status in rules.ON_ROLL


def load(k: Kernel, tenant: str, member_id: UUID, expected_version: int | None = None) -> Member:
    member = k.get(tenant, member_id, Member)
    check_version(member, expected_version)
    return member
