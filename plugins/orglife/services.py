"""Commands of organisational life: the only writers. The meeting, the talks and the congress are the
meetings plugin's (read through its public.py); the committee is the registry's (written through
members.public.elect_committee, so its rules apply)."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, ConflictError, NotFoundError, check_version
from core.files import store_file
from core.kernel import Kernel
from plugins.meetings import public as meetings
from plugins.members import public as members
from plugins.orglife import rules
from plugins.orglife.domain import Election, LifeRecord, OrglifeError, Rectification, Statement

FILE_TYPES = {".pdf": "application/pdf", ".docx": None, ".xlsx": None, ".jpg": "image/jpeg",
              ".jpeg": "image/jpeg", ".png": "image/png"}


def store_files(k: Kernel, uploads: list[tuple[bytes, str]]) -> list[dict]:
    """Check and store uploaded evidence; their references as kept in events."""
    return [store_file(k, data, name, FILE_TYPES).as_dict() for data, name in uploads]


def life_meeting(k: Kernel, tenant: str, meeting_id) -> dict:
    """A democratic or organisational life meeting of this school (NotFoundError otherwise)."""
    try:
        meeting = meetings.get_meeting(k, tenant, UUID(str(meeting_id)))
    except ValueError:
        meeting = None
    if meeting is None or meeting["type"] not in rules.LIFE_TYPES or meeting["status"] == "cancelled":
        raise NotFoundError(str(meeting_id))
    return meeting


def _member(k: Kernel, tenant: str, member_id, field: str = "member_id"):
    try:
        row = members.get_member(k, tenant, UUID(str(member_id)))
    except ValueError:
        row = None
    if row is None or row.status not in members.ON_ROLL:
        raise OrglifeError(N_("没有这名党员"), field=field)
    return row


# -- statements (发言材料) ------------------------------------------------------------------------
def draft_statement(k: Kernel, tenant: str, meeting_id, member_id, sections: dict,
                    expected_version: int | None = None) -> Statement:
    """Draft or revise a participant's statement (before it is submitted)."""
    meeting = life_meeting(k, tenant, meeting_id)
    author = _member(k, tenant, member_id)
    if meeting["type"] == "democratic_life" and \
            str(author.id) not in {str(s.member_id) for s in members.committee(k, tenant, meeting["held_on"])}:
        raise OrglifeError(N_("民主生活会的发言材料由班子成员（支委）准备"), field="member_id")
    statement = k.get_or_none(tenant, Statement.create_id(tenant, meeting["id"], author.id), Statement)
    if statement is None:
        if expected_version not in (None, 0):
            raise ConflictError()
        statement = Statement.draft(tenant, meeting["id"], author.id, author.name, sections)
    else:
        check_version(statement, expected_version)
        statement.revise(sections)
    k.save(tenant, statement)
    return statement


def get_statement(k: Kernel, tenant: str, meeting_id, member_id, expected_version: int | None = None) -> Statement:
    statement = k.get_or_none(tenant, Statement.create_id(tenant, meeting_id, member_id), Statement)
    if statement is None:
        raise OrglifeError(N_("尚未起草发言材料"), field="work")
    check_version(statement, expected_version)
    return statement


def submit_statement(k: Kernel, tenant: str, meeting_id, member_id, expected_version: int | None = None) -> Statement:
    meeting = life_meeting(k, tenant, meeting_id)
    statement = get_statement(k, tenant, meeting["id"], member_id, expected_version)
    statement.submit(k.today(), meeting["held_on"])
    k.save(tenant, statement)
    return statement


# -- the meeting's record: talks beforehand, criticisms --------------------------------------------
def _record(k: Kernel, tenant: str, meeting: dict, expected_version: int | None) -> LifeRecord:
    record = k.get_or_none(tenant, LifeRecord.create_id(tenant, meeting["id"]), LifeRecord)
    if record is None:
        if expected_version not in (None, 0):
            raise ConflictError()
        return LifeRecord(tenant=tenant, meeting_id=str(meeting["id"]), kind=meeting["type"],
                          title=meeting["title"], held_on=meeting["held_on"])
    check_version(record, expected_version)
    return record


def link_talk(k: Kernel, tenant: str, meeting_id, talk_id, summary: str,
              expected_version: int | None = None) -> LifeRecord:
    """Link a heart-to-heart talk recorded in meetings (谈心谈话) as held before this meeting."""
    meeting = life_meeting(k, tenant, meeting_id)
    try:
        talk = meetings.get_talk(k, tenant, UUID(str(talk_id)))
    except ValueError:
        talk = None
    if talk is None:
        raise OrglifeError(N_("没有这次谈心谈话"), field="talk_id")
    record = _record(k, tenant, meeting, expected_version)
    record.link_talk({"talk_id": str(talk["id"]), "held_on": talk["held_on"], "first_name": talk["first_name"],
                      "second_name": talk["second_name"]}, summary)
    k.save(tenant, record)
    return record


def record_criticism(k: Kernel, tenant: str, meeting_id, from_member_id, to_member_id, text: str,
                     expected_version: int | None = None) -> LifeRecord:
    """At the meeting: one member's criticism of another (批评意见), given and received."""
    meeting = life_meeting(k, tenant, meeting_id)
    giver = _member(k, tenant, from_member_id, "from_member_id")
    receiver = _member(k, tenant, to_member_id, "to_member_id")
    record = _record(k, tenant, meeting, expected_version)
    record.record_criticism({"member_id": str(giver.id), "name": giver.name},
                            {"member_id": str(receiver.id), "name": receiver.name}, text, k.today())
    k.save(tenant, record)
    return record


# -- the rectification list (整改清单) ------------------------------------------------------------
def list_rectification(k: Kernel, tenant: str, meeting_id, item: str, owner: str, deadline: date) -> Rectification:
    meeting = life_meeting(k, tenant, meeting_id)
    entry = Rectification.list_item(meeting["id"], meeting["title"], meeting["held_on"], item, owner, deadline)
    k.save(tenant, entry)
    return entry


def get_rectification(k: Kernel, tenant: str, item_id, expected_version: int | None = None) -> Rectification:
    return k.get(tenant, item_id, Rectification, expected_version=expected_version)


def note_progress(k: Kernel, tenant: str, item_id, text: str, expected_version: int | None = None) -> Rectification:
    entry = get_rectification(k, tenant, item_id, expected_version)
    entry.note_progress(k.today(), text)
    k.save(tenant, entry)
    return entry


def close_rectification(k: Kernel, tenant: str, item_id, text: str, files: list[dict] = (),
                        expected_version: int | None = None) -> Rectification:
    """Close an item (销号) with its evidence: a description, stored files (``store_files``), or both."""
    entry = get_rectification(k, tenant, item_id, expected_version)
    entry.close(k.today(), text, list(files))
    k.save(tenant, entry)
    return entry


# -- committee elections (换届选举) ----------------------------------------------------------------
def record_election(k: Kernel, tenant: str, meeting_id, seats: int, candidates: list[dict]) -> Election:
    """The votes of a committee election at a branch congress; quorum by the meetings plugin's 4/5 rule
    over the congress's own attendance. ``candidates``: [{"member_id", "votes"}]."""
    try:
        attendance = meetings.congress_attendance(k, tenant, UUID(str(meeting_id)))
    except ValueError:
        attendance = None
    if attendance is None:
        raise OrglifeError(N_("请选择召开选举的支部党员大会"), field="meeting_id")
    if k.exists(tenant, Election.create_id(tenant, meeting_id)):
        raise OrglifeError(N_("这次党员大会已登记选举结果"), field="meeting_id")
    named = []
    for c in candidates:
        row = _member(k, tenant, c["member_id"], "candidates")
        if row.status != "full":
            raise OrglifeError(N_("%(name)s 不是正式党员，不能作为候选人"), name=row.name, field="candidates")
        named.append({"member_id": str(row.id), "name": row.name, "votes": c["votes"]})
    quorum = meetings.election_quorum_error(attendance["entitled"], attendance["present"])
    election = Election.record(tenant, meeting_id, attendance["held_on"], attendance["entitled"],
                               attendance["present"], seats, named, quorum)
    k.save(tenant, election)
    return election


def take_office(k: Kernel, tenant: str, meeting_id, term_start: date, posts: dict, term_end: date | None = None,
                expected_version: int | None = None) -> Election:
    """The elected take office: the registry records the new committee (its rules apply), then the
    election records the term it began."""
    election = k.get(tenant, Election.create_id(tenant, meeting_id), Election, expected_version=expected_version)
    posts = {str(member_id): post for member_id, post in posts.items()}
    election.take_office(term_start, term_end or term_start, posts)        # its guards, before any write
    election = k.get(tenant, election.id, Election)
    if members.term(k, tenant)[0] != term_start:     # already there: the first half of an earlier attempt
        members.elect_committee(k, tenant, term_start, [{"member_id": m, "post": p} for m, p in posts.items()],
                                term_end=term_end)
    start, end = members.term(k, tenant)
    election.take_office(start, end, posts)
    k.save(tenant, election)
    return election
