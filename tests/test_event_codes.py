"""Event codes are derived from topics with the plugin's prefix, and every registered event type has
a distinct one."""
from __future__ import annotations

import pytest
from eventsourcing.utils import get_topic

from core.events import event_code
from plugins.audit.rules.catalogue import registered_event_classes


@pytest.mark.parametrize("topic, code", [
    ("plugins.dues.domain:DuesAccount.Paid", "dues.account.paid"),
    ("plugins.dues.domain:DuesAccount.BaseRecorded", "dues.account.base_recorded"),
    ("plugins.members.domain:Member.Registered", "members.member.registered"),
    ("plugins.meetings.domain:Meeting.Held", "meetings.meeting.held"),
    ("plugins.integrity.domain.commitments:Commitment.Made", "integrity.commitment.made"),
    ("tenants.domain:School.RecordsStartChanged", "tenants.school.records_start_changed"),
    ("core.auth.domain:UserAccount.IDNumberChanged", "auth.user_account.id_number_changed"),
])
def test_an_event_code_is_the_plugin_the_record_and_the_event_in_words(topic, code):
    assert event_code(topic) == code


def test_every_registered_event_type_has_its_own_code(k):
    topics = [get_topic(cls) for cls in registered_event_classes(k.registry)]
    codes = [event_code(t) for t in topics]
    assert len(topics) > 50 and len(set(codes)) == len(codes), sorted(c for c in codes if codes.count(c) > 1)
