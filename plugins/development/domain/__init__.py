"""The development case (发展党员工作档案) aggregate and the register of open cases. Pure:
eventsourcing.domain, stdlib, rules.

Each aggregate lives in the module of its topic (``domain.case``, ``domain.register``; the guards of a
case in ``domain.case_guards``) and is re-exported here. A stored event's topic is
``plugins.development.domain:DevelopmentCase.StepRecorded`` (where the aggregates were defined until
issue 17): ``core.aggregates.keeps_topics`` gives every class that topic wherever it is defined, so
stored events load and new ones are stored under the same topics.
"""
from __future__ import annotations

from plugins.development.domain.case import DevelopmentCase
from plugins.development.domain.case_guards import PERSON_FIELDS, DevelopmentError
from plugins.development.domain.register import CaseRegister

__all__ = ["PERSON_FIELDS", "CaseRegister", "DevelopmentCase", "DevelopmentError"]
