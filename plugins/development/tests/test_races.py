"""Two processes opening a case for one person at once: one case is open, never two."""
from __future__ import annotations

from datetime import date

from plugins.development.domain import CaseRegister
from plugins.development.tests.helpers import person
from tests.racing import one_winner, race


def test_two_applications_of_one_person_at_once_open_one_case(k, tenant, clock):
    applicant = person(seq=321)
    outcomes = race(k, "plugins.development.services.open_case",
                    (tenant, applicant, date(2026, 11, 2)), (tenant, {**applicant, "job_post": "语文教师"}, date(2026, 11, 3)))
    assert one_winner(outcomes), outcomes
    register = k.get(tenant, CaseRegister.create_id(tenant), CaseRegister)
    assert register.open_cases == {applicant["id_number"]: outcomes[0][1]}
