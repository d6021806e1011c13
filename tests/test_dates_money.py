"""core.dates and core.money: the month arithmetic and the money rounding every plugin counts with."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from core import dates, money


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),      # clamped to the month's last day
    (date(2024, 1, 31), 1, date(2024, 2, 29)),      # a leap year
    (date(2026, 3, 1), -3, date(2025, 12, 1)),      # back over a year's turn
    (date(2026, 11, 15), 2, date(2027, 1, 15)),
    (date(2026, 5, 1), 0, date(2026, 5, 1)),
])
def test_add_months_keeps_the_day_within_the_month(day, months, expected):
    assert dates.add_months(day, months) == expected


def test_whole_months_count_only_when_the_day_is_reached():
    assert dates.months_between(date(2026, 1, 15), date(2026, 3, 14)) == 1
    assert dates.months_between(date(2026, 1, 15), date(2026, 3, 15)) == 2
    assert dates.months_between(date(2026, 3, 15), date(2026, 1, 15)) == -2
    assert dates.months_apart(date(2026, 1, 31), date(2026, 2, 1)) == 1    # calendar months, days ignored


def test_months_are_named_by_their_first_day():
    assert dates.month_of(date(2026, 7, 19)) == date(2026, 7, 1)
    assert dates.parse_month("2026-03") == dates.parse_month("2026-03-18") == date(2026, 3, 1)
    assert dates.month_key(date(2026, 3, 1)) == "2026-03"
    assert dates.month_range(date(2025, 11, 20), date(2026, 2, 3)) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert dates.month_range(date(2026, 2, 1), date(2026, 1, 1)) == []
    assert [dates.quarter_of(date(2026, m, 1)) for m in (1, 3, 4, 12)] == [1, 1, 2, 4]


def test_money_rounds_half_up_to_the_fen_and_is_stored_in_whole_fen():
    assert money.to_fen("1.005") == Decimal("1.01") and money.to_fen(2) == Decimal("2.00")
    assert money.fen_int("12.345") == 1235 and money.from_fen(1235) == Decimal("12.35")
    assert money.from_fen(None) == money.ZERO
    assert money.yuan(Decimal("1234.5")) == "¥1,234.50" and money.yuan(None) == "—"


def test_the_kernel_gets_an_aggregate_at_the_version_read_or_refuses(k, tenant, actor):
    from core.errors import ConflictError, NotFoundError  # noqa: PLC0415
    from tests.sample_plugin import Note, write_note  # noqa: PLC0415
    note = write_note(k, tenant, "一")
    assert k.get(tenant, note.id, Note, expected_version=1).text == "一"
    with pytest.raises(ConflictError, match="版本 1，您提交的是版本 0"):
        k.get(tenant, note.id, Note, expected_version=0)
    assert k.get_or_none(tenant, note.id, Note).id == note.id
    assert k.get_or_none(tenant, note.id, dict) is None            # another class: none
    import uuid  # noqa: PLC0415
    assert k.get_or_none(tenant, uuid.uuid4()) is None
    with pytest.raises(NotFoundError):
        k.get(tenant, uuid.uuid4())


@pytest.fixture
def extra_plugins():
    from tests import sample_plugin  # noqa: PLC0415
    return (sample_plugin,)


def test_a_schools_settings_of_a_plugin_come_through_its_schema_with_defaults(k, tenant, actor):
    from tenants import services as tenants  # noqa: PLC0415
    assert k.settings(tenant, "sample") == {"months": 6}                       # the schema's default
    tenants.configure_plugin(k, tenant, "sample", {"months": 9})
    assert k.settings(tenant, "sample") == {"months": 9}
    assert k.settings(tenant, "dues")["quarterly"] is False                    # a real plugin's default


def test_a_stored_setting_no_longer_valid_falls_back_to_its_default(k, tenant, actor):
    from sqlalchemy import update  # noqa: PLC0415
    from core.tenancy.models import school_plugins  # noqa: PLC0415
    with k.engine.begin() as conn:   # written under an older rule (the schema allowed 1–24 then, say)
        conn.execute(update(school_plugins).where(school_plugins.c.tenant == tenant,
                                                  school_plugins.c.plugin == "dues")
                     .values(settings={"quarterly": True, "prepay_limit_months": 999}))
    settings = k.settings(tenant, "dues")
    assert settings["quarterly"] is True
    assert settings["prepay_limit_months"] == k.settings("no-such-school", "dues")["prepay_limit_months"]
