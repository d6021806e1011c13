"""The development forms (issue 18, point 5): a refused form shows every problem at once, each beside
its field and in a summary at the top, in Chinese, keeps what was typed, ties each label to its field
and marks the required ones."""
from __future__ import annotations

import re
from datetime import date

from core.testing import field_message
from plugins.development import services
from plugins.development.tests.helpers import person, set_today


def base(tenant: str) -> str:
    return f"/t/{tenant}/development"


def test_a_new_case_with_several_problems_says_each_beside_its_field_and_keeps_what_was_typed(tenant, clock,
                                                                                                login_as):
    set_today(clock, date(2024, 5, 1))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/new", data={
        "csrf_token": client.csrf(), "name": "赵明", "gender": "male", "id_number": "123", "category": "teacher",
        "applied_on": "2024-13-40", "phone": "12", "job_post": "初二（3）班"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for name in ("id_number", "applied_on", "phone"):
        assert re.search(r"[\u4e00-\u9fff]", field_message(page, name)), name
    assert not field_message(page, "name")
    assert "请修改以下 3 处后再提交" in page
    assert 'value="赵明"' in page and 'value="初二（3）班"' in page and 'value="123"' in page
    assert re.search(r'<label for="id_number">[^<]*<abbr class="required"', page)


def test_a_refused_step_says_each_problem_beside_its_field_in_its_own_form(k, tenant, clock, actor, login_as):
    set_today(clock, date(2024, 3, 1))
    case = services.open_case(k, tenant, person(), date(2024, 3, 1))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/step", data={
        "csrf_token": client.csrf(), "_form": "step", "expected_version": case.version, "step": 2,
        "happened_on": "someday", "actor": "支部书记王芳", "notes": "了解入党动机", "days": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    step_form = re.search(r"command='step'|/step\".*?</form>", page, re.S).group(0)
    assert re.search(r"[\u4e00-\u9fff]", field_message(step_form, "happened_on"))
    assert 'value="支部书记王芳"' in step_form and 'value="了解入党动机"' in step_form
    correct_forms = re.findall(r'/(?:refuse|publicity)".*?</form>', page, re.S)
    assert correct_forms and not any("field-error" in f for f in correct_forms)   # only the posted form


def test_a_rule_refusing_a_step_is_shown_beside_the_field_it_concerns(tenant, clock, actor, k, login_as):
    set_today(clock, date(2024, 4, 2))
    case = services.open_case(k, tenant, person(), date(2024, 3, 1))
    client = login_as("secretary", tenant)
    response = client.post(f"{base(tenant)}/{case.id}/step", data={
        "csrf_token": client.csrf(), "_form": "step", "expected_version": case.version, "step": 2,
        "happened_on": "2024-04-02", "notes": "谈话"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "须说明逾期原因" in field_message(page, "late_reason") and 'value="谈话"' in page


def test_a_refusal_in_english_names_the_field_in_english(k, tenant, clock, actor, login_as):
    set_today(clock, date(2024, 3, 1))
    case = services.open_case(k, tenant, person(), date(2024, 3, 1))
    client = login_as("secretary", tenant)
    assert client.get("/lang/en").status_code == 302
    response = client.post(f"{base(tenant)}/{case.id}/step", data={
        "csrf_token": client.csrf(), "_form": "step", "expected_version": case.version, "step": 2,
        "happened_on": "2024-03-01", "notes": "talk", "leaving_on": "someday"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "预计离开本单位日期" not in page   # neither the message above the forms nor the form's summary
    assert 'href="#leaving_on">Expected date of leaving the unit</a>: ' in page
