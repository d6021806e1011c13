"""Meetings (三会一课) as aggregates. Pure domain: eventsourcing.domain, the standard library, rules.

A ``Meeting`` (``domain.meeting``, its guards in ``domain.meeting_guards``) holds its notice,
attendance, written opinions, votes, minutes and attachments; nothing is edited in place.
``MeetingTypeSet`` (``domain.meeting_types``) is a school's own versioned meeting types, and
``AttendeeProfile`` (``domain.feed``) holds the hash of a user's calendar-feed token (which member a
user is, is the member registry's account link: ``plugins.members.public.member_for_user``). ``Talk``
(a heart-to-heart talk) is in ``domain.talk``. All are re-exported here.

A stored event's topic is ``<module>:<qualname>`` of where its class was defined when it was stored
(``plugins.meetings.domain:Meeting.MinutesFinalised``; ``plugins.meetings.talks:Talk.Recorded``):
``core.aggregates.keeps_topics`` gives every class that topic wherever it is defined now, so stored
events load and new ones are stored under the same topics.
"""
from __future__ import annotations

from plugins.meetings.domain.feed import AttendeeProfile
from plugins.meetings.domain.meeting import ATTENDANCE, MINUTES_FIELDS, Meeting
from plugins.meetings.domain.meeting_guards import MeetingError
from plugins.meetings.domain.meeting_types import MeetingTypeSet
from plugins.meetings.domain.talk import Talk, TalkError

__all__ = ["ATTENDANCE", "MINUTES_FIELDS", "AttendeeProfile", "Meeting", "MeetingError", "MeetingTypeSet",
           "Talk", "TalkError"]
