"""Member registry commands: load, call the aggregate, save. The only writers of members."""
from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from core.errors import NotFoundError, SaveCollided, check_version
from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.retrying import retrying
from plugins.members import importing, queries, rules
from core.auth.queries import get_user_row
from plugins.members.domain import (
    AccountLink, ImportBatch, Member, MemberError, MemberRegister, Organisation, PersonalDataExported,
    PersonalDataRead, RollClaim, Transfer,
)
from plugins.members.schemas import MembersSettingsSchema
from tenants.queries import get_settings


def _clean(fields: dict) -> dict:
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


def _claim(k: Kernel, id_number: str, presume_new: bool = False) -> RollClaim:
    """The district's claim on this ID number; opened from the schools' rolls the first time.

    ``presume_new``: when no school's read model has anyone with this number, take it that no
    claim exists without asking the log (a registration of someone new, the common case); if one
    did exist, saving the new one collides and the caller asks again without presuming."""
    claim_id = RollClaim.create_id(id_number)
    rows = queries.rows_with_id_number(k, id_number)
    if (rows or not presume_new) and k.exists(DISTRICT, claim_id):
        return k.get(DISTRICT, claim_id, RollClaim)
    holders = [{"tenant": r.tenant, "member_id": str(r.id)} for r in rows if r.status in rules.ON_ROLL]
    return RollClaim(id_number=id_number, holders=holders,
                     derived_from={"source": "members read model", "at": k.now().isoformat()})


def _take_claims(k: Kernel, tenant: str, changed: list, presume_new: bool) -> list[tuple[RollClaim, Member]]:
    """The claims the changed members take (those coming on the roll, or onto it with a new number)."""
    taken = []
    for member, before, was_on_roll in changed:
        number = member.fields.get("id_number")
        if number and member.status in rules.ON_ROLL and (not was_on_roll or number != before):
            claim = _claim(k, number, presume_new)
            claim.take(tenant, member.id)
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


def _save_members(k: Kernel, tenant: str, changed: list[tuple[Member, str | None, bool]], *others,
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


def _was(member: Member) -> tuple[str | None, bool]:
    return member.fields.get("id_number"), member.status in rules.ON_ROLL


def settings(k: Kernel, tenant: str) -> dict:
    """The school's members settings with defaults filled in (local rules, DOMAIN.md §3.2, §8.1)."""
    with k.engine.connect() as conn:
        stored = get_settings(conn, tenant, "members")
    return MembersSettingsSchema().load({f: v for f, v in stored.items()
                                         if f in MembersSettingsSchema().fields})


def org_rules(k: Kernel, tenant: str, day: date | None = None) -> rules.OrganisationRules:
    return rules.rules_on(day or k.today(), settings(k, tenant))


def register_member(k: Kernel, tenant: str, fields: dict, status: str = "full",
                    source: str = "manual") -> Member:
    """Put a member on the roll: unique ID number in the school, on one roll in the district."""
    fields = _clean(fields)

    def attempt() -> Member:
        member = Member.register(fields, status=status, source=source)
        _save_members(k, tenant, [(member, None, False)])
        return member
    return retrying(attempt, RETRIES)


def build_member(k: Kernel, tenant: str, fields: dict, status: str = "full", source: str = "manual") -> Member:
    """A member checked as ``register_member`` checks one (fields, the school's ID numbers, the
    district's roll) but not saved: ``save_new_members`` saves it with the records of the command
    that built it (e.g. development cases entered late, all or none)."""
    member = Member.register(_clean(fields), status=status, source=source)
    number = member.fields.get("id_number")
    if number:
        _register(k, tenant).check_free(number, member.id)
        _claim(k, number, presume_new=True).check_free(tenant, member.id)
    return member


def save_new_members(k: Kernel, tenant: str, new: list[Member], *others) -> None:
    """Save members built by ``build_member`` and ``others`` of the school in one transaction, with
    the school's register of ID numbers and the district's roll claims (``_save_members``)."""
    _save_members(k, tenant, [(m, None, False) for m in new], *others)


def _load(k: Kernel, tenant: str, member_id: UUID, expected_version: int | None = None) -> Member:
    member = k.get(tenant, member_id, Member)
    check_version(member, expected_version)
    return member


def correct_member(k: Kernel, tenant: str, member_id: UUID, values: dict,
                   expected_version: int | None = None) -> Member:
    values = _clean(values)

    def attempt() -> Member:
        member = _load(k, tenant, member_id, expected_version)
        before = _was(member)
        member.correct(values)
        if member.fields.get("id_number") == before[0]:
            k.save(tenant, member)
        else:
            _save_members(k, tenant, [(member, *before)])
        return member
    return retrying(attempt, RETRIES)


def change_status(k: Kernel, tenant: str, member_id: UUID, status: str, effective_on: date,
                  reason: str, expected_version: int | None = None) -> Member:
    """A change of party-membership status; leaving the roll releases the district claim, coming
    back to it takes the claim again."""
    def attempt() -> Member:
        member = _load(k, tenant, member_id, expected_version)
        before = _was(member)
        member.change_status(status, effective_on, reason)
        _save_members(k, tenant, [(member, *before)], reason=reason)
        return member
    return retrying(attempt, RETRIES)


def convert_member(k: Kernel, tenant: str, member_id: UUID, converted_on: date,
                   reason: str = "按期转正", expected_version: int | None = None) -> Member:
    member = _load(k, tenant, member_id, expected_version)
    member.convert(converted_on, reason)
    k.save(tenant, member)
    return member


def record_personal_read(k: Kernel, tenant: str, member_id: UUID, fields: list[str], purpose: str) -> None:
    """Every display of a full ID number or phone is recorded (who, whose, which fields, when)."""
    k.save(tenant, PersonalDataRead(member_id=str(member_id), fields=sorted(fields), purpose=purpose))


def record_personal_export(k: Kernel, tenant: str, member_ids: list, fields: list[str], purpose: str) -> None:
    """An export with full personal values is recorded once, naming every member it carried."""
    if member_ids:
        k.save(tenant, PersonalDataExported(member_ids=[str(m) for m in member_ids],
                                            fields=sorted(fields), purpose=purpose))


# -- party discipline ----------------------------------------------------------------------
def record_sanction(k: Kernel, tenant: str, member_id: UUID, kind: str, start: date, end: date | None,
                    reason: str, expected_version: int | None = None) -> Member:
    """Record a sanction; 开除党籍 also ends the membership (status 开除党籍) from its date."""
    def attempt() -> Member:
        member = _load(k, tenant, member_id, expected_version)
        before = _was(member)
        member.record_sanction(kind, start, end, reason)
        if kind == "开除党籍":
            member.change_status("expelled", start, reason)
            _save_members(k, tenant, [(member, *before)], reason=reason)
        else:
            k.save(tenant, member)
        return member
    return retrying(attempt, RETRIES)


# -- organisation ---------------------------------------------------------------------------
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
        raise MemberError("没有这名党员", field="member_id")
    if row.status not in rules.ON_ROLL:
        raise MemberError(f"{row.name} 不在党员名册上（{rules.STATUSES[row.status]}）", field="member_id")
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
            raise MemberError(f"{row.name} 不是正式党员，不能当选支部委员", field="seats")
        named.append({"member_id": row.id, "name": row.name, "post": seat["post"]})
    org.elect(term_start, term_end, named, config.committee_max)
    k.save(tenant, org)
    return org


def fill_seat(k: Kernel, tenant: str, member_id: UUID, post: str, since: date,
              expected_version: int | None = None) -> Organisation:
    org = _organisation(k, tenant, expected_version)
    row = _member_on_roll(k, tenant, member_id)
    if row.status != "full":
        raise MemberError(f"{row.name} 不是正式党员，不能担任支部委员", field="member_id")
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


# -- transfers (组织关系转接) -------------------------------------------------------------------
def transfer_out(k: Kernel, tenant: str, member_id: UUID, letter_no: str, other_org: str,
                 issued_on: date, valid_until: date | None = None, dues_paid_to: str | None = None,
                 expected_version: int | None = None) -> Transfer:
    """Issue a letter of introduction: the member leaves the roll (已转出) on the issue date."""
    months = org_rules(k, tenant, issued_on).transfer_validity_months
    valid_until = valid_until or rules.add_months(issued_on, months)

    def attempt() -> Transfer:
        member = _load(k, tenant, member_id, expected_version)
        before = _was(member)
        transfer = Transfer.issue("out", str(member.id), member.fields.get("name"), letter_no, other_org,
                                  issued_on, valid_until, dues_paid_to, months)
        reason = f"组织关系转出至{other_org.strip()}（{letter_no.strip()}）"
        member.change_status("transferred_out", issued_on, reason)
        _save_members(k, tenant, [(member, *before)], transfer, reason=reason)
        return transfer
    return retrying(attempt, RETRIES)


def transfer_in(k: Kernel, tenant: str, letter_no: str, other_org: str, issued_on: date,
                valid_until: date | None = None, dues_paid_to: str | None = None,
                fields: dict | None = None, status: str = "full", member_id: UUID | None = None,
                expected_version: int | None = None) -> Transfer:
    """Receive a member: a new registration from ``fields``, or the return of a member who had
    transferred out (``member_id``)."""
    months = org_rules(k, tenant, issued_on).transfer_validity_months
    valid_until = valid_until or rules.add_months(issued_on, months)
    reason = f"组织关系由{(other_org or '').strip()}转入（{(letter_no or '').strip()}）"
    fields = _clean(fields or {})

    def attempt() -> Transfer:
        if member_id is not None:
            member = _load(k, tenant, member_id, expected_version)
            if member.status != "transferred_out":
                raise MemberError("只有已转出的党员可以重新转入", field="member_id")
            before = _was(member)
            back = "full" if member.fields.get("converted_on") else "probationary"
            member.change_status(back, issued_on, reason)
        else:
            member, before = Member.register(fields, status=status, source="transfer_in"), (None, False)
        transfer = Transfer.issue("in", str(member.id), member.fields.get("name"), letter_no, other_org,
                                  issued_on, valid_until, dues_paid_to, months)
        _save_members(k, tenant, [(member, *before)], transfer)
        return transfer
    return retrying(attempt, RETRIES)


def return_receipt(k: Kernel, tenant: str, transfer_id: UUID, on: date,
                   expected_version: int | None = None) -> Transfer:
    transfer = k.get(tenant, transfer_id, Transfer)
    check_version(transfer, expected_version)
    transfer.return_receipt(on)
    k.save(tenant, transfer)
    return transfer


# -- import (all or nothing) ---------------------------------------------------------------------
def preview_import(k: Kernel, tenant: str, data: bytes) -> importing.Preview:
    """Read a workbook and list every row's errors; nothing is written."""
    preview = importing.read_workbook(data)
    known = queries.id_numbers(k, tenant)
    importing.check_existing(preview, lambda number: number if number in known else None)
    return preview


def import_members(k: Kernel, tenant: str, data: bytes, filename: str) -> ImportBatch:
    """Register every row of the workbook as one batch, or nothing at all.

    The rows are checked again here; any error refuses the whole file. Members and the batch
    record (file name and content hash) are saved in one transaction.
    """
    preview = preview_import(k, tenant, data)
    if not preview.rows:
        raise MemberError("文件中没有可导入的数据行", field="file")
    if preview.has_errors:
        raise MemberError(f"有 {preview.error_count} 行存在错误，未导入任何数据；请修改后重新上传",
                          field="file")

    def attempt() -> ImportBatch:
        batch_id = uuid4()
        aggregates = [Member.register(row.fields, status=row.status, source="import", batch=str(batch_id))
                      for row in preview.rows]
        batch = ImportBatch(batch_id=str(batch_id), filename=filename, sha256=preview.sha256,
                            member_ids=[str(a.id) for a in aggregates], rows=len(aggregates))
        with k.deferred_projections():
            _save_members(k, tenant, [(a, None, False) for a in aggregates], batch)
        return batch
    batch = retrying(attempt, RETRIES)
    k.catch_up(tenant)
    return batch


# -- account links (账号关联) -------------------------------------------------------------------
def _username(username: str | None) -> str:
    username = (username or "").strip().lower()
    if not username:
        raise MemberError("请填写登录账号（用户名）", field="username")
    return username


def _account(k: Kernel, tenant: str, username: str, expected_version: int | None = None) -> AccountLink:
    link_id = AccountLink.create_id(tenant, username)
    if not k.exists(tenant, link_id):
        if expected_version not in (None, 0):
            check_version(AccountLink(tenant=tenant, username=username), expected_version)
        return AccountLink(tenant=tenant, username=username)
    link = k.get(tenant, link_id, AccountLink)
    check_version(link, expected_version)
    return link


def link_account(k: Kernel, tenant: str, username: str, member_id: UUID, expected_version: int | None = None,
                 relink: bool = False) -> AccountLink:
    """Say which member of this school a login account is. An account is linked to one member and a
    member to one account; moving an account to another member needs ``relink=True``."""
    username = _username(username)
    with k.engine.connect() as conn:
        if get_user_row(conn, username) is None:
            raise MemberError(f"没有用户名为 {username} 的账号", field="username")
    row = queries.get_member(k, tenant, UUID(str(member_id)))
    if row is None:
        raise MemberError("本支部没有这名党员", field="member_id")
    other = queries.account_of(k, tenant, row.id)
    if other is not None and other.username != username:
        raise MemberError(f"{row.name} 已关联账号 {other.username}，请先解除该关联", field="member_id")
    link = _account(k, tenant, username, expected_version)
    link.link(str(row.id), row.name, relink=relink)
    k.save(tenant, link)
    return link


def unlink_account(k: Kernel, tenant: str, username: str, expected_version: int | None = None) -> AccountLink:
    username = _username(username)
    if not k.exists(tenant, AccountLink.create_id(tenant, username)):
        raise MemberError(f"账号 {username} 没有关联党员", field="username")
    link = _account(k, tenant, username, expected_version)
    row = queries.get_member(k, tenant, UUID(link.member_id)) if link.member_id else None
    link.unlink(row.name if row else "")
    k.save(tenant, link)
    return link
