"""The member registry's aggregates: the party member (党员), transfers, the organisation, imports,
personal data records, account links, and the registers that keep ID numbers unique.

Pure domain: eventsourcing.domain, the standard library, rules. Each aggregate lives in the module
of its topic and is re-exported here. A stored event's topic is
``plugins.members.domain:<Aggregate>.<Event>`` (where the aggregates were defined until issue 17):
``core.aggregates.keeps_topics`` gives every class that topic wherever it is defined, so stored
events load and new ones are stored under the same topics.
"""
from __future__ import annotations

from plugins.members.domain.account import AccountLink
from plugins.members.domain.errors import MemberError, refuse
from plugins.members.domain.member import Member
from plugins.members.domain.organisation import Organisation
from plugins.members.domain.records import ImportBatch, PersonalDataExported, PersonalDataRead
from plugins.members.domain.registers import MemberRegister, RollClaim
from plugins.members.domain.transfer import Transfer

__all__ = ["AccountLink", "ImportBatch", "Member", "MemberError", "MemberRegister", "Organisation",
           "PersonalDataExported", "PersonalDataRead", "RollClaim", "Transfer", "refuse"]
