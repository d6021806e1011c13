"""The year's dues publication paper holds the same figures as the publication page, in its sections."""
from __future__ import annotations

from core.papers import papers, text_of
from plugins.dues.tests.test_services import school  # noqa: F401  (the hand-computed fixture)


def test_the_publication_paper_holds_each_members_dues_and_the_totals(k, tenant, school):  # noqa: F811
    made = papers(k, tenant)["dues.publication"].render(k, tenant, 2026)
    text = text_of(made.content)
    assert "2026年党费收缴公示" in text
    overall = text[text.index("一、收缴总体情况"):text.index("二、党员交纳明细")]
    assert "应交党费（元）\t1050.00" in overall and "已交党费（元）\t550.00" in overall
    assert "未交党费（元）\t500.00" in overall and "本年实收（元）\t560.00" in overall
    detail = text[text.index("二、党员交纳明细"):]
    assert "\t甲\t40.00\t440.00\t360.00\t80.00" in detail
    assert "—\t合计\t—\t1050.00\t550.00\t500.00" in detail
    assert len(made.sources) == 3
