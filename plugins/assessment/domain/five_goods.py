"""The Five Goods (五个好) indicator set of a year (district) and a school's assessment of a year."""
from __future__ import annotations

from eventsourcing.domain import Aggregate, event

from core.errors import N_, refusal_message
from plugins.assessment import rules
from plugins.assessment.domain.errors import AssessmentError


# -- district: the indicator set of a year (考核指标体系) ------------------------------------------
class IndicatorSet(Aggregate):
    """The Five Goods indicator set of one year, kept in the district log. Each revision is a version."""

    @event("Created")
    def __init__(self, year: int, title: str, criteria: list, grade_bands: list, based_on: str):
        self.year, self.title = year, title
        self.criteria, self.grade_bands = criteria, grade_bands

    @classmethod
    def create(cls, aggregate_id, year: int, title: str, criteria: list, grade_bands: list,
               based_on: str) -> "IndicatorSet":
        cls.check(criteria, grade_bands)
        title = title.strip() or f"{year}年度五好支部考核指标"
        return cls._create(cls.Created, id=aggregate_id, year=year, title=title, criteria=criteria,
                           grade_bands=grade_bands, based_on=based_on)

    @staticmethod
    def check(criteria: list, grade_bands: list) -> None:
        for error in (rules.criteria_error(criteria), rules.grade_bands_error(grade_bands)):
            if error:
                raise AssessmentError(error[1], field=error[0])

    def revise(self, title: str, criteria: list, grade_bands: list, reason: str) -> None:
        self.check(criteria, grade_bands)
        if not (reason or "").strip():
            raise AssessmentError(N_("修订指标体系须说明原因"), field="reason")
        if (title, criteria, grade_bands) == (self.title, self.criteria, self.grade_bands):
            raise AssessmentError(N_("指标体系没有变化"))
        self._revise(title=title, criteria=criteria, grade_bands=grade_bands, reason=reason.strip(),
                     before={"title": self.title, "criteria": self.criteria, "grade_bands": self.grade_bands})

    @event("Revised")
    def _revise(self, title: str, criteria: list, grade_bands: list, reason: str, before: dict) -> None:
        self.title, self.criteria, self.grade_bands = title, criteria, grade_bands


# -- school: the assessment of one year (五好支部考核) ----------------------------------------------
class Assessment(Aggregate):
    """One school's Five Goods assessment of one year, judged by that year's indicator set.

    self (branch self-assessment) → submitted → published; a published score changes only after
    ``reassess`` (a recorded re-assessment), then is published again.
    """

    @event("Opened")
    def __init__(self, year: int, set_version: int, title: str, criteria: list, grade_bands: list):
        self.year, self.set_version, self.title = year, set_version, title
        self.criteria, self.grade_bands = criteria, grade_bands
        self.status = "self"
        self.evidence: dict = {}
        self.self_scores: dict = {}
        self.scores: dict = {}
        self.total: float | None = None
        self.grade: str | None = None
        self.publications = 0

    @classmethod
    def start(cls, aggregate_id, year: int, set_version: int, title: str, criteria: list,
              grade_bands: list) -> "Assessment":
        return cls._create(cls.Opened, id=aggregate_id, year=year, set_version=set_version, title=title,
                           criteria=criteria, grade_bands=grade_bands)

    @property
    def items(self) -> dict[str, dict]:
        return rules.items_of(self.criteria)

    def _item(self, code: str) -> dict:
        item = self.items.get(code)
        if item is None:
            raise AssessmentError(N_("本年度指标体系中没有考核要点 %(code)s"), code=code, field="item")
        return item

    def _check_score(self, code: str, score) -> float:
        item = self._item(code)
        try:
            value = rules.round_score(score)
        except Exception as exc:  # noqa: BLE001  (any unparsable input is the same refusal)
            raise AssessmentError(N_("得分须为数字"), field="score") from exc
        if not 0 <= value <= float(item["points"]):
            raise AssessmentError(N_("「%(title)s」得分须在 0 到 %(points)s 分之间"),
                                  title=item['title'], points=format(item['points'], "g"), field="score")
        return value

    # The indicator set may be revised after opening: adopt the new version before publication.
    def adopt_set(self, set_version: int, title: str, criteria: list, grade_bands: list) -> None:
        if self.status in ("published",):
            raise AssessmentError(N_("考核结果已公布，不能更换指标体系"))
        if set_version <= self.set_version:
            raise AssessmentError(N_("已在使用该版本的指标体系"))
        self._adopt(set_version=set_version, title=title, criteria=criteria, grade_bands=grade_bands,
                    before=self.set_version)

    @event("SetAdopted")
    def _adopt(self, set_version: int, title: str, criteria: list, grade_bands: list, before: int) -> None:
        self.set_version, self.title, self.criteria, self.grade_bands = set_version, title, criteria, grade_bands
        codes = set(rules.items_of(criteria))
        self.scores = {c: s for c, s in self.scores.items() if c in codes}
        self.self_scores = {c: s for c, s in self.self_scores.items() if c in codes}

    def record_evidence(self, items: dict) -> None:
        """Pre-filled scores from the plugins' evidence (item code → score, ratio, summary, links)."""
        if self.status == "published":
            raise AssessmentError(N_("考核结果已公布；如需重新取数，请先发起复核"))
        if not items:
            raise AssessmentError(N_("没有可用的佐证数据（相关模块未启用或尚无记录）"))
        before = {c: self.evidence[c]["score"] for c in items if c in self.evidence}
        self._evidence(items=items, before=before)

    @event("EvidenceRecorded")
    def _evidence(self, items: dict, before: dict) -> None:
        self.evidence = {**self.evidence, **items}

    def self_score(self, item: str, score, comment: str) -> None:
        if self.status != "self":
            raise AssessmentError(N_("自评已提交，不能再修改自评分"), field="item")
        value = self._check_score(item, score)
        self._self_scored(item=item, score=value, comment=(comment or "").strip(),
                          before=(self.self_scores.get(item) or {}).get("score"))

    @event("SelfScored")
    def _self_scored(self, item: str, score: float, comment: str, before) -> None:
        self.self_scores = {**self.self_scores, item: {"score": score, "comment": comment}}

    def self_assess(self, scores: dict, summary: str | None = None, complete: bool = False) -> None:
        """The whole sheet at once (one form, one save): item code → (score, comment), a blank score
        leaving the item as it is; with ``complete`` (提交自评) every item must end up scored. Every
        problem is named at once, by item code, and nothing is recorded unless there is none."""
        if self.status != "self":
            raise AssessmentError(N_("自评已提交，不能再修改自评分"), field="item")
        problems, values = {}, {}
        for code, (score, comment_text) in scores.items():
            if code not in self.items:
                problems[code] = f"本年度指标体系中没有考核要点 {code}"
            elif score is None or str(score).strip() == "":
                if complete and code not in self.self_scores:
                    problems[code] = N_("请填写自评分")
            else:
                try:
                    values[code] = (self._check_score(code, score), (comment_text or "").strip())
                except AssessmentError as exc:
                    problems[code] = refusal_message(exc)
        if complete:
            for code in self.items:
                if code not in scores and code not in self.self_scores:
                    problems[code] = N_("请填写自评分")
        if problems:
            raise AssessmentError(N_("自评有 %(count)s 个考核要点需要修改：%(list)s", count=len(problems), list="；".join(
                f"{code} {message}" for code, message in problems.items())), field="item", problems=problems)
        for code, (value, comment_text) in values.items():
            before = self.self_scores.get(code) or {}
            if (before.get("score"), before.get("comment", "")) != (value, comment_text):
                self._self_scored(item=code, score=value, comment=comment_text, before=before.get("score"))
        summary = (summary or "").strip()
        if summary != (getattr(self, "self_summary", "") or "") and not complete:
            self._summary_drafted(comment=summary)

    @event("SelfSummaryDrafted")
    def _summary_drafted(self, comment: str) -> None:
        self.self_summary = comment

    def attach(self, item: str | None, file: dict, note: str) -> None:
        if self.status == "published":
            raise AssessmentError(N_("考核结果已公布，不能再补充佐证材料"))
        if item:
            self._item(item)
        self._attached(item=item or None, file=file, note=(note or "").strip())

    @event("EvidenceAttached")
    def _attached(self, item, file: dict, note: str) -> None:
        pass

    def submit(self, comment: str) -> None:
        if self.status != "self":
            raise AssessmentError(N_("自评已经提交"))
        missing = [c for c in self.items if c not in self.self_scores]
        if missing:
            raise AssessmentError(N_("还有 %(count)s 个考核要点未自评（如 %(missing)s）"),
                                  count=len(missing), missing=missing[0], field="item")
        self._submitted(comment=(comment or "").strip(),
                        total=rules.round_score(sum(s["score"] for s in self.self_scores.values())))

    @event("SelfAssessmentSubmitted")
    def _submitted(self, comment: str, total: float) -> None:
        self.status = "submitted"

    def send_back(self, reason: str) -> None:
        if self.status != "submitted":
            raise AssessmentError(N_("只有已提交的自评可以退回"))
        if not (reason or "").strip():
            raise AssessmentError(N_("退回须说明原因"), field="reason")
        self._sent_back(reason=reason.strip())

    @event("SentBack")
    def _sent_back(self, reason: str) -> None:
        self.status = "self"

    def score(self, item: str, score, reason: str) -> None:
        """The district's score of an item: agree with the pre-filled score, or change it with a reason."""
        if self.status == "published":
            raise AssessmentError(N_("考核结果已公布；更改得分须先发起复核"), field="score")
        if self.status == "self":
            raise AssessmentError(N_("支部尚未提交自评，区级暂不能评分"), field="score")
        value = self._check_score(item, score)
        prefilled = (self.evidence.get(item) or {}).get("score")
        reason = (reason or "").strip()
        if prefilled is not None and value != prefilled and not reason:
            raise AssessmentError(N_("得分与数据预填分 %(prefilled)s 不同，须说明理由"),
                                  prefilled=format(prefilled, "g"), field="reason")
        if self.status == "reassessing" and not reason:
            raise AssessmentError(N_("复核改分须说明理由"), field="reason")
        previous = (self.scores.get(item) or {}).get("score")
        self._scored(item=item, score=value, prefilled=prefilled,
                     agreed=prefilled is not None and value == prefilled, reason=reason, before=previous)

    @event("ItemScored")
    def _scored(self, item: str, score: float, prefilled, agreed: bool, reason: str, before) -> None:
        self.scores = {**self.scores, item: {"score": score, "reason": reason, "agreed": agreed}}

    def comment(self, text: str) -> None:
        if not (text or "").strip():
            raise AssessmentError(N_("请填写评语"), field="text")
        self._commented(text=text.strip())

    @event("Commented")
    def _commented(self, text: str) -> None:
        pass

    def by_criterion(self) -> dict[str, float]:
        return {c["code"]: rules.round_score(sum(self.scores[i["code"]]["score"] for i in c["items"]))
                for c in self.criteria}

    def publish(self, grade: str | None = None, reason: str = "") -> None:
        if self.status not in ("submitted", "reassessing"):
            raise AssessmentError(N_("只有已提交自评、已完成评分的考核可以公布"))
        missing = [c for c in self.items if c not in self.scores]
        if missing:
            raise AssessmentError(N_("还有 %(count)s 个考核要点未评分（如 %(missing)s）"),
                                  count=len(missing), missing=missing[0], field="score")
        parts = self.by_criterion()
        total = rules.round_score(sum(parts.values()))
        computed = rules.grade_for(total, self.grade_bands)
        grade = (grade or "").strip() or computed
        if grade not in [b["grade"] for b in self.grade_bands]:
            raise AssessmentError(N_("未知的等次：%(grade)s"), grade=grade, field="grade")
        if grade != computed and not (reason or "").strip():
            raise AssessmentError(N_("总分 %(total)s 对应「%(computed)s」；评定为「%(grade)s」须说明理由"),
                                  total=format(total, "g"), computed=computed, grade=grade, field="reason")
        self._published(total=total, grade=grade, computed_grade=computed, by_criterion=parts,
                        reason=(reason or "").strip(), round=self.publications + 1,
                        before={"total": self.total, "grade": self.grade})

    @event("Published")
    def _published(self, total: float, grade: str, computed_grade: str, by_criterion: dict, reason: str,
                   round: int, before: dict) -> None:
        self.total, self.grade, self.status, self.publications = total, grade, "published", round

    def reassess(self, reason: str) -> None:
        if self.status != "published":
            raise AssessmentError(N_("只有已公布的考核可以复核"))
        if not (reason or "").strip():
            raise AssessmentError(N_("复核须说明原因"), field="reason")
        self._reassess(reason=reason.strip(), total=self.total, grade=self.grade)

    @event("ReassessmentOpened")
    def _reassess(self, reason: str, total: float, grade: str) -> None:
        self.status = "reassessing"
