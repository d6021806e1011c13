"""Integrity-building aggregates (廉洁与承诺). Pure: eventsourcing.domain, the standard library, rules."""
from plugins.integrity.domain.base import IntegrityRuleError
from plugins.integrity.domain.commitments import Commitment
from plugins.integrity.domain.ethics import EthicsAssessment, EthicsPledge
from plugins.integrity.domain.pairs import Pair
from plugins.integrity.domain.posts import Post
from plugins.integrity.domain.records import (
    EducationSession, ResponsibilityAgreement, SelfInspection, VolunteerActivity,
)

AGGREGATES = (Commitment, Post, Pair, VolunteerActivity, EducationSession, ResponsibilityAgreement,
              SelfInspection, EthicsAssessment, EthicsPledge)

__all__ = ["IntegrityRuleError", "AGGREGATES", *(a.__name__ for a in AGGREGATES)]
