"""core.aggregates.FlatCopy: the aggregate cache's copy of a register is independent of the original."""
import copy

from plugins.members.domain import MemberRegister


def test_a_copied_register_shares_nothing_mutable_with_the_cached_one():
    cached = MemberRegister(tenant="school-a", numbers={"11010519491231002X": "m1"}, derived_from={})
    cached.collect_events()
    handed_out = copy.deepcopy(cached)
    handed_out.enter("110105194912310037", "m2")
    assert handed_out.numbers == {"11010519491231002X": "m1", "110105194912310037": "m2"}
    assert cached.numbers == {"11010519491231002X": "m1"} and cached.version == 1
    assert len(handed_out.collect_events()) == 1 and cached.collect_events() == []


def test_a_member_who_changes_number_leaves_the_old_one_free():
    register = MemberRegister(tenant="school-a", numbers={"11010519491231002X": "m1"}, derived_from={})
    register.enter("110105194912310037", "m1", previous="11010519491231002X")
    assert register.numbers == {"110105194912310037": "m1"}
