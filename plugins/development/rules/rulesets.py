"""Rule sets versioned by effective date (2014 Development Rules, a school's own numbers) and the
rule book that picks the one in force on a day."""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from plugins.development.rules.dates import parse_date


@dataclass(frozen=True)
class RuleSet:
    """The numbers of one version of the rules (month counts are calendar months)."""

    name: str
    effective_from: date
    min_age: int = 18                          # at application [S3][S4]
    talk_within_months: int = 1                # talk after the application [S3][S4]
    assessment_interval_months: int = 6        # activist assessment [S4]
    activist_min_months: int = 12              # activist before development target [S4][S5]
    introducers: int = 2                       # full members, not under 留党察看 [S7]
    training_min_days: int = 3                 # concentrated training [S4][S8]
    training_min_hours: int = 24
    review_valid_months: int = 12              # political review validity (local) [S4]
    congress_after_prereview_months: int = 1   # [S4][S7]
    leave_block_months: int = 3                # candidate leaving the unit [S9]
    approval_months: int = 3                   # higher approval after the congress [S10]
    approval_max_months: int = 6               # with a recorded special reason [S10]
    probation_months: int = 12                 # from the congress date [S11][S12]
    conversion_vote_within_months: int = 1     # after expiry (local) [S14]
    conversion_approval_months: int = 3        # [S14][S15]
    extension_min_months: int = 6              # [S14][S15]
    extension_max_months: int = 12
    extensions_allowed: int = 1
    publicity_working_days: int = 5            # unconfirmed nationally [S61]
    publicity_required: bool = True

    def describe(self) -> str:
        return f"{self.name}（{self.effective_from.isoformat()} 起施行）"


# 《中国共产党发展党员工作细则》 2014 (issue date as commonly cited; exact date unconfirmed).
RULES_2014 = RuleSet(name="2014年细则", effective_from=date(2014, 6, 10))
BUILT_IN: tuple[RuleSet, ...] = (RULES_2014,)

# Names of the numbers a school may set for itself (plugin settings).
LOCAL_FIELDS = tuple(f.name for f in fields(RuleSet) if f.name not in ("name", "effective_from"))


class RuleBook:
    """The rule sets a school's cases are judged by, oldest first."""

    def __init__(self, sets: tuple[RuleSet, ...] | list[RuleSet] = BUILT_IN):
        self.sets = tuple(sorted(sets, key=lambda s: s.effective_from))

    def on(self, day: date) -> RuleSet:
        """The rule set in force on ``day`` (the oldest one for days before every set)."""
        current = self.sets[0]
        for rule_set in self.sets:
            if rule_set.effective_from <= day:
                current = rule_set
        return current

    @classmethod
    def from_settings(cls, settings: dict | None, base: tuple[RuleSet, ...] = BUILT_IN) -> "RuleBook":
        """Built-in sets plus the school's own numbers (本校规则) from the date it chose."""
        settings = settings or {}
        overrides = {name: settings[name] for name in LOCAL_FIELDS if name in settings}
        latest = max(base, key=lambda s: s.effective_from)
        changed = {n: v for n, v in overrides.items() if getattr(latest, n) != v}
        if not changed:
            return cls(base)
        start = parse_date(settings.get("local_rules_from")) or latest.effective_from
        local = replace(latest, name="本校规则", effective_from=start, **changed)
        return cls(tuple(s for s in base if s.effective_from < start) + (local,))
