"""The congress vote on handling an unqualified member counts written opinions as admission does."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from plugins.assessment import queries, services
from plugins.assessment.domain.errors import AssessmentError
from plugins.assessment.tests.test_services import _unqualified


@pytest.fixture
def track(k, tenant, roster, actor):
    track = services.open_handling(k, tenant, 2026, _unqualified(k, tenant, roster), "advise", "事实", "理由")
    services.pre_review(k, tenant, track.id, date(2026, 11, 28))
    return track


def test_an_absent_members_written_opinion_counts_in_the_handling_vote(k, tenant, track):
    with pytest.raises(AssessmentError, match="不能超过"):      # 5 votes from 4 present
        services.record_congress_vote(k, tenant, track.id, date(2026, 12, 5), entitled=7, present=4, yes=4, no=1)
    voted = services.record_congress_vote(k, tenant, track.id, date(2026, 12, 5), entitled=7, present=4,
                                          yes=4, no=1, written_opinions=1)
    assert voted.status == "voted"
    assert queries.get_track(k, tenant, track.id).vote["written_opinions"] == 1


def test_a_congress_vote_stored_before_written_opinions_counted_loads_with_none(k, tenant, track):
    services.record_congress_vote(k, tenant, track.id, date(2026, 12, 5), entitled=7, present=6, yes=5, no=1)
    log = k.stores.log(tenant)
    voted = list(log.repository.event_store.get(track.id))[-1]
    stored = log.mapper.to_stored_event(voted)
    state = log.mapper.transcoder.decode(stored.state)
    del state["written"], state["class_version"]                  # as version 1 wrote it
    old = replace(stored, state=log.mapper.transcoder.encode(state))
    assert log.mapper.to_domain_event(old).written == 0
