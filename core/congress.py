"""A branch congress vote on one person (支部大会表决, DOMAIN.md §1.3): one rule for every plugin.

Admission, conversion (development) and the handling of an unqualified member (assessment) use
the same quorum and majority [S9][S13][S44b]:
- quorum: MORE than half of the full members entitled to attend (应到会有表决权的正式党员) present;
- a full member absent who gave a written opinion before the meeting (书面意见) is counted in the vote;
- it passes only if yes votes are MORE than half of those entitled (not of those present).
"""
from __future__ import annotations


def count_error(entitled: int, present: int, written: int, yes: int, no: int, abstain: int) -> str | None:
    """Why the counts cannot be those of a vote (a refusal to record them), or None."""
    if min(entitled, present, written, yes, no, abstain) < 0:
        return "票数不能为负数"
    if entitled < 1:
        return "应到会有表决权的正式党员人数须大于 0"
    if present + written > entitled:
        return "到会人数与书面意见人数之和不能超过应到会人数"
    if yes + no + abstain > present + written:
        return "表决票数不能超过到会人数与书面意见人数之和"
    return None


def quorum_error(entitled: int, present: int) -> str | None:
    """Why the congress could not vote (written opinions do not make a quorum), or None."""
    if present * 2 <= entitled:
        return f"到会有表决权的正式党员（{present}人）未超过应到会人数（{entitled}人）的半数，会议不能表决"
    return None


def passes(entitled: int, yes: int) -> bool:
    """Yes votes (in person and written) exceed half of those entitled to attend."""
    return yes * 2 > entitled
