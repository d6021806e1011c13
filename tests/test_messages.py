"""Chinese everywhere, English complete (issue 18, point 4): a form's errors, a rule's refusal and a
command's flash are written in the page's language — Chinese by default, English when the user chose
it — and the API answers in the language its caller asks for (Accept-Language)."""
from __future__ import annotations

import copy
import re
from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError, N_
from core.messages import message_of, validation_message
from plugins.dues import services as dues
from plugins.members.public import register_member



def page_of(response) -> str:
    return response.get_data(as_text=True)


def in_english(client):
    assert client.get("/lang/en").status_code == 302
    return client


@pytest.fixture
def member(k, tenant, actor):
    birth = date(1980, 3, 3)
    first17 = "110105" + birth.strftime("%Y%m%d") + "123"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    id_number = first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]
    member_id = register_member(k, tenant, {
        "name": "张三", "gender": "female", "id_number": id_number, "birth_date": birth,
        "joined_on": date(2010, 6, 1), "converted_on": date(2011, 6, 1), "category": "teacher"}, status="full")
    dues.record_base(k, tenant, member_id, 2026, 1, "employed", Decimal("4000"))
    return member_id


def test_marshmallows_sentences_read_in_chinese_with_the_choices_in_words(app):
    with app.test_request_context("/"):
        assert validation_message("Missing data for required field.") == "此项为必填项。"
        assert validation_message("Not a valid number.") == "不是有效的数字。"
        assert validation_message("Unknown field.") == "未知字段。"
        assert validation_message("Must be greater than or equal to 1 and less than or equal to 12.") == \
            "必须大于或等于 1 且小于或等于 12。"
        assert validation_message("Longer than maximum length 40.") == "长度不能超过 40。"
        assert validation_message("Must be one of: monthly, quarterly.",
                                  {"monthly": "按月", "quarterly": "按季"}) == "必须是以下之一：按月、按季。"
        assert validation_message("请填写学校代码") == "请填写学校代码"   # the project's own, already Chinese


def test_a_refusal_keeps_its_message_id_and_parameters_and_reads_in_chinese_without_a_request():
    refusal = DomainError(N_("学校代码 %(slug)s 已被使用"), slug="no1", field="slug")
    assert refusal.message == str(refusal) == "学校代码 no1 已被使用"
    assert refusal.template == "学校代码 %(slug)s 已被使用" and refusal.params == {"slug": "no1"}
    said = N_("%(name)s不是正式党员，不能担任入党介绍人", name="李四")   # a rule's refusal, returned as text
    assert said == "李四不是正式党员，不能担任入党介绍人"
    assert DomainError(said).template == "%(name)s不是正式党员，不能担任入党介绍人"
    assert message_of(DomainError(said)) == "李四不是正式党员，不能担任入党介绍人"
    copied = copy.deepcopy({"id_number": said})["id_number"]   # kept in a record, copied, still a message
    assert copied == said and copied.template == said.template and copied.params == {"name": "李四"}


def test_a_setting_outside_its_choices_names_its_label_and_the_choices_in_words(login_as, tenant):
    admin = login_as("district_admin")
    page = page_of(admin.get(f"/district/schools/{tenant}"))
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    form = {"csrf_token": admin.csrf(), "action": "configure", "plugin": "dues", "version": version,
            "s_remit_period": "weekly"}
    page = page_of(admin.post(f"/district/schools/{tenant}", data=form))
    assert "上缴周期" in page and "必须是以下之一：按月、按季。" in page
    assert "remit_period" not in page.split("<form")[0] and "Must be one of" not in page
    page = page_of(in_english(admin).post(f"/district/schools/{tenant}", data=form))
    assert "Must be one of: monthly, quarterly." in page and "必须是以下之一" not in page


def test_a_page_forms_errors_are_chinese_on_a_chinese_page_and_english_on_an_english_one(login_as, tenant, member):
    org = login_as("org", tenant)
    form = {"year": "2026", "from_month": "三月", "category": "employed", "base": "4000"}
    response = org.post(f"/t/{tenant}/dues/members/{member}/base", data={**form, "csrf_token": org.csrf()})
    assert response.status_code == 422
    assert "不是有效的整数。" in page_of(response) and "Not a valid integer." not in page_of(response)
    in_english(org)
    response = org.post(f"/t/{tenant}/dues/members/{member}/base", data={**form, "csrf_token": org.csrf()})
    assert response.status_code == 422 and "Not a valid integer." in page_of(response)


def test_a_rules_refusal_and_a_commands_flash_follow_the_page_language(login_as, tenant):
    admin = login_as("district_admin")
    form = {"_form": "school", "slug": tenant, "name": "重名学校"}
    page = page_of(admin.post("/district/schools/", data={**form, "csrf_token": admin.csrf()}))
    assert f"学校代码 {tenant} 已被使用" in page
    in_english(admin)
    page = page_of(admin.post("/district/schools/", data={**form, "csrf_token": admin.csrf()}))
    assert f"The school code {tenant} is already taken" in page and "已被使用" not in page
    response = admin.post("/district/schools/", data={"_form": "school", "slug": "no9", "name": "第九中学",
                                                      "csrf_token": admin.csrf()}, follow_redirects=True)
    assert "School 第九中学 was created" in page_of(response)


def test_a_domain_refusal_with_parameters_is_translated_where_it_is_shown(login_as, tenant, member):
    org = in_english(login_as("org", tenant))
    response = org.post(f"/t/{tenant}/dues/members/{member}/pay", data={
        "csrf_token": org.csrf(), "months": ["2027-09"], "method": "cash"})
    assert response.status_code == 422
    assert "At most 6 months can be paid ahead" in page_of(response) and "预交最多" not in page_of(response)


def test_the_api_answers_in_the_language_its_caller_asks_for(api_as, tenant, member):
    api = api_as("org", tenant)
    url = f"/api/v1/t/{tenant}/dues/payments"
    body = {"member_id": str(member), "months": ["2026-01"], "method": "gold"}
    chinese = api.post(url, json=body)
    assert chinese.status_code == 422
    assert chinese.json["errors"]["json"]["method"][0].startswith("必须是以下之一：")
    english = api.post(url, json=body, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert english.json["errors"]["json"]["method"][0].startswith("Must be one of: ")
    same = {"member_id": str(member), "year": 2026, "category": "employed", "base": "4000"}
    refused = api.post(f"/api/v1/t/{tenant}/dues/bases", json=same, headers={"Accept-Language": "en"})
    assert refused.status_code == 422 and refused.json["message"] == \
        "The base is the same as the one recorded; nothing to change"
    assert api.post(f"/api/v1/t/{tenant}/dues/bases", json=same).json["message"] == "基数与已登记的相同，无需更改"


def test_the_school_page_shows_every_module_and_setting_in_the_readers_language(login_as, tenant):
    """A module's title, description, each setting's label, help and choices come from the plugin in
    Chinese and are shown in English on an English page (issue 18.4: English complete)."""
    admin = login_as("district_admin")
    page = page_of(admin.get(f"/district/schools/{tenant}"))
    assert "连续未交几个月时警示（党章第九条）" in page and "评诺权重：个人自评（%）" in page and "按季" in page
    page = page_of(in_english(admin).get(f"/district/schools/{tenant}"))
    for english in ("Alert after this many months unpaid in a row (Party Constitution, Article 9)",
                    "Commitment review weight: self-assessment (%)", "Branch committee term (years)",
                    "Dues bases, amounts owed, collection, arrears, remittance and publication"):
        assert english in page
    settings = page.split('class="settings"', 1)[1]
    assert not re.search(r"<label[^>]*>[^<]*[\u4e00-\u9fff]", settings), "a setting's label is still Chinese"


def test_a_sheets_row_problems_are_each_translated_where_shown(app):
    """Late entries and sheets refuse all rows at once, naming each row; each row's sentence keeps its id
    and parameters, so the whole refusal reads in the page's language."""
    from flask import session

    from core.errors import row_problems
    from plugins.meetings.domain import MeetingError
    exc = MeetingError(row_problems({3: N_("请填写会议名称"), 5: N_("%(name)s 已不计入应到会人数", name="王五")}), field="rows")
    assert exc.message == "第 3 行：请填写会议名称；第 5 行：王五 已不计入应到会人数"
    with app.test_request_context("/"):
        session["lang"] = "en"
        english = message_of(exc)
    assert english.startswith("Row 3: ") and "Row 5: " in english and "行" not in english and "王五" in english
