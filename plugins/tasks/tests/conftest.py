"""Fixtures of the tasks tests: a task issued by the district, the clock moved by days."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from plugins.tasks import services


@pytest.fixture
def on_day(clock):
    """``on_day(date)``: the clock at 10:00 Beijing time that day."""
    def set_day(day: date) -> None:
        clock.set(datetime.combine(day, time(2, 0), tzinfo=timezone.utc))
    return set_day


@pytest.fixture
def issue(k, actor, clock):
    """``issue(schools, **overrides)`` → a general task due in 7 days asking for text and one integer."""
    def make(schools, **overrides):
        values = dict(kind="general", title="报送年度党建工作总结", content="请报送总结全文及党员大会次数。",
                      deadline=k.today() + timedelta(days=7), schools=list(schools),
                      returns={"text": True, "fields": [{"label": "党员大会次数", "type": "integer"}]}, titles=[])
        values.update(overrides)
        return services.issue_task(k, **values)
    return make
