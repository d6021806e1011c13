"""The working calendar (工作日): public holidays and make-up working days are data, not Mon–Fri."""
from __future__ import annotations

from datetime import date

import pytest

from core import calendar


def test_national_day_is_not_a_working_day_and_the_make_up_saturday_is():
    assert not calendar.is_working_day(date(2025, 10, 1))
    assert not calendar.is_working_day(date(2025, 10, 8))
    assert calendar.is_working_day(date(2025, 9, 28))     # Sunday, 调休上班
    assert calendar.is_working_day(date(2025, 10, 11))    # Saturday, 调休上班


def test_five_working_days_from_the_monday_before_national_day_2025_end_on_the_make_up_saturday():
    assert calendar.add_working_days(date(2025, 9, 29), 5) == date(2025, 10, 11)


def test_the_package_covers_the_years_up_to_its_last_published_arrangement():
    assert 2025 in calendar.package_years() and 2026 in calendar.package_years()


def test_a_district_table_names_holidays_and_make_up_days_for_a_year_the_package_does_not_know():
    table = calendar.parse_table("version: 2027-test\n"
                                 "2027-10-01 holiday 国庆节\n2027-10-04 holiday\n2027-10-05 holiday\n"
                                 "2027-10-09 workday 调休上班  # a Saturday\n")
    assert table.versions == ("2027-test",)
    assert not calendar.is_working_day(date(2027, 10, 1), table)
    assert calendar.is_working_day(date(2027, 10, 9), table)
    # Thu 30 Sep (1), Fri 1 Oct off, Mon 4 and Tue 5 off, Wed 6 (2), Thu 7 (3), Fri 8 (4), Sat 9 (5)
    assert calendar.add_working_days(date(2027, 9, 30), 5, table) == date(2027, 10, 9)


def test_a_year_no_one_has_published_falls_back_to_monday_to_friday():
    empty = calendar.Table({})
    assert calendar.add_working_days(date(2031, 3, 6), 5, empty) == date(2031, 3, 12)


def test_the_district_table_wins_over_the_package():
    table = calendar.Table({date(2026, 10, 9): False})
    assert calendar.add_working_days(date(2026, 9, 28), 5, table) == date(2026, 10, 10)


def test_the_district_file_is_read_after_the_shipped_one(tmp_path, monkeypatch):
    own = tmp_path / "calendar.txt"
    own.write_text("version: district-1\n2028-05-02 holiday 劳动节\n", encoding="utf-8")
    monkeypatch.setenv(calendar.TABLE_ENV, str(own))
    calendar.district_table.cache_clear()
    try:
        assert not calendar.is_working_day(date(2028, 5, 2))
        assert "district-1" in calendar.version()
    finally:
        monkeypatch.delenv(calendar.TABLE_ENV)
        calendar.district_table.cache_clear()


@pytest.mark.parametrize("line", ["2027-13-01 holiday", "2027-10-01 off"])
def test_a_bad_table_line_is_refused_with_its_place(line):
    with pytest.raises(calendar.CalendarTableError, match="t:1"):
        calendar.parse_table(line, "t")
