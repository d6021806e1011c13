"""Numbers as people read them (issue 18, point 4): counts as integers ("28名", never "28.0名"), money
to the fen, percentages to one decimal — in the district's figures and charts."""
from __future__ import annotations

import re
from decimal import Decimal

from core.formatting import figure_number
from tenants.district import numeric


def test_a_count_is_an_integer_money_has_fen_and_a_percentage_one_decimal():
    assert figure_number(28, "名") == "28" and figure_number(28.0, "名") == "28" and figure_number(3.0, "项") == "3"
    assert figure_number(Decimal("1234.5"), "元") == "1234.50" and figure_number(12, "元") == "12.00"
    assert figure_number(95, "%") == "95.0" and figure_number(66.66666, "%") == "66.7"
    assert figure_number(12.5, "小时") == "12.5" and figure_number(12.0, "h") == "12"
    assert figure_number("未考核") == "未考核" and figure_number(None) == "—"


def test_a_figures_count_stays_an_integer_when_read_as_a_number():
    assert numeric(28) == 28 and isinstance(numeric(28), int)
    assert numeric("28") == 28 and isinstance(numeric("28"), int)
    assert numeric(95.5) == 95.5 and numeric("—") is None and numeric(True) is None


def test_the_district_chart_shows_counts_without_a_decimal(login_as, tenant, other_tenant):
    page = login_as("district_admin").get("/district/").get_data(as_text=True)
    values = re.findall(r'font-size="12">([^<]*名)</text>', page)
    assert values, "the district page should chart the members on roll"
    assert all(re.fullmatch(r"\d+名", v) for v in values), values
