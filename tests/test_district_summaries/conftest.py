"""Every test of the district summaries runs with the calendar plugin (a figure that moves with the day)."""
from __future__ import annotations

import pytest

from tests.test_district_summaries import Calendar


@pytest.fixture
def extra_plugins():
    return (Calendar(),)
