"""Aggregates of the Five Goods assessment (五个好) and the democratic evaluation (民主评议党员).

Pure domain: eventsourcing.domain, the standard library, rules. Nothing is edited in place; each
change is an event, corrections keep the value before.
"""
from plugins.assessment.domain.errors import AssessmentError
from plugins.assessment.domain.evaluation import BallotBox, EvaluationRound
from plugins.assessment.domain.five_goods import Assessment, IndicatorSet
from plugins.assessment.domain.handling import HandlingTrack, SelfCheck

__all__ = ["AssessmentError", "IndicatorSet", "Assessment", "EvaluationRound", "BallotBox",
           "HandlingTrack", "SelfCheck"]
