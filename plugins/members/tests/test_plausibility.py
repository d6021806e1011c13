"""Impossible member data is refused when typed in (registration, correction, import, transfers),
every problem at once and next to its field; what an earlier release stored is never judged again."""
from __future__ import annotations

from datetime import date

import pytest

from core.errors import DomainError
from plugins.members import queries, rules, services
from plugins.members.tests.conftest import id_number, person, workbook_bytes

TODAY = date(2026, 11, 23)   # the ``clock`` fixture's day


def woman(birth: date = date(1980, 5, 6), **extra) -> dict:
    """A woman's plausible fields (an even 17th ID digit)."""
    return person("李红", birth, seq=2, **extra)


def errors(fields, changed=None):
    return rules.plausibility_errors(fields, TODAY, changed)


# -- the rules --------------------------------------------------------------------------------
def test_plausible_data_has_no_problem():
    assert errors(woman(applied_on=date(2008, 3, 1))) == {}


def test_joining_the_party_at_12_is_refused():
    assert errors(woman(birth=date(1998, 5, 6), joined_on=date(2010, 6, 1), converted_on=date(2011, 6, 1))) == \
        {"joined_on": "入党时应年满 18 周岁，当时为 12 周岁"}


def test_applying_under_18_is_refused_even_when_joining_later():
    found = errors(woman(birth=date(1992, 5, 6), applied_on=date(2009, 1, 1)))
    assert found == {"applied_on": "申请入党时应年满 18 周岁，当时为 16 周岁"}


def test_the_age_counts_from_the_id_number_when_no_birth_date_is_given():
    fields = woman(birth=date(1998, 5, 6))
    del fields["birth_date"]
    assert errors(fields) == {"joined_on": "入党时应年满 18 周岁，当时为 12 周岁"}


@pytest.mark.parametrize("field", ["birth_date", "applied_on", "joined_on", "converted_on"])
def test_a_date_in_the_future_is_refused(field):
    fields = woman(applied_on=date(2008, 3, 1))
    fields[field] = date(2027, 1, 1)
    assert errors(fields)[field].startswith("不能晚于今天")


def test_dates_keep_the_order_of_a_members_life():
    found = errors(woman(applied_on=date(2011, 1, 1), joined_on=date(2010, 6, 1), converted_on=date(2010, 6, 1)))
    assert found == {"joined_on": "入党日期应晚于申请入党日期", "converted_on": "转正日期应晚于入党日期"}


def test_gender_and_birth_date_must_match_the_id_number():
    found = errors(woman(gender="male", birth_date=date(1980, 5, 7)))
    assert found == {"gender": "性别与身份证号不符：身份证号第 17 位表示女性",
                     "birth_date": "出生日期与身份证号不符：身份证号中的出生日期为 1980-05-06"}
    assert errors(person("张伟", seq=1, gender="male")) == {}


def test_a_correction_is_judged_only_where_it_changes_something():
    legacy = woman(gender="male")   # stored by an earlier release
    assert errors(legacy, changed={"phone"}) == {}
    assert set(errors(legacy, changed={"id_number"})) == {"gender"}


def test_the_minimum_age_is_the_constitutions_eighteen():
    assert rules.MIN_AGE == 18


# -- through the API ----------------------------------------------------------------------------
def api_url(tenant, path=""):
    return f"/api/v1/t/{tenant}/members{path}"


def as_json(fields: dict) -> dict:
    return {f: v.isoformat() if isinstance(v, date) else v for f, v in fields.items()}


def test_the_api_refuses_impossible_data_with_every_problem_and_stores_nothing(api_as, tenant, k, clock):
    api = api_as("secretary", tenant)
    r = api.post(api_url(tenant, "/members"), json=as_json(woman(
        gender="male", birth_date=date(1980, 5, 7), joined_on=date(2027, 1, 1), converted_on=None)),)
    assert r.status_code == 422
    assert set(r.json["errors"]["json"]) == {"gender", "birth_date", "joined_on"}
    assert r.json["errors"]["json"]["joined_on"] == ["不能晚于今天"]
    assert queries.list_members(k, tenant) == []


def test_the_api_refuses_a_wrong_check_digit(api_as, tenant):
    number = id_number(date(1980, 5, 6), 2)
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    r = api_as("secretary", tenant).post(api_url(tenant, "/members"), json=as_json(woman(id_number=wrong)))
    assert r.status_code == 422 and r.json["errors"]["json"]["id_number"] == ["身份证号校验位不正确"]


def test_a_correction_that_contradicts_the_id_number_is_refused(api_as, tenant, k, clock, actor):
    member = services.register_member(k, tenant, woman(), status="full")
    api = api_as("secretary", tenant)
    r = api.patch(api_url(tenant, f"/members/{member.id}"),
                  json={"birth_date": "1980-05-08", "expected_version": member.version, "reason": "更正"})
    assert r.status_code == 422 and list(r.json["errors"]["json"]) == ["birth_date"]
    assert k.get(tenant, member.id, type(member)).fields["birth_date"] == date(1980, 5, 6)


def test_a_member_stored_with_contradicting_data_can_still_be_corrected_elsewhere(api_as, tenant, k, clock, actor):
    legacy = services.register_member(k, tenant, woman(gender="male"), status="full")   # no checks: as before
    r = api_as("secretary", tenant).patch(api_url(tenant, f"/members/{legacy.id}"), json={
        "phone": "13800001111", "expected_version": legacy.version, "reason": "新手机号"})
    assert r.status_code == 200, r.json


def test_a_transfer_letter_cannot_be_issued_in_the_future(api_as, tenant, k, clock, actor):
    member = services.register_member(k, tenant, woman(), status="full")
    r = api_as("secretary", tenant).post(api_url(tenant, f"/members/{member.id}/transfer-out"), json={
        "letter_no": "L1", "other_org": "区教育局党委", "issued_on": "2027-01-05", "expected_version": member.version})
    assert r.status_code == 422 and r.json["errors"]["json"] == {"issued_on": ["不能晚于今天"]}
    assert k.get(tenant, member.id, type(member)).status == "full"


def test_a_member_transferred_in_is_checked_as_a_registration(api_as, tenant, clock):
    r = api_as("secretary", tenant).post(api_url(tenant, "/transfers/in"), json={
        "letter_no": "W1", "other_org": "外校党支部", "issued_on": "2026-11-01",
        "member": as_json(woman(birth_date=date(2000, 1, 1), id_number=id_number(date(2000, 1, 1), 2),
                                joined_on=date(2012, 1, 1), converted_on=date(2013, 1, 1)))})
    assert r.status_code == 422 and "joined_on" in r.json["errors"]["json"]


# -- through the page ------------------------------------------------------------------------
def test_the_registration_page_shows_each_problem_next_to_its_field_and_keeps_what_was_typed(
        login_as, tenant, k, clock):
    client = login_as("secretary", tenant)
    r = client.post(f"/t/{tenant}/members/new", data={
        **as_json(woman(gender="male", joined_on=date(2027, 1, 1), converted_on=None)), "status": "probationary",
        "csrf_token": client.csrf()})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert 'name="joined_on" value="2027-01-01"><div class="error" role="alert">不能晚于今天</div>' in page
    assert "性别与身份证号不符：身份证号第 17 位表示女性</div>" in page
    assert "入党日期：不能晚于今天" in page   # and said at the top, with the field's label
    assert queries.list_members(k, tenant) == []


def test_a_form_error_and_a_plausibility_problem_are_shown_together(login_as, tenant, clock):
    client = login_as("secretary", tenant)
    r = client.post(f"/t/{tenant}/members/new", data={
        **as_json(woman(joined_on=date(2027, 1, 1), converted_on=None)), "phone": "12",
        "status": "probationary", "csrf_token": client.csrf()})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "手机号码应为 11 位数字" in page and "不能晚于今天" in page


# -- the import ------------------------------------------------------------------------------
def test_an_imported_row_is_checked_as_a_registration(k, tenant, clock, actor):
    number = id_number(date(1998, 5, 6), 3)
    data = workbook_bytes([["少年", "男", "汉族", None, number, "", "", "", "", "", "", "",
                            "2010-06-01", "2027-01-01", None, "正式党员"]])
    preview = services.preview_import(k, tenant, data)
    assert preview.rows[0].errors == ["入党日期：入党时未满 18 周岁", "转正日期：不能晚于今天"]
    with pytest.raises(DomainError):
        services.import_members(k, tenant, data, "名册.xlsx")
