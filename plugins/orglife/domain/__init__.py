"""Organisational-life aggregates (all in a school's log): ``Statement``, ``LifeRecord``,
``Rectification`` and ``Election``. Pure: eventsourcing.domain, the standard library, rules."""
from plugins.orglife.domain.base import OrglifeError, election_id, record_id, statement_id
from plugins.orglife.domain.election import Election
from plugins.orglife.domain.rectification import Rectification
from plugins.orglife.domain.record import LifeRecord
from plugins.orglife.domain.statement import Statement

AGGREGATES = (Statement, LifeRecord, Rectification, Election)

__all__ = ["AGGREGATES", "OrglifeError", "Election", "LifeRecord", "Rectification", "Statement", "election_id",
           "record_id", "statement_id"]
