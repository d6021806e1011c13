"""Fixtures of the plans tests: members on a school's roll, meetings held (through the other
plugins' public functions and services, as a school records them) and a school's year kept (story)."""
from __future__ import annotations

import itertools
from datetime import date, datetime, time, timezone

import pytest

from core import context
from core.testing.pages import image_bytes
from plugins.meetings import services as meetings
from plugins.members import public as members
from plugins.members.services import organisation
from plugins.plans import rules, services

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_serial = itertools.count(1)


def id_number(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS)) % 11]


def system():
    return context.acting(context.system("test", source="test"))


@pytest.fixture
def add_members(k):
    """``add_members(tenant, n, committee=False)`` → ids of n new full members (joined 2005); with
    ``committee``, the first three are elected the branch committee (from 2025-09-01)."""
    def add(tenant: str, n: int, committee: bool = False) -> list:
        ids = []
        with system():
            for _ in range(n):
                serial = next(_serial)
                ids.append(members.register_member(k, tenant, {
                    "name": f"党员{serial}", "gender": "female", "id_number": id_number(serial % 1000),
                    "joined_on": date(2005, 3, 1), "converted_on": date(2006, 3, 1), "category": "teacher"}))
            if committee:
                organisation.elect_committee(k, tenant, date(2025, 9, 1), [
                    {"member_id": m, "post": post} for m, post in zip(ids, ("secretary", "deputy", "organisation"))])
        return ids
    return add


@pytest.fixture
def hold(k):
    """``hold(tenant, type, day, title=None)`` → the id of a meeting of that type held that day
    (entered after the fact, as a school enters the meetings it held)."""
    def held(tenant: str, type_code: str, day: date, title: str | None = None):
        with system():
            built = meetings.record_held_meetings(k, tenant, [{
                "held_on": day, "starts": time(15, 0), "type": type_code, "title": title or f"{type_code} {day}",
                "place": "会议室"}])
        return built[0].id
    return held


@pytest.fixture
def story(k, tenant, clock, add_members, hold):
    """A plan with a linked item (3 of 4 congresses held) and an unlinked one reported with a file,
    adopted at a committee meeting; a budget with a spending; a room element checked with a photo."""
    add_members(tenant, 3, committee=True)
    clock.set(datetime(2026, 10, 20, 2, tzinfo=timezone.utc))
    committee = hold(tenant, "committee", date(2026, 1, 15), "一月支委会")
    with system():
        resolution = meetings.record_vote(k, tenant, committee, "major", "通过年度党建工作计划", 3, 0)
    for day in (date(2026, 3, 10), date(2026, 6, 9), date(2026, 9, 8)):
        hold(tenant, "congress", day)
    photo = {"sha256": None}
    with system():
        plan = services.draft_plan(k, tenant, 2026)
        services.add_item(k, tenant, plan.id, {"what": "每季度召开支部党员大会", "target": 4, "owner": "书记",
                                               "due_on": date(2026, 12, 31), "link": rules.meeting_link("congress")})
        services.add_item(k, tenant, plan.id, {"what": "完成党报党刊征订", "owner": "宣传委员",
                                               "due_on": date(2026, 1, 31)})
        services.adopt_plan(k, tenant, plan.id, committee, resolution)
        evidence = services.store_files(k, [(b"%PDF-1.4 order", "订单.pdf")])
        services.report_progress(k, tenant, plan.id, "i2", date(2026, 1, 20), "已征订", complete=True,
                                 evidence=evidence)
        services.set_budget(k, tenant, 2026)
        services.record_spending(k, tenant, 2026, date(2026, 3, 10), "300", "资料", meeting_id=committee)
        photos = services.store_files(k, [(image_bytes(), "党旗.png")])
        photo["sha256"] = photos[0]["sha256"]
        services.check_room_element(k, tenant, "党旗", date(2026, 3, 1), True, photos=photos)
    return {"plan": plan.id, "pdf": evidence[0]["sha256"], "photo": photo["sha256"]}
