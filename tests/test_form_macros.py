"""Every field the shared macros draw (core/templates/macros/ui.html) has an id and a <label for> tied
to it (issue 6): a screen reader names the field, a tap on the label focuses it, and two forms on one
page can post the same name with ids of their own."""
from __future__ import annotations

import re

from flask import render_template_string

FIELD = re.compile(r"<(input|select|textarea)\b([^>]*)>")
PAGE = """{% import "macros/ui.html" as ui %}
{{ ui.input('name', '姓名', required=true) }}
{{ ui.input('dated', '日期', type='date', id='payment-dated', hint='交纳当天') }}
{{ ui.input('dated', '日期', type='date', id='reversal-dated') }}
{{ ui.select('year', '年度', [(2026, '2026')], 2026, hint='默认今年') }}
{{ ui.textarea('note', '备注', '写了一半', maxlength=500) }}
{{ ui.checkbox('late', '补录') }}"""


def fields(page: str) -> list[dict]:
    out = []
    for tag, attrs in FIELD.findall(page):
        values = dict(re.findall(r'([a-z-]+)="([^"]*)"', attrs))
        if values.get("type") != "hidden":
            out.append({"tag": tag, **values})
    return out


def test_every_field_a_macro_draws_has_an_id_and_a_label_for_it(app):
    with app.test_request_context("/"):
        page = render_template_string(PAGE)
    drawn = fields(page)
    assert [f["tag"] for f in drawn] == ["input", "input", "input", "select", "textarea", "input"]
    ids = [f.get("id") for f in drawn]
    assert all(ids) and len(set(ids)) == len(ids), ids          # two fields named "dated", two ids
    labelled = set(re.findall(r'<label for="([^"]+)"', page))
    assert set(ids) <= labelled
    assert 'aria-describedby="payment-dated-hint"' in page and 'id="payment-dated-hint"' in page
    assert 'aria-describedby="year-hint"' in page
    assert 'maxlength="500"' in page and ">写了一半</textarea>" in page


def test_a_page_built_from_the_macros_names_every_field(app, login_as):
    """The user administration page: its forms come from the macros (labels tied by id); the reason
    boxes in its table rows are named by aria-label."""
    page = login_as("district_admin").get("/district/users").get_data(as_text=True)
    drawn = [f for f in fields(page) if f.get("type") not in ("submit", "button")]
    assert drawn and all(f.get("id") or f.get("aria-label") for f in drawn)
    ids = {f["id"] for f in drawn if f.get("id")}
    assert {"u-username", "g-role"} <= ids
    assert set(re.findall(r'<label for="([^"]+)"', page)) <= ids


def test_the_role_grant_form_names_each_school_by_its_name(tenant, make_user, login_as):
    """Appointing a secretary: the schools are listed by name (their code in brackets), and a role held
    at a school is shown with the school's name."""
    person = make_user("secretary", tenant)
    page = login_as("district_admin").get("/district/users").get_data(as_text=True)
    select = re.search(r'<select id="g-tenant".*?</select>', page, re.S).group(0)
    assert f'<option value="{tenant}">第一中学（{tenant}）</option>' in select
    assert re.search(rf"{person}</td>.*?@第一中学", page, re.S)
