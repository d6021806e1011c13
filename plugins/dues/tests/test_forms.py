"""The dues forms (issue 18, point 5): a refused form shows every problem at once, each beside its
field and in a summary at the top, in Chinese, and keeps what was typed; required fields are marked."""
from __future__ import annotations

import re

from core.testing import field_message
from plugins.dues.tests.test_views import member  # noqa: F401  (the fixture)

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def test_a_relief_with_several_problems_says_each_beside_its_field_and_keeps_what_was_typed(login_as, tenant,
                                                                                              member):  # noqa: F811
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/members/{member}/relief", data={
        "csrf_token": client.csrf(), "_form": "relief", "year": "2026", "from_month": "13", "to_month": "x",
        "kind": "reduce", "amount": "abc", "reason": "家庭困难", "approver": " "})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    relief = re.search(r"form_head|/relief\".*?</form>", page, re.S).group(0)
    for name in ("from_month", "to_month", "amount"):
        assert CHINESE.search(field_message(relief, name)), name
    assert "请修改以下" in page
    assert 'value="家庭困难"' in relief and 'value="13"' in relief and 'value="abc"' in relief
    assert re.search(r'value="reduce" selected', relief)
    assert re.search(r'<label for="reason">[^<]*<abbr class="required"', relief)
    base_form = re.search(r"/base\".*?</form>", page, re.S).group(0)
    assert "field-error" not in base_form                       # only the form that was posted


def test_a_remittance_with_several_problems_says_each_beside_its_field(login_as, tenant):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/remittances", data={
        "csrf_token": client.csrf(), "_form": "remittance", "period_from": "2026-13", "period_to": "soon",
        "amount": "-1", "remitted_on": "2026-11-01", "reference": "凭证7"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    for name in ("period_from", "period_to", "amount"):
        assert CHINESE.search(field_message(page, name)), name
    assert 'value="凭证7"' in page and 'value="soon"' in page


def test_a_payment_with_several_problems_says_each_beside_its_field_in_the_payment_form(login_as, tenant,
                                                                                         member):  # noqa: F811
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/members/{member}/pay", data={
        "csrf_token": client.csrf(), "_form": "pay", "method": "cash", "paid_on": "2026-02-31",
        "voluntary": "很多", "payer": "李明", "note": "代交"})
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    pay = re.search(r'/pay\?year=\d+".*?</form>|/pay".*?</form>', page, re.S).group(0)
    for name in ("paid_on", "voluntary"):
        assert CHINESE.search(field_message(pay, name)), name
    months = pay.split('name="months"')[-1].split('name="method"')[0]          # after the last month's box
    assert re.search(r'class="field-error[^>]*>[^<]*[\u4e00-\u9fff]', months)
    assert 'value="李明"' in pay and 'value="代交"' in pay and 'value="很多"' in pay
    base_form = re.search(r"/base\".*?</form>", page, re.S).group(0)
    assert 'value="代交"' not in base_form and "field-error" not in base_form
