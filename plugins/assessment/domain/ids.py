"""Natural ids (uuid5) of this plugin's aggregates: one per year, school and subject."""
from __future__ import annotations

from uuid import UUID

from core.ids import natural_id


def set_id(year: int) -> UUID:
    return natural_id("assessment-set", str(year))


def assessment_id(tenant: str, year: int) -> UUID:
    return natural_id("assessment", tenant, str(year))


def round_id(tenant: str, year: int) -> UUID:
    return natural_id("assessment-evaluation", tenant, str(year))


def box_id(tenant: str, year: int) -> UUID:
    return natural_id("assessment-ballot-box", tenant, str(year))


def self_check_id(tenant: str, year: int, period: str, subject: str) -> UUID:
    return natural_id("assessment-self-check", tenant, str(year), period, str(subject))

