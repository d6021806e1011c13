"""Pure rules of the member registry: statuses, fields and the ID-number checksum, party age,
organisation rules, sanctions, transfers, statistics. No I/O.

Sources: ../shared/DOMAIN.md §3.1–3.2, §4 (lapse rules), §8 (fields). GB 11643-1999 for the ID checksum.
By topic in the modules below; everything is re-exported here, so callers write ``rules.X``.
"""
# ID number and phone are masked unless the role may see them; one masking for every page, in core
from core.masking import PERSONAL_FIELDS, mask, mask_id_number, mask_phone  # noqa: F401  (re-exported)
from plugins.members.rules.dates import add_months, months_between  # noqa: F401
from plugins.members.rules.discipline import (  # noqa: F401
    PARTY_PROBATION, SANCTIONS, sanction_error, under_party_probation,
)
from plugins.members.rules.fields import (  # noqa: F401
    CATEGORIES, DATE_FIELDS, EDUCATION, FIELD_LABELS, GENDERS, PartyAge, REQUIRED_FIELDS, age_on,
    birth_date_from_id, field_errors, first_field_error, id_check_digit, id_number_error, party_age,
    registration_error,
)
from plugins.members.rules.plausibility import (  # noqa: F401
    MIN_AGE, Problem, future_errors, plausibility_errors, plausibility_problems,
)
from plugins.members.rules.organisation import (  # noqa: F401
    OVERRIDABLE, OrganisationRules, POSTS, RULE_SETS, SINGLE_POSTS, committee_errors, default_term_end,
    rules_on, seat_error, size_warnings, term_status,
)
from plugins.members.rules.standing import Change, Standing, standing_on  # noqa: F401
from plugins.members.rules.statistics import ADDED, AGE_BANDS, REMOVED, age_band  # noqa: F401
from plugins.members.rules.statuses import (  # noqa: F401
    ON_ROLL, STATUSES, TRANSITIONS, conversion_error, status_change_error, transition_error,
)
from plugins.members.rules.transfers import (  # noqa: F401
    DIRECTIONS, letter_error, transfer_errors, transfer_overdue,
)
