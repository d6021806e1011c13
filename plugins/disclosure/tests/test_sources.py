"""The facts the other plugins offer for disclosure (``zhibu_disclosable``), from a demo school's
records: each of the five sources offers something, no offer carries an ID number or a phone, and the
demo discloses them (the board shows only what is for everyone)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from core.demo import SCHOOLS, create_demo
from plugins.disclosure import queries

ID_NUMBER = re.compile(r"\d{17}[\dXx]")
PHONE = re.compile(r"1[3-9]\d{9}")


@pytest.fixture
def demo_school(k):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return SCHOOLS[0][0]


def test_the_demo_schools_records_offer_facts_of_every_source_without_personal_numbers(k, demo_school, app):
    today = k.today()
    with app.test_request_context():
        offers = queries.offers(k, demo_school, date(today.year - 1, 1, 1), today)
    kinds = {o.kind for o in offers}
    assert {"dues.publication", "meetings.decision"} <= kinds, kinds
    for offer in offers:
        words = " ".join([offer.title, offer.text, *(str(c) for row in offer.rows for c in row)])
        assert not ID_NUMBER.search(words) and not PHONE.search(words), offer.key
        assert offer.key.startswith(offer.kind + ":")
        assert date(today.year - 1, 1, 1) <= offer.event_date <= today
    assert queries.list_items(k, demo_school), "the demo discloses what the records offer"
