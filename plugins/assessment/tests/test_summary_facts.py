"""创先争优与五个好 in the year's work summary: the draft's figures equal the year's Five Goods
self-assessment and published grade and the democratic evaluation's participants and grades, each
linked to its page; before the evaluation is published, no grade is counted."""
from __future__ import annotations

import pytest

from plugins.assessment import queries, services
from plugins.assessment.tests.test_services import _evaluate, _score_all, _self_score_all
from plugins.summary import queries as summary_queries
from plugins.summary import services as summary


@pytest.fixture
def tenant(make_tenant):
    return make_tenant("school-a", "第一中学", plugins=["assessment", "summary"])


def _facts(k, tenant, year):
    return {f["key"]: f for f in summary_queries.get_summary(k, tenant, year).facts}


def test_the_summary_draft_holds_the_five_goods_scores_and_the_evaluation_results(
        k, tenant, roster, year_set, actor, clock):
    services.open_assessment(k, tenant, 2026)
    _self_score_all(k, tenant, 2026)
    services.submit_self_assessment(k, tenant, 2026, "全年工作总结")
    _score_all(k, tenant, 2026)
    services.publish(k, tenant, 2026)
    _evaluate(k, tenant, roster)
    grades = ["excellent", "excellent", "qualified", "qualified", "qualified", "qualified", "basic"]
    for member, grade in zip(roster[:7], grades):
        services.propose_grade(k, tenant, 2026, member, grade)
    services.publish_results(k, tenant, 2026)
    summary.draft(k, tenant, 2026)

    row = queries.get_assessment(k, tenant, 2026)
    facts = _facts(k, tenant, 2026)
    assert float(facts["assessment.five_goods.self_total"]["value"]) == row.self_total
    assert float(facts["assessment.five_goods.grade"]["value"]) == row.total
    assert facts["assessment.five_goods.level"]["value"] == row.grade
    assert facts["assessment.evaluation.members"]["value"] == 9          # 7 full and 2 probationary members
    assert [facts[f"assessment.evaluation.{g}"]["value"] for g in ("excellent", "qualified", "basic", "unqualified")] \
        == [2, 4, 1, 0]
    assert facts["assessment.five_goods.self_total"]["url"] == f"/t/{tenant}/assessment/2026"
    assert facts["assessment.evaluation.excellent"]["url"] == f"/t/{tenant}/assessment/evaluation/2026"
    text = summary_queries.get_summary(k, tenant, 2026).sections["excellence"]
    assert "{{fact:assessment.evaluation.excellent}}" in text and "{{fact:assessment.five_goods.self_total}}" in text


def test_an_evaluation_not_yet_published_counts_no_grade(k, tenant, roster, actor, clock):
    _evaluate(k, tenant, roster)
    summary.draft(k, tenant, 2026)
    facts = _facts(k, tenant, 2026)
    assert facts["assessment.evaluation.members"]["value"] == 9
    assert "assessment.evaluation.excellent" not in facts and "assessment.five_goods.self_total" not in facts
