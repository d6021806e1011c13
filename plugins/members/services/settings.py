"""The school's members settings and the organisation rules in force on a day."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from plugins.members import rules
from plugins.members.schemas import MembersSettingsSchema

from tenants.queries import get_settings


def settings(k: Kernel, tenant: str) -> dict:
    """The school's members settings with defaults filled in (local rules, DOMAIN.md §3.2, §8.1)."""
    with k.engine.connect() as conn:
        stored = get_settings(conn, tenant, "members")
    return MembersSettingsSchema().load({f: v for f, v in stored.items()
                                         if f in MembersSettingsSchema().fields})


def org_rules(k: Kernel, tenant: str, day: date | None = None) -> rules.OrganisationRules:
    return rules.rules_on(day or k.today(), settings(k, tenant))
