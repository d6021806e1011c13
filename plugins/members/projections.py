"""Member events → members_members, _history, _personal_reads, _sanctions, _movements, _status_changes;
organisation, transfer and import events → members_organisation, _seats, _groups, _transfers, _imports;
account links → members_accounts."""
from __future__ import annotations

from datetime import date
from uuid import UUID, uuid5

from core.clock import LOCAL_TZ
from core.projections import Projection, on
from plugins.members.domain import (
    AccountLink, ImportBatch, Member, Organisation, PersonalDataExported, PersonalDataRead, Transfer,
)
from plugins.members.models import (
    accounts, groups, history, imports, members, movements, organisation, personal_reads, sanctions, seats,
    status_changes, transfers,
)
from plugins.members.rules import FIELD_LABELS, REMOVED

COLUMNS = frozenset(c.name for c in members.columns)
FIELD_COLUMNS = tuple(sorted(COLUMNS & set(FIELD_LABELS)))


def _meta(e) -> dict:
    return getattr(e, "meta", None) or {}


def _jsonable(changes: dict) -> dict:
    return {f: {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in c.items()}
            for f, c in changes.items()}


class MembersProjection(Projection):
    name = "members.roster"
    tables = (history, personal_reads, sanctions, movements, members)

    def _history(self, conn, e, tenant, kind, changes, reason=None):
        meta = _meta(e)
        conn.insert(history, tenant=tenant, member_id=e.originator_id, version=e.originator_version,
                    kind=kind, changes=_jsonable(changes), actor=meta.get("actor_name"),
                    reason=reason or meta.get("reason"), at=e.timestamp)

    def _update(self, conn, e, **values):
        conn.update(members, {"id": e.originator_id}, version=e.originator_version,
                    updated_at=e.timestamp, **values)

    @on(Member.Registered)
    def _registered(self, conn, e, tenant):
        row = {c: e.fields.get(c) for c in FIELD_COLUMNS}  # every column, so rows batch together
        row["party_age_correction"] = row["party_age_correction"] or 0
        conn.insert(members, id=e.originator_id, tenant=tenant, status=e.status, source=e.source,
                    status_since=e.fields.get("converted_on") or e.fields.get("joined_on"),
                    version=e.originator_version, registered_at=e.timestamp, updated_at=e.timestamp,
                    **row)
        self._history(conn, e, tenant, "registered",
                      {f: {"before": None, "after": v} for f, v in e.fields.items() if v not in (None, "")})
        if e.status == "probationary" and e.fields.get("joined_on"):
            self._movement(conn, e, tenant, "admitted", e.fields["joined_on"])
        elif e.source != "transfer_in":   # a transfer in is counted from its letter
            self._movement(conn, e, tenant, "registered", e.timestamp.astimezone(LOCAL_TZ).date())

    def _movement(self, conn, e, tenant, kind: str, effective_on: date, member_id=None):
        conn.insert(movements, tenant=tenant, member_id=member_id or e.originator_id, kind=kind,
                    effective_on=effective_on)

    @on(Member.FieldsCorrected)
    def _corrected(self, conn, e, tenant):
        values = {f: c["after"] for f, c in e.changes.items() if f in COLUMNS}
        if "party_age_correction" in values:
            values["party_age_correction"] = values["party_age_correction"] or 0
        self._update(conn, e, **values)
        self._history(conn, e, tenant, "corrected", e.changes)

    @on(Member.StatusChanged)
    def _status(self, conn, e, tenant):
        self._update(conn, e, status=e.after, status_since=e.effective_on)
        self._history(conn, e, tenant, "status",
                      {"status": {"before": e.before, "after": e.after},
                       "effective_on": {"before": None, "after": e.effective_on}}, reason=e.reason)
        if e.after in REMOVED:
            self._movement(conn, e, tenant, e.after, e.effective_on)

    @on(Member.Converted)
    def _converted(self, conn, e, tenant):
        self._update(conn, e, status="full", converted_on=e.converted_on, status_since=e.converted_on)
        self._history(conn, e, tenant, "converted",
                      {"status": {"before": "probationary", "after": "full"},
                       "converted_on": {"before": None, "after": e.converted_on}}, reason=e.reason)
        self._movement(conn, e, tenant, "converted", e.converted_on)

    @on(Member.Sanctioned)
    def _sanctioned(self, conn, e, tenant):
        conn.insert(sanctions,
            tenant=tenant, member_id=e.originator_id, version=e.originator_version, kind=e.kind,
            starts_on=e.start, ends_on=e.end, reason=e.reason)
        self._update(conn, e)
        self._history(conn, e, tenant, "sanctioned",
                      {"sanction": {"before": None, "after": e.kind},
                       "sanction_period": {"before": None,
                                           "after": f"{e.start} – {e.end}" if e.end else str(e.start)}},
                      reason=e.reason)

    @on(PersonalDataRead.Recorded)
    def _read(self, conn, e, tenant):
        conn.insert(personal_reads,
            id=e.originator_id, tenant=tenant, member_id=UUID(str(e.member_id)), fields=e.fields,
            purpose=e.purpose, actor=_meta(e).get("actor_name"), at=e.timestamp)

    @on(Transfer.Issued)
    def _transfer_in(self, conn, e, tenant):
        if e.direction == "in":
            self._movement(conn, e, tenant, "transferred_in", e.issued_on, UUID(str(e.member_id)))

    @on(PersonalDataExported.Recorded)
    def _exported(self, conn, e, tenant):
        actor = _meta(e).get("actor_name")
        for member_id in e.member_ids:
            conn.insert(personal_reads,
                id=uuid5(e.originator_id, str(member_id)),
                tenant=tenant, member_id=UUID(str(member_id)), fields=e.fields, purpose=e.purpose,
                actor=actor, at=e.timestamp)


class StandingProjection(Projection):
    """Status changes with their effective day and their recording time (the roll as of a day).

    A projection of its own, so a deployment that had none builds it from the start of the log."""

    name = "members.standing"
    tables = (status_changes,)

    @on(Member.StatusChanged)
    def _status(self, rows, e, tenant):
        rows.insert(status_changes, tenant=tenant, member_id=e.originator_id, version=e.originator_version,
                    effective_on=e.effective_on, before=e.before, after=e.after, recorded_at=e.timestamp)


class OrganisationProjection(Projection):
    """Committee terms and seats, party groups, transfers and import batches."""

    name = "members.organisation"
    tables = (organisation, seats, groups, transfers, imports)

    def _org(self, conn, e, tenant, **values):
        conn.update(organisation, {"tenant": tenant}, version=e.originator_version, **values)

    @on(Organisation.Started)
    def _started(self, conn, e, tenant):
        conn.insert(organisation, tenant=tenant, id=e.originator_id,
                                  version=e.originator_version)

    @on(Organisation.CommitteeElected)
    def _elected(self, conn, e, tenant):
        conn.update(seats, {"tenant": tenant, "ended_on": None}, ended_on=e.term_start, end_reason="换届")
        for seat in e.seats:
            conn.insert(seats,
                tenant=tenant, member_id=UUID(seat["member_id"]), name=seat["name"], post=seat["post"],
                term_start=e.term_start, term_end=e.term_end, since=e.term_start)
        self._org(conn, e, tenant, term_start=e.term_start, term_end=e.term_end)

    @on(Organisation.SeatFilled)
    def _filled(self, conn, e, tenant):
        row = conn.execute(organisation.select().where(organisation.c.tenant == tenant)).first()
        conn.insert(seats,
            tenant=tenant, member_id=UUID(e.member_id), name=e.name, post=e.post,
            term_start=row.term_start, term_end=row.term_end, since=e.since)
        self._org(conn, e, tenant)

    @on(Organisation.SeatVacated)
    def _vacated(self, conn, e, tenant):
        conn.update(seats, {"tenant": tenant, "ended_on": None, "member_id": UUID(e.member_id)}, ended_on=e.on,
                    end_reason=e.reason)
        self._org(conn, e, tenant)

    @on(Organisation.GroupSet)
    def _group(self, conn, e, tenant):
        conn.delete(groups, tenant=tenant, name=e.name)
        conn.insert(groups, tenant=tenant, name=e.name, leader_name=e.leader_name,
                            leader_id=UUID(e.leader_id) if e.leader_id else None)
        self._org(conn, e, tenant)

    @on(Organisation.GroupDissolved)
    def _dissolved(self, conn, e, tenant):
        conn.delete(groups, tenant=tenant, name=e.name)
        self._org(conn, e, tenant)

    @on(Transfer.Issued)
    def _transfer(self, conn, e, tenant):
        conn.insert(transfers,
            id=e.originator_id, tenant=tenant, direction=e.direction, member_id=UUID(str(e.member_id)),
            member_name=e.member_name, letter_no=e.letter_no, other_org=e.other_org,
            issued_on=e.issued_on, valid_until=e.valid_until, dues_paid_to=e.dues_paid_to,
            version=e.originator_version, recorded_at=e.timestamp)

    @on(Transfer.ReceiptReturned)
    def _receipt(self, conn, e, tenant):
        conn.update(transfers, {"id": e.originator_id}, receipt_returned_on=e.on, version=e.originator_version)

    @on(ImportBatch.Imported)
    def _imported(self, conn, e, tenant):
        conn.insert(imports, id=e.originator_id, tenant=tenant, filename=e.filename,
                             sha256=e.sha256, rows=e.rows,
                             actor=_meta(e).get("actor_name"), at=e.timestamp)


class AccountsProjection(Projection):
    """Linked login accounts: a row while an account is linked to a member, none once unlinked."""

    name = "members.accounts"
    tables = (accounts,)

    @on(AccountLink.Linked)
    def _linked(self, rows, e, tenant):
        rows.delete(accounts, tenant=tenant, username=e.username)
        rows.insert(accounts, tenant=tenant, username=e.username, member_id=UUID(str(e.member_id)),
                    version=e.originator_version, linked_at=e.timestamp)

    @on(AccountLink.Unlinked)
    def _unlinked(self, rows, e, tenant):
        rows.delete(accounts, tenant=tenant, username=e.username)
