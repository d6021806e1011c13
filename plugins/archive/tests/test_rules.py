"""The archive's pure rules: the configurable category tree and the directory index's order."""
from __future__ import annotations

from collections import namedtuple
from datetime import date, datetime

import pytest

from plugins.archive import rules

Row = namedtuple("Row", "id category issued_on filed_at")


def test_the_default_tree_has_the_eight_categories_of_a_branch_archive():
    assert [c.name for c in rules.parse_categories(rules.default_categories_text())] == [
        "上级文件", "本级文件", "会议记录", "花名册与统计", "发展党员材料", "党费", "考核评议", "党务公开"]


def test_an_indented_line_is_a_sub_category_of_the_line_above():
    tree = rules.parse_categories("upper 上级文件\n  district 区委文件\n  bureau 教育局文件\nown 本级文件")
    assert [(c.code, c.parent) for c in tree] == [("upper", None), ("district", "upper"), ("bureau", "upper"),
                                                  ("own", None)]


@pytest.mark.parametrize("text, says", [
    ("上级 文件", "代码"), ("a 甲\na 乙", "重复"), ("  a 甲", "缩进"), ("", "至少"), ("onlycode", "代码"),
])
def test_a_bad_tree_names_its_line(text, says):
    with pytest.raises(ValueError) as refused:
        rules.parse_categories(text)
    assert says in str(refused.value)


def test_a_stored_tree_no_longer_valid_falls_back_to_the_default():
    assert [c.code for c in rules.categories_or_default("a 甲\na 乙")][:2] == ["upper", "own"]


def test_the_index_orders_by_category_then_date_then_filing_and_numbers_from_one():
    tree = rules.parse_categories(rules.default_categories_text())
    at = datetime(2026, 5, 1)
    rows = [Row("c", "meetings", date(2026, 3, 1), at), Row("b", "own", date(2026, 4, 1), at),
            Row("a", "upper", date(2026, 6, 1), at), Row("d", "own", date(2026, 1, 1), at),
            Row("e", "gone", date(2026, 1, 1), at)]
    assert [(n, r.id) for n, r in rules.number_index(rows, tree)] == [
        (1, "a"), (2, "d"), (3, "b"), (4, "c"), (5, "e")]   # an unknown category goes last
