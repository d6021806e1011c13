"""Shared pieces of the organisational-life aggregates: the error and the natural ids."""
from __future__ import annotations

import uuid

from core.errors import DomainError
from core.ids import natural_id


class OrglifeError(DomainError):
    pass


def statement_id(tenant: str, meeting_id, member_id) -> uuid.UUID:
    """A participant's one statement (发言材料) for one life meeting."""
    return natural_id("orglife", "statement", tenant, str(meeting_id), str(member_id))


def record_id(tenant: str, meeting_id) -> uuid.UUID:
    """A life meeting's own record here: talks beforehand, criticisms at the meeting."""
    return natural_id("orglife", "record", tenant, str(meeting_id))


def election_id(tenant: str, meeting_id) -> uuid.UUID:
    """The committee election (换届选举) held at one branch congress."""
    return natural_id("orglife", "election", tenant, str(meeting_id))
