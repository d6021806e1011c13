"""The input boundary of the core (issue 13): one text rule, bounded numbers, months and dates, JSON
bodies that are objects, file names and Excel cells that cannot break anything later."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from flask import request
from marshmallow import Schema, ValidationError, validate
from openpyxl import load_workbook

from core.excel import workbook
from core.fields import Date, Integer, Line, Money, Month, Text, Year, clean_name
from core.files import UploadError, send_stored, store_file


class _Input(Schema):
    text = Text()
    short = Text(validate=validate.Length(max=5))
    line = Line()
    month = Month()
    count = Integer()
    year = Year()
    amount = Money()
    day = Date()


def _errors(**data) -> dict:
    with pytest.raises(ValidationError) as caught:
        _Input().load(data)
    return caught.value.messages


@pytest.mark.parametrize("bad", ["a\x00b", "\x1b[31m", "\x7f", "\x85", "\ud800"])
def test_text_refuses_nul_and_control_characters_with_a_chinese_message(bad):
    assert _errors(text=bad) == {"text": ["不能包含控制字符"]}


def test_text_keeps_tabs_and_newlines_and_turns_crlf_into_lf():
    assert _Input().load({"text": "a\tb\r\nc\rd"}) == {"text": "a\tb\nc\nd"}


def test_text_is_bounded_by_a_default_and_by_its_own_length():
    assert "text" in _errors(text="x" * 20_001)
    assert "short" in _errors(short="x" * 6)
    assert _Input().load({"text": "x" * 20_000, "short": "x" * 5})


def test_a_line_refuses_newlines():
    assert _errors(line="a\nb") == {"line": ["不能换行"]}


@pytest.mark.parametrize("bad", ["0000-01", "1899-12", "2101-01", "2026-13", "2026-1", "10000000000-01"])
def test_a_month_is_yyyy_mm_between_1900_and_2100(bad):
    assert "month" in _errors(month=bad)


def test_integers_years_and_dates_stay_in_their_windows():
    errors = _errors(count=10**25, year=10**22, day="0001-01-01")
    assert set(errors) == {"count", "year", "day"}
    assert _Input().load({"count": 2**31 - 1, "year": 2026, "day": "2100-12-31"}) == \
        {"count": 2**31 - 1, "year": 2026, "day": date(2100, 12, 31)}


@pytest.mark.parametrize("bad", [1e308, "1e308", 10**19, "NaN", "-Infinity", "1.005", "-1", True, [1]])
def test_money_is_a_finite_amount_to_the_fen_below_a_billion(bad):
    assert "amount" in _errors(amount=bad)


def test_money_loads_to_the_fen_and_dumps_as_a_string():
    assert _Input().load({"amount": 12.5})["amount"] == Decimal("12.50")
    assert _Input().load({"amount": "999999999.99"})["amount"] == Decimal("999999999.99")
    assert _Input().dump({"amount": Decimal("3")}) == {"amount": "3.00"}


@pytest.mark.parametrize("body", ["[]", "1", "null", '"x"', "[" * 100_000 + "]" * 100_000])
def test_a_json_body_that_is_not_an_object_is_422_before_any_schema_hook(api_as, tenant, body):
    api = api_as("secretary", tenant)
    for url in (f"/api/v1/t/{tenant}/members/members", f"/api/v1/t/{tenant}/dues/remittances",
                f"/api/v1/t/{tenant}/meetings/meetings"):
        r = api.post(url, data=body, content_type="application/json")
        assert r.status_code == 422 and r.json["errors"]["json"]["_schema"], (url, r.json)


def test_huge_integers_in_paths_are_404(api_as, login_as, tenant):
    api = api_as("secretary", tenant)
    assert api.get(f"/api/v1/t/{tenant}/assessment/assessments/{10**22}").status_code == 404
    assert api.get(f"/api/v1/audit/events/{tenant}/{10**25}").status_code in (403, 404)
    page = login_as("secretary", tenant)
    assert page.get(f"/t/{tenant}/assessment/{10**22}").status_code == 404


def test_deep_json_read_by_flask_is_a_400_not_a_crash(app):
    with app.test_request_context("/", method="POST", data="[" * 100_000 + "]" * 100_000,
                                  content_type="application/json"):
        with pytest.raises(Exception) as caught:
            request.get_json()
        assert getattr(caught.value, "code", None) == 400


def test_a_control_character_in_an_account_form_is_the_pages_message_and_nothing_is_issued(login_as, k):
    client = login_as("district_admin")
    r = client.post("/account", data={"_form": "t", "t-label": "a\x00b", "csrf_token": client.csrf()})
    body = r.get_data(as_text=True)
    assert r.status_code < 500 and "不能包含控制字符" in body
    assert "zb_" not in body  # no token was issued


def test_uploaded_file_names_lose_control_and_bidi_characters(k):
    ref = store_file(k, b"%PDF-1.4", "a\x00b\u202ec\x1b.pdf")
    assert ref.name == "abc.pdf"
    with pytest.raises(UploadError):
        store_file(k, b"%PDF-1.4", "x" * 300 + ".pdf")
    assert clean_name("\u2066\x00.pdf") == ".pdf"


def test_a_file_stored_with_a_control_character_in_its_name_still_downloads(app, k):
    ref = store_file(k, b"%PDF-1.4", "ok.pdf")
    with app.test_request_context("/"):
        response = send_stored(k, ref.sha256, "a\x00b\r\n.pdf", "application/pdf")
        assert response.status_code == 200 and "ab" in response.headers["Content-Disposition"]


def test_excel_cells_and_titles_drop_what_openpyxl_refuses():
    body = workbook([("名单:[1]\x1b", ["姓名\x00"], [["张\x1b三", ["a\x01", "b"], "ok\ud800"]])])
    ws = load_workbook(io.BytesIO(body)).active
    assert ws.title == "名单1"
    assert [c.value for c in ws[2]] == ["张三", "a、b", "ok"] and ws["A1"].value == "姓名"
