"""Pure rules of votes and quorum (议事规则): resolution kinds, quorum, tallies, who may be left out
of a congress's count. Sources: ../shared/DOMAIN.md §3.4 (quorum and voting), §1.3 (congress vote on
admission or conversion). Nothing here does I/O.
"""
from __future__ import annotations
from core.errors import N_

from dataclasses import dataclass
from fractions import Fraction

# -- quorum and votes (议事规则) -------------------------------------------------------------
@dataclass(frozen=True)
class ResolutionKind:
    code: str
    label: str
    quorum: Fraction            # present voters must be MORE than this share of those entitled
    basis: str                  # yes votes must be more than half of: "entitled" or "present"
    bodies: frozenset
    written_opinions: bool = True   # written opinions given before the meeting count in the vote


HALF, FOUR_FIFTHS = Fraction(1, 2), Fraction(4, 5)
RESOLUTION_KINDS: dict[str, ResolutionKind] = {k.code: k for k in (
    ResolutionKind("general", "一般事项", HALF, "entitled", frozenset({"congress", "committee"})),
    ResolutionKind("major", "重大事项集体研究", HALF, "entitled", frozenset({"congress", "committee"})),
    ResolutionKind("admission", "接收预备党员", HALF, "entitled", frozenset({"congress"})),
    ResolutionKind("conversion", "预备党员转正", HALF, "entitled", frozenset({"congress"})),
    ResolutionKind("extension", "延长预备期", HALF, "entitled", frozenset({"congress"})),
    ResolutionKind("cancellation", "取消预备党员资格", HALF, "entitled", frozenset({"congress"})),
    ResolutionKind("election", "选举", FOUR_FIFTHS, "present", frozenset({"congress"}), False),
)}
FOLLOW_UP = {"pending": "待落实", "in_progress": "落实中", "done": "已落实", "dropped": "不再落实"}


def more_than(count: int, share: Fraction, of: int) -> bool:
    """``count`` is more than ``share`` of ``of`` — in integers, so exactly half is not more than half."""
    return count * share.denominator > of * share.numerator


# Who may be left out of the "should attend" count of a branch congress, with the higher
# organisation's consent and the congress's decision (DOMAIN.md §1.3, [S17]).
LEAVE_OUT_KINDS = {
    "illness": "患有精神病或因病不能表达本人意志",
    "abroad": "自费出国半年以上",
    "detained": "受刑事处罚或正在服刑，未受留党察看以上党纪处分",
    "bedridden": "年老体弱、卧床不起、长期不能参加党的活动",
    "away": "工作调动或外出学习半年以上，应转走组织关系而未转走",
}


def has_quorum(entitled: int, present: int, share: Fraction = HALF) -> bool:
    """Quorum: MORE than ``share`` of those entitled to vote are present (none entitled: no quorum)."""
    return entitled > 0 and more_than(present, share, entitled)


# A democratic life meeting (民主生活会) needs AT LEAST two thirds of those who should attend
# (DOMAIN.md §3.3, [S33b]); every other body more than half (§3.4).
TWO_THIRDS = Fraction(2, 3)
AT_LEAST: dict[str, Fraction] = {"leadership": TWO_THIRDS}


def meeting_quorate(body: str, entitled: int, present: int) -> bool:
    """Whether a meeting of ``body`` had enough of those entitled present (none entitled: never)."""
    share = AT_LEAST.get(body)
    if share is None:
        return has_quorum(entitled, present)
    return entitled > 0 and present * share.denominator >= entitled * share.numerator


@dataclass(frozen=True)
class Tally:
    entitled: int       # voters who should attend (应到会有表决权的人数)
    present: int        # voters present (实到会有表决权的人数)
    written: int        # voters absent who gave a written opinion before the meeting
    yes: int
    no: int
    abstain: int


def vote_error(kind: ResolutionKind, body: str, tally: Tally) -> str | None:
    """Why a vote cannot be recorded as given, or None."""
    if body not in kind.bodies:
        return N_("「%(label)s」不能在此类会议上表决", label=kind.label)
    if min(tally.yes, tally.no, tally.abstain) < 0:
        return N_("票数不能为负数")
    if not has_quorum(tally.entitled, tally.present, kind.quorum):
        need = tally.entitled * kind.quorum.numerator // kind.quorum.denominator + 1
        share = "半数" if kind.quorum == HALF else "五分之四"
        return (N_("到会有表决权的人数 %(present)s 人，未超过应到 %(entitled)s 人的%(share)s（至少需 %(need)s 人），会议不足法定人数，不能表决",
                   present=tally.present, entitled=tally.entitled, share=share, need=need))
    voters = tally.present + (tally.written if kind.written_opinions else 0)
    if tally.yes + tally.no + tally.abstain > voters:
        return (f"赞成、反对、弃权合计 {tally.yes + tally.no + tally.abstain} 票，"
                f"超过有表决权的 {voters} 人（到会 {tally.present} 人"
                + (f"，书面意见 {tally.written} 人" if kind.written_opinions else "") + "）")
    return None


def passes(kind: ResolutionKind, tally: Tally, committee_basis: str = "entitled",
           body: str = "congress") -> bool:
    """Yes votes MORE than half of those entitled (or of those present, where the rule says so)."""
    basis = kind.basis
    if body == "committee" and kind.code in ("general", "major"):
        basis = committee_basis
    of = tally.entitled if basis == "entitled" else tally.present
    return more_than(tally.yes, HALF, of)
