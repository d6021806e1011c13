"""Statistics of the roll: age bands and the kinds of additions and removals."""
from __future__ import annotations


AGE_BANDS = ((30, "30岁及以下"), (35, "31–35岁"), (40, "36–40岁"), (45, "41–45岁"), (50, "46–50岁"),
             (55, "51–55岁"), (60, "56–60岁"), (200, "61岁及以上"))


def age_band(age: int | None) -> str:
    if age is None:
        return "未知"
    for top, label in AGE_BANDS:
        if age <= top:
            return label
    return AGE_BANDS[-1][1]


# Movements of the roll (增加 / 减少) by kind.
ADDED = {"admitted": "发展（接收预备党员）", "transferred_in": "转入", "restored": "恢复党籍/重新转回"}
REMOVED = {"transferred_out": "转出", "deceased": "去世", "left": "自行脱党", "removed": "除名",
           "expelled": "开除党籍"}
