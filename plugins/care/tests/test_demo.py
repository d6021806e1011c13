"""The care demo: a demo school has a member in hardship helped, visits this year, and a member away
not contacted for more than 6 months, whose alert says why."""
from __future__ import annotations

from core.demo import SCHOOLS, create_demo
from plugins.care import contributions, queries


def test_the_demo_school_has_care_records_and_one_overdue_member_away(k, clock, app):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    school = SCHOOLS[0][0]
    [case] = queries.list_hardship(k, school)
    assert case.help_count == 2
    assert len(queries.list_visits(k, school, k.today().year)) == 2
    assert len(queries.list_away(k, school)) == 2
    with app.test_request_context():
        [alert] = contributions.alerts(k, school, k.today())
    assert "个月未联系" in alert.text and alert.url
