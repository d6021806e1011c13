"""Changes to a member's own records in other plugins reach that member, and only them: their dues
payment recorded (the receipt: months, amount), study hours credited, a care visit to them. Another
member and another school see nothing; the notice says no more than the member may see."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugins.care import services as care
from plugins.dues import services as dues
from plugins.notices import queries
from plugins.notices.tests.conftest import reader
from plugins.study import services as study


def _mine(k, tenant, username):
    return [(n.kind, n.title, n.body) for n in queries.list_inbox(k, tenant, reader(k, tenant, username)).items]


def test_a_dues_payment_is_told_to_the_member_who_paid_with_the_receipt(k, tenant, people, actor):
    (payer, payer_id), (other, _), _ = people
    dues.record_base(k, tenant, payer_id, 2026, 1, "employed", Decimal("4000"))
    dues.record_payment(k, tenant, payer_id, [date(2026, 1, 1), date(2026, 2, 1)], "cash")
    [(kind, title, body)] = _mine(k, tenant, payer)
    assert (kind, title) == ("record", "党费交纳已登记")
    assert "2026-01、2026-02" in body and "收据" in body and "元" in body
    assert _mine(k, tenant, other) == []


def test_study_hours_credited_are_told_to_each_member_credited_only(k, tenant, people, actor):
    (first, first_id), (second, second_id), (third, _) = people
    study.record_session(k, tenant, {"kind": "group", "title": "学习党章", "held_on": date(2026, 11, 3),
                                     "hours": Decimal("1.5"), "attendees": [first_id, second_id]})
    for username in (first, second):
        [(kind, title, body)] = _mine(k, tenant, username)
        assert (kind, title) == ("record", "学时已记入") and "「学习党章」（2026-11-03）已为您记入 1.5 学时" in body
    assert _mine(k, tenant, third) == []


def test_a_care_visit_is_told_to_the_member_visited_without_its_cost(k, tenant, other_tenant, people, actor,
                                                                     make_user):
    (visited, visited_id), (other, _), _ = people
    care.record_visit(k, tenant, visited_id, date(2026, 11, 2), "王书记", "春节慰问", Decimal("300"), occasion="住院")
    [(kind, title, body)] = _mine(k, tenant, visited)
    assert (kind, title) == ("record", "走访慰问已登记") and "王书记" in body and "春节慰问" in body
    assert "300" not in body and "住院" not in body
    assert _mine(k, tenant, other) == []
    elsewhere = make_user("member", other_tenant)
    assert queries.list_inbox(k, other_tenant, reader(k, other_tenant, elsewhere)).total == 0


def test_development_steps_after_admission_reach_the_probationary_member_only(k, tenant, clock, actor, people,
                                                                                make_user):
    from plugins.development import services as development  # noqa: PLC0415
    from plugins.development.tests.helpers import full_members, person, set_today, walk  # noqa: PLC0415
    from plugins.members import public as members  # noqa: PLC0415
    fulls = full_members(k, tenant)
    set_today(clock, date(2024, 3, 1))
    case = development.open_case(k, tenant, person(), date(2024, 3, 1))
    walk(k, tenant, clock, case.id, 17, fulls)
    member_id = k.get(tenant, case.id).member_id
    username = make_user("member", tenant, username=f"{tenant}-new")
    members.link_account(k, tenant, username, member_id)
    assert _mine(k, tenant, username) == []          # the steps before admission reached nobody
    walk(k, tenant, clock, case.id, 19, fulls)
    mine = _mine(k, tenant, username)
    assert [t for _, t, _ in mine] == ["发展程序已登记", "发展程序已登记"]
    assert "第 19 步" in mine[0][2] and "第 18 步" in mine[1][2]
    assert all(_mine(k, tenant, other) == [] for other, _ in people)
