"""Commands of the assessment plugin: load, call the aggregate, save. The only writers.

Indicator sets are district data (the district log); everything else is in the school's log.
"""
from plugins.assessment.services.common import settings
from plugins.assessment.services.evaluation import (
    cast_ballot, close_ballot, has_voted, open_evaluation, propose_grade,
    propose_grades,     publish_results, write_self_assessment,
)
from plugins.assessment.services.five_goods import (
    adopt_current_set, attach_evidence, collect_evidence, comment, create_indicator_set, ensure_indicator_set,
    evidence_items, missing_events, open_assessment, publish, reassess, refresh_evidence, revise_indicator_set,
    save_self_assessment, score_item, score_items, self_score, self_score_items, send_back, submit_self_assessment,
)
from plugins.assessment.services.handling import (
    amend_self_check, approve_handling, conclude_handling, open_handling, pre_review, record_congress_vote,
    record_self_check,
)

__all__ = [
    "settings", "cast_ballot", "close_ballot", "has_voted", "open_evaluation",
    "propose_grade", "propose_grades", "publish_results", "write_self_assessment", "adopt_current_set",
    "attach_evidence", "collect_evidence", "comment", "create_indicator_set", "ensure_indicator_set",
    "evidence_items", "missing_events", "open_assessment", "publish", "reassess", "refresh_evidence",
    "revise_indicator_set", "save_self_assessment", "score_item", "score_items", "self_score", "self_score_items", "send_back",
    "submit_self_assessment", "amend_self_check", "approve_handling", "conclude_handling", "open_handling",
    "pre_review", "record_congress_vote", "record_self_check",
]
