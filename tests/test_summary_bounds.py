"""The work one read of the district summaries does is bounded (issue 19, point 2): a page computes at
most ``ZHIBU_SUMMARY_REFRESH_PER_READ`` due rows itself; the other schools are shown with their last
computed figures, marked as being updated with the time they were computed, and computed by the
worker's job or, in a process without a worker, right after the page is sent."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core import summaries
from core.formatting import local_datetime
from core.summaries import school_summaries
from tests.test_district_summaries import _member

LIMIT = 3


def rows(k):
    with k.engine.connect() as conn:
        return {(r.tenant, r.plugin): r for r in conn.execute(select(school_summaries))}


@pytest.fixture
def six(k, clock, make_tenant):
    """Six schools with members and audit only, their summaries computed, then a member registered in
    each: every members row stale (the page showed 0 on the roll, the truth is 1)."""
    k.config["ZHIBU_SUMMARY_REFRESH_PER_READ"] = LIMIT
    slugs = [make_tenant(f"b{i}", f"学校{i}", plugins=[]) for i in range(6)]
    summaries.refresh_job(k)
    for n, slug in enumerate(slugs):
        _member(k, slug, n)
    assert sum(r.stale for r in rows(k).values()) == 12   # members and audit rows of six schools
    return slugs


def _on_roll(page: str) -> dict[str, str]:
    """Each school's row of the table: its name, then its mark of being updated, if any."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return {m.group(1): m.group(2) for m in re.finditer(r"学校(\d)</a>(.*?)</td>", body, re.S)}


def test_a_page_computes_at_most_the_setting_and_shows_the_rest_as_last_computed(k, six, login_as):
    k.inline_projections = False          # a deployment with a worker
    admin = login_as("district_admin")
    before = rows(k)
    response = admin.get("/district/")
    assert response.status_code == 200
    after = rows(k)
    refreshed = [key for key, r in after.items() if before[key].stale and not r.stale]
    assert len(refreshed) == LIMIT
    page = response.get_data(as_text=True)
    marks = _on_roll(page)
    waiting = {slug for (slug, _p), r in after.items() if r.stale}
    assert waiting and len(waiting) <= 6
    for slug in six:
        oldest = min(r.updated_at for (s, _p), r in after.items() if s == slug and r.stale) if slug in waiting else None
        if slug in waiting:
            assert "更新中，数据计算于" in marks[slug[1:]], marks   # marked, with when it was computed
            assert local_datetime(oldest) in marks[slug[1:]]
        else:
            assert "更新中" not in marks[slug[1:]]
    assert f"{len(waiting)} 所学校的部分指标和提醒正在更新" in page
    # What is shown for a school being updated is what was computed before the member came: 0.
    figures, _alerts = summaries.read(k, six, limit=0)
    assert any(figures[slug]["members.on_roll"].value == 0 for slug in waiting)
    # The worker computes the rest; the page then marks nothing.
    assert summaries.refresh_job(k) == 12 - LIMIT
    page = admin.get("/district/").get_data(as_text=True)
    assert "更新中" not in page and "正在更新" not in page
    figures, _alerts = summaries.read(k, six, limit=0)
    assert all(figures[slug]["members.on_roll"].value == 1 for slug in six)


def test_without_a_worker_the_rows_a_page_left_are_computed_once_it_is_sent(k, six, login_as):
    assert k.inline_projections          # the single-process default
    admin = login_as("district_admin")
    response = admin.get("/district/")
    assert response.status_code == 200 and "更新中" in response.get_data(as_text=True)
    assert sum(r.stale for r in rows(k).values()) == 12 - LIMIT   # not before the answer
    response.close()                     # the server has sent it
    assert not any(r.stale for r in rows(k).values())
    page = admin.get("/district/").get_data(as_text=True)
    assert "更新中" not in page


def test_a_read_left_without_a_limit_computes_every_due_row(k, six):
    summaries.read(k, six)
    assert not any(r.stale for r in rows(k).values())
