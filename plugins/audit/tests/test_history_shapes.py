"""The console's page statement is kept once per shape of criteria (``index.list_history``): criteria
that bind no value must never read as another shape's statement (an empty scope as no scope at all)."""
from __future__ import annotations

from datetime import timedelta

from plugins.audit.queries import history
from plugins.audit.queries.history import index
from plugins.audit.tests.conftest import register

CODE = "members.member.registered"


def totals(k, *criteria) -> list[int]:
    return [history.list_history(k, c).total for c in criteria]


def test_an_empty_scope_sees_nothing_whichever_page_was_read_before(k, make_tenant, clock):
    for slug in ("school-a", "school-b"):
        make_tenant(slug, slug)
        register(k, slug, "甲")
    everything, nothing = history.Criteria(schools=None), history.Criteria(schools=[])
    index._PAGES.clear()
    first = totals(k, everything, nothing)
    index._PAGES.clear()
    assert totals(k, nothing, everything) == list(reversed(first))
    assert first[0] > 0 and first[1] == 0
    assert totals(k, history.Criteria(schools=["school-a"]), history.Criteria(schools=["school-a", "school-b"]),
                  history.Criteria(school="school-b")) == [
        len([r for r in history.list_history(k, everything).items if r.tenant in wanted])
        for wanted in (("school-a",), ("school-a", "school-b"), ("school-b",))]


def test_a_code_no_class_has_finds_nothing_and_another_code_finds_its_rows(k, make_tenant, clock):
    make_tenant("school-a", "school-a")
    register(k, "school-a", "甲")
    register(k, "school-a", "乙")
    index._PAGES.clear()
    assert totals(k, history.Criteria(), history.Criteria(event_type="members.member.vanished"),
                  history.Criteria(event_type=CODE), history.Criteria(event_type="Member.Registered"))[1:] == [0, 2, 2]
    assert history.list_history(k, history.Criteria()).total > 2


def test_the_same_shape_with_other_values_reads_other_rows(k, make_tenant, clock):
    """Values travel as parameters of the kept statement: dates, an actor, a record, a page."""
    make_tenant("school-a", "school-a")
    member = register(k, "school-a", "甲")
    register(k, "school-a", "乙")
    now = history.list_history(k, history.Criteria()).items[0].timestamp   # the newest row's time
    later = history.Criteria(since=now + timedelta(days=1))
    earlier = history.Criteria(since=now - timedelta(days=1))
    assert totals(k, later, earlier)[0] == 0 and totals(k, earlier)[0] > 0
    one = history.list_history(k, history.Criteria(record=member))
    assert {r.originator_id for r in one.items} == {member}
    assert history.list_history(k, history.Criteria(actor="nobody")).total == 0
    pages = [history.list_history(k, history.Criteria(per_page=1, page=p)).items[0].notification_id for p in (1, 2)]
    assert pages[0] != pages[1]
