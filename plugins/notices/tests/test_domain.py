"""The inbox aggregate: a receipt is recorded once per notice; a delivery choice is checked and kept
with what it replaced."""
from __future__ import annotations

from uuid import uuid4

import pytest

from plugins.notices.domain import Inbox, NoticesError


def test_a_notice_is_read_once():
    inbox = Inbox(tenant="s", username="u")
    a, b = uuid4(), uuid4()
    assert inbox.mark_read([a, a], None) is True
    assert inbox.mark_read([a], None) is False
    assert inbox.mark_read([a, b], None) is True
    reads = [e for e in inbox.collect_events() if isinstance(e, Inbox.Read)]
    assert [e.notices for e in reads] == [[str(a)], [str(b)]]


def test_a_delivery_choice_is_checked_and_keeps_the_previous_one():
    inbox = Inbox(tenant="s", username="u")
    with pytest.raises(NoticesError) as refused:
        inbox.choose_delivery("", "each")
    assert refused.value.field == "email"
    inbox.choose_delivery("u@example.org", "each")
    inbox.choose_delivery("u@example.org", "weekly")
    last = inbox.collect_events()[-1]
    assert last.before == {"email": "u@example.org", "delivery": "each"} and inbox.delivery == "weekly"
    with pytest.raises(NoticesError):
        inbox.choose_delivery("u@example.org", "weekly")
