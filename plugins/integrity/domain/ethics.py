"""Teacher ethics (师德师风): the annual assessment with its one-vote veto, and the pledges per term."""
from __future__ import annotations
from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from plugins.integrity import rules
from plugins.integrity.domain.base import IntegrityRuleError, key_id, require


class EthicsAssessment(Aggregate):
    """One teacher-member's ethics assessment (师德考核) for one year.

    A veto grade, or a violation found, sets the one-vote veto (一票否决) over titles, promotion and awards.
    """

    @event("Assessed")
    def __init__(self, key: str, year: int, member_id: str, member_name: str, grade: str, veto: bool,
                 veto_reason: str | None, assessed_on: date):
        self.year, self.member_id, self.member_name = year, member_id, member_name
        self.grade, self.veto, self.veto_reason, self.assessed_on = grade, veto, veto_reason, assessed_on

    @staticmethod
    def create_id(key: str, **_):
        return key_id("ethics", key)

    @staticmethod
    def _check(grade: str, grades, veto_grades, violation: bool, veto_reason: str | None) -> tuple[bool, str | None]:
        if grade not in tuple(grades):
            raise IntegrityRuleError(N_("师德考核等次应为 %(grades)s 之一"), grades='、'.join(grades), field="grade")
        veto = violation or rules.ethics_is_veto(grade, veto_grades)
        reason = (veto_reason or "").strip() or None
        if veto and not reason:
            raise IntegrityRuleError(N_("一票否决须写明事由"), field="veto_reason")
        return veto, reason if veto else None

    @classmethod
    def assess(cls, key: str, year: int, member_id: str, member_name: str, grade: str, grades, veto_grades,
               assessed_on: date, violation: bool = False, veto_reason: str | None = None) -> "EthicsAssessment":
        veto, reason = cls._check(grade, grades, veto_grades, violation, veto_reason)
        return cls(key=key, year=int(year), member_id=str(member_id),
                   member_name=require(member_name, "请选择党员", "member_id"), grade=grade, veto=veto,
                   veto_reason=reason, assessed_on=assessed_on)

    def correct(self, grade: str, grades, veto_grades, violation: bool = False,
                veto_reason: str | None = None) -> dict:
        """A correction keeps the grade and veto before and after; the reason is stamped on the event."""
        veto, reason = self._check(grade, grades, veto_grades, violation, veto_reason)
        before = {"grade": self.grade, "veto": self.veto, "veto_reason": self.veto_reason}
        after = {"grade": grade, "veto": veto, "veto_reason": reason}
        if before == after:
            raise IntegrityRuleError(N_("考核结果没有变化"), field="grade")
        self._corrected(before=before, after=after)
        return {"before": before, "after": after}

    @event("Corrected")
    def _corrected(self, before: dict, after: dict) -> None:
        self.grade, self.veto, self.veto_reason = after["grade"], after["veto"], after["veto_reason"]


class EthicsPledge(Aggregate):
    """A pledge signed at the start of a term (师德师风承诺书, 拒收礼品礼金承诺书)."""

    @event("Signed")
    def __init__(self, key: str, term: str, member_id: str, member_name: str, kind: str, signed_on: date):
        self.term, self.member_id, self.member_name = term, member_id, member_name
        self.kind, self.signed_on = kind, signed_on

    @staticmethod
    def create_id(key: str, **_):
        return key_id("pledge", key)

    @classmethod
    def sign(cls, key: str, term: str, member_id: str, member_name: str, kind: str, signed_on: date) -> "EthicsPledge":
        if kind not in rules.PLEDGE_KINDS:
            raise IntegrityRuleError(N_("请选择承诺书类型"), field="kind")
        return cls(key=key, term=require(term, "请填写学期", "term"), member_id=str(member_id),
                   member_name=member_name, kind=kind, signed_on=signed_on)
