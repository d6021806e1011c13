"""The evaluation results paper holds the ballot's totals and the published grades in their sections,
and exists only once the results are published."""
from __future__ import annotations

import pytest

from core.errors import NotFoundError
from core.papers import papers, text_of
from plugins.assessment import services
from plugins.assessment.tests.test_services import _evaluate


def test_the_results_paper_holds_the_totals_and_grades_once_published(k, tenant, roster, actor):
    _evaluate(k, tenant, roster)
    paper = papers(k, tenant)["assessment.evaluation"]
    with pytest.raises(NotFoundError):
        paper.render(k, tenant, 2026)                      # not yet published
    for n, member in enumerate(roster[:7]):
        services.propose_grade(k, tenant, 2026, member, "excellent" if n == 0 else "qualified")
    services.publish_results(k, tenant, 2026)
    text = text_of(paper.render(k, tenant, 2026).content)
    assert "2026年度民主评议党员结果" in text
    summary = text[text.index("二、评定等次汇总"):text.index("三、党员测评与评定情况")]
    assert "优秀\t1" in summary and "合格\t6" in summary and "不合格\t0" in summary
    detail = text[text.index("三、党员测评与评定情况"):]
    assert "1\t党员1\t8\t0\t0\t0\t优秀" in detail
    assert "8\t党员8\t0\t0\t0\t0\t预备党员不评定等次" in detail
    assert "参加测评人数\t9" in text


def test_the_self_assessment_paper_holds_each_items_score_under_its_criterion(k, tenant, roster, year_set, actor):
    from plugins.assessment.tests.test_services import _self_score_all  # noqa: PLC0415
    paper = papers(k, tenant)["assessment.self_assessment"]
    with pytest.raises(NotFoundError):
        paper.render(k, tenant, 2026)                      # no assessment opened yet
    services.open_assessment(k, tenant, 2026)
    _self_score_all(k, tenant, 2026)
    services.submit_self_assessment(k, tenant, 2026, "全年工作扎实")
    text = text_of(paper.render(k, tenant, 2026).content)
    leadership = text[text.index("一、领导班子好（20分）"):text.index("二、党员队伍好")]
    first = next(line for line in leadership.splitlines() if line.startswith("L1\t")).split("\t")
    assert first[2] == first[5]                              # scored its full points
    closing = text[text.index("自评总分与总体评价"):]
    assert "自评总分\t100" in closing and "总体评价\t全年工作扎实" in closing
