"""The school's members settings and the organisation rules in force on a day."""
from __future__ import annotations

from datetime import date

from core.kernel import Kernel
from plugins.members import rules



def settings(k: Kernel, tenant: str) -> dict:
    """The school's members settings with defaults filled in (local rules, DOMAIN.md §3.2, §8.1)."""
    return k.settings(tenant, "members")


def org_rules(k: Kernel, tenant: str, day: date | None = None) -> rules.OrganisationRules:
    return rules.rules_on(day or k.today(), settings(k, tenant))
