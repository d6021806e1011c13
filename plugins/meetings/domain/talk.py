"""Heart-to-heart talks (谈心谈话) as aggregates. Pure domain: eventsourcing.domain, the standard
library, rules. Re-exported by ``plugins.meetings.domain``."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from core.errors import N_, DomainError
from plugins.meetings.rules import talks as talk_rules

TOPIC_MODULE = "plugins.meetings.talks"   # where Talk was first defined: its events' stored topics


class TalkError(DomainError):
    pass


# Talk was defined in ``plugins/meetings/talks.py`` until the plugin took its one shape: stored events
# name it ``plugins.meetings.talks:Talk.Recorded``, and new ones are stored under that topic too.
@keeps_topics(TOPIC_MODULE)
class Talk(Aggregate):
    """One talk between two people of the branch, recorded after it took place."""

    secret_fields = ("content",)   # the audit console shows who and when, never what was said

    @event("Recorded")
    def __init__(self, held_on: date, first: dict, second: dict, kind: str, place: str, content: str,
                 recorded_on: date):
        self.held_on, self.first, self.second, self.kind = held_on, dict(first), dict(second), kind
        self.place, self.content, self.recorded_on = place, content, recorded_on

    @classmethod
    def record(cls, held_on: date, first: dict, second: dict, first_on_committee: bool,
               second_on_committee: bool, place: str, content: str, recorded_on: date) -> "Talk":
        """``first`` and ``second``: {"member_id", "name"} of the two people who talked."""
        if first["member_id"] == second["member_id"]:
            raise TalkError(N_("谈心谈话须是两个人之间的谈话"), field="second_id")
        if held_on > recorded_on:
            raise TalkError(N_("谈话日期不能晚于今天"), field="held_on")
        if not (content or "").strip():
            raise TalkError(N_("请填写谈话内容"), field="content")
        return cls(held_on=held_on, first=first, second=second,
                   kind=talk_rules.kind_of(first_on_committee, second_on_committee), place=(place or "").strip(),
                   content=content.strip(), recorded_on=recorded_on)

    @property
    def people(self) -> set[str]:
        return {self.first["member_id"], self.second["member_id"]}
