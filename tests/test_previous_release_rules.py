"""Rules that span several records hold on a log written by release 0.1, before the aggregates that
hold them existed: the first command that needs one opens it from the school's own records."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.eventstore import DISTRICT
from plugins.development import services as development
from plugins.development.domain import CaseRegister, DevelopmentError
from plugins.development.models import cases
from plugins.dues import queries as dues_queries
from plugins.dues import services as dues
from plugins.dues.domain import DuesError, DuesFund
from plugins.dues.models import entries
from plugins.members import services as members
from plugins.members.domain import MemberError, MemberRegister, RollClaim
from plugins.members.models import members as member_rows
from tests.previous_release import load_previous_release

NEW_ID = "110105195001010039"


@pytest.fixture
def schools(k, tmp_path):
    return load_previous_release(k, tmp_path)


def _someone(k, school: str, status: str = "full"):
    with k.engine.connect() as conn:
        return conn.execute(select(member_rows).where(member_rows.c.tenant == school, member_rows.c.status == status)
                            .order_by(member_rows.c.id_number)).first()


def _fields(id_number: str, name: str = "新登记") -> dict:
    return {"name": name, "gender": "female", "id_number": id_number, "joined_on": date(2015, 6, 1),
            "converted_on": date(2016, 6, 1)}


def test_an_id_number_the_previous_release_registered_is_refused_in_that_school(k, schools, actor):
    school = schools[0]
    old = _someone(k, school)
    with pytest.raises(MemberError, match="本支部已有相同身份证号"):
        members.register_member(k, school, _fields(old.id_number))
    member = members.register_member(k, school, _fields(NEW_ID))   # a new number is taken, and the
    register = k.get(school, MemberRegister.create_id(school), MemberRegister)  # register opened from the log
    assert register.numbers[old.id_number] == str(old.id) and register.numbers[NEW_ID] == str(member.id)
    with k.engine.connect() as conn:
        known = set(conn.scalars(select(member_rows.c.id_number).where(member_rows.c.tenant == school)))
    assert set(register.numbers) == known and len(known) > 20
    with pytest.raises(MemberError, match="本支部已有相同身份证号"):
        members.correct_member(k, school, member.id, {"id_number": old.id_number})


def test_a_member_on_a_roll_of_the_previous_release_is_refused_by_another_school(k, schools, actor):
    a, b = schools[0], schools[1]
    old = _someone(k, a)
    with pytest.raises(MemberError, match=f"仍在其他支部（{a}）"):
        members.register_member(k, b, _fields(old.id_number))
    # once school A transfers them out, school B may receive them
    members.transfer_out(k, a, old.id, "L-1", "实验小学党支部", date(2026, 11, 20))
    transfer = members.transfer_in(k, b, "L-1", "第一中学党支部", date(2026, 11, 21),
                                   fields=_fields(old.id_number, old.name))
    claim = k.get(DISTRICT, RollClaim.create_id(old.id_number), RollClaim)
    assert claim.holders == [{"tenant": b, "member_id": transfer.member_id}]


def test_a_remittance_above_what_the_previous_release_left_held_is_refused(k, schools, actor, clock):
    school = schools[0]
    held = dues_queries.ledger(k, school)["held"]
    assert held > 0
    with pytest.raises(DuesError, match="超过支部结存") as refused:
        dues.record_remittance(k, school, date(2026, 10, 1), date(2026, 10, 1), held + Decimal("0.01"),
                               date(2026, 11, 20), "ZZ-1")
    assert refused.value.field == "amount"
    dues.record_remittance(k, school, date(2026, 10, 1), date(2026, 10, 1), held, date(2026, 11, 20), "ZZ-2")
    fund = k.get(school, DuesFund.create_id(school), DuesFund)
    assert fund.held == 0 and dues_queries.ledger(k, school)["held"] == 0
    opened = next(iter(k.stores.log(school).repository.event_store.get(fund.id)))
    assert Decimal(opened.held) == held and opened.derived_from["source"] == "log"


def test_a_receipt_the_previous_release_issued_is_reversed_through_its_receipt_book(k, schools, actor, clock):
    school = schools[1]
    with k.engine.connect() as conn:
        payment = conn.execute(select(entries).where(entries.c.tenant == school, entries.c.kind == "payment",
                                                     entries.c.reversed.is_(False))
                               .order_by(entries.c.receipt_no)).first()
    held = dues_queries.ledger(k, school)["held"]
    account = dues.reverse_payment(k, school, payment.receipt_no, "录入错误")
    assert account.id == payment.account_id and account.payments[payment.receipt_no]["reversed"]
    assert k.get(school, DuesFund.create_id(school), DuesFund).held == held - Decimal(payment.amount_fen) / 100
    assert dues_queries.ledger(k, school)["held"] == held - Decimal(payment.amount_fen) / 100


def test_an_open_case_of_the_previous_release_refuses_a_second_one(k, schools, actor, clock):
    school = schools[2]
    with k.engine.connect() as conn:
        open_case = conn.execute(select(cases).where(cases.c.tenant == school, cases.c.next_step.is_not(None))
                                 .order_by(cases.c.id_number)).first()
    case = k.get(school, open_case.id)
    with pytest.raises(DevelopmentError, match="已有进行中"):
        development.open_case(k, school, dict(case.person), date(2026, 11, 20))
    development.refuse(k, school, case.id, date(2026, 11, 20), "本人撤回申请") if case.status != "probationary" \
        else development.cancel_probation(k, school, case.id, date(2026, 11, 20), "不合格")
    register = k.get(school, CaseRegister.create_id(school), CaseRegister)
    assert case.person["id_number"] not in register.open_cases
    again = development.open_case(k, school, dict(case.person), date(2026, 11, 21))
    assert k.get(school, CaseRegister.create_id(school), CaseRegister).open_cases[case.person["id_number"]] == str(again.id)
