"""The development case (发展党员工作档案): one per person, from the written application to conversion
(or refusal/cancellation). Each of the 25 steps is an event carrying the day it happened, who did
it, notes and records; guards (``domain.case_guards``) refuse what the rules forbid, and a step
past its deadline is accepted only with a reason. Re-exported by ``plugins.development.domain``."""
from __future__ import annotations

from core.errors import N_

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.aggregates import keeps_topics
from plugins.development import rules
from plugins.development.domain.case_guards import CaseGuards, DevelopmentError, checked_application
from plugins.development.rules import RuleBook


@keeps_topics("plugins.development.domain")
class DevelopmentCase(CaseGuards, Aggregate):
    """A person's way through the five stages and twenty-five steps (发展党员全程纪实)."""

    snapshot_interval = 50

    @event("Opened")
    def __init__(self, person: dict, applied_on: date, recorded_on: date, actor: str, notes: str,
                 records: list, rule_set: str):
        self.person = dict(person)
        self.applied_on = applied_on
        self.status = "applicant"
        self.steps: dict[int, dict] = {1: {"on": applied_on, "late": False, "data": {}, "notes": notes,
                                           "actor": actor}}
        self.failed: list[dict] = []
        self.assessments: list[date] = []
        self.member_id: str | None = None
        self.probation_end: date | None = None
        self.extensions = 0
        self.converted_on: date | None = None
        self.leaving_on: date | None = None
        self.publicity: dict[str, dict] = {}
        self.documents: list[dict] = []
        self.closed_on: date | None = None

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(cls, person: dict, applied_on: date, today: date, book: RuleBook, actor: str = "",
             notes: str = "", records: list | None = None) -> "DevelopmentCase":
        """Step 1: the written application. The applicant must be 18 on the day of application."""
        person, rs = checked_application(person, applied_on, today, book)
        return cls(person=person, applied_on=applied_on, recorded_on=today, actor=actor or "申请人",
                   notes=notes or "", records=list(records or ["application"]), rule_set=rs.name)

    # -- the steps ---------------------------------------------------------------------------
    def record_step(self, step: int, on: date, today: date, book: RuleBook, actor: str = "",
                    notes: str = "", records: list | None = None, late_reason: str = "",
                    people: list[rules.IntroducerCheck] | None = None, data: dict | None = None,
                    attendance: dict | None = None) -> None:
        """Record that ``step`` happened on ``on``; guards of the rule set in force that day apply."""
        self._check_open()
        data = dict(data or {})
        if step == 6 and 6 in self.steps:
            raise DevelopmentError(N_("培养教育考察已开始；后续考察请记录为「考察」"), field="step")
        if step != self.next_step:
            nxt = self.next_step
            raise DevelopmentError(N_("请按顺序办理：下一步是第%(step)s步「%(title)s」"),
                                   step=nxt, title=rules.STEPS[nxt].title, field="step")
        self._check_day(on, today)
        rs = book.on(on)
        timing = self._judge_time(step, on, book, late_reason)
        self._check_publicity(step, on, book)
        data, passed = self._step_data(step, on, rs, data, people, attendance)
        self._step(step=step, happened_on=on, recorded_on=today, actor=actor or rules.STEPS[step].actor,
                   notes=notes or "", records=list(records if records is not None else rules.STEPS[step].records),
                   data=data, passed=passed, rule_set=rs.name, **timing)
        if not passed and step in (15, 17):
            reason = "支部大会表决未通过" if step == 15 else "上级党委未予批准"
            self._refuse(at_step=step, refused_on=on, reason=reason)

    @event("StepRecorded")
    def _step(self, step: int, happened_on: date, recorded_on: date, actor: str, notes: str, records: list,
              data: dict, passed: bool, rule_set: str, late: bool, late_reason: str | None,
              special_reason: str | None, due: date | None) -> None:
        entry = {"on": happened_on, "late": late, "data": data, "notes": notes, "actor": actor}
        if not passed:
            self.failed.append({"step": step, **entry})
            return
        self.steps[step] = entry
        if step == 6:
            self.assessments.append(happened_on)
        self.status = rules.STATUS_AFTER_STEP.get(step, self.status)
        if step == 13:
            self.leaving_on = data.get("leaving_on")
        if step == rules.LAST_STEP:
            self.closed_on = happened_on

    def record_assessment(self, on: date, today: date, book: RuleBook, actor: str = "", notes: str = "",
                          late_reason: str = "") -> None:
        """A further six-monthly assessment of an activist (培养教育考察)."""
        self._check_open()
        if 6 not in self.steps:
            raise DevelopmentError(N_("请先记录第6步「培养教育考察」"), field="step")
        if self.status != "activist":
            raise DevelopmentError(N_("定期考察只适用于入党积极分子"), field="step")
        self._check_day(on, today)
        timing = self._judge_time(6, on, book, late_reason)
        self._assessed(happened_on=on, recorded_on=today, actor=actor or "支部", notes=notes or "",
                       late=timing["late"], late_reason=timing["late_reason"], due=timing["due"],
                       rule_set=book.on(on).name)

    @event("AssessmentRecorded")
    def _assessed(self, happened_on: date, recorded_on: date, actor: str, notes: str, late: bool,
                  late_reason: str | None, due: date | None, rule_set: str) -> None:
        self.assessments.append(happened_on)

    # -- admission and conversion (the service writes the registry between these) -------------
    def admit(self, member_id: str, book: RuleBook) -> None:
        """After approval (step 17): the person is a probationary member from the congress date."""
        if self.status != "probationary" or self.member_id:
            raise DevelopmentError(N_("只有经上级党委批准后才能接收为预备党员"), field="step")
        joined = self.steps[15]["on"]
        self._admitted(member_id=str(member_id), joined_on=joined,
                       probation_end=rules.probation_end(joined, book.on(joined)))

    @event("Admitted")
    def _admitted(self, member_id: str, joined_on: date, probation_end: date) -> None:
        self.member_id = member_id
        self.probation_end = probation_end

    def convert(self) -> date:
        """After conversion approval (step 24): full member from the end of probation (党龄起算)."""
        if self.status != "full" or self.converted_on:
            raise DevelopmentError(N_("只有经上级党委批准转正后才能转为正式党员"), field="step")
        self._converted(converted_on=self.probation_end, on_time=self.extensions == 0,
                        approved_on=self.steps[24]["on"])
        return self.probation_end

    @event("Converted")
    def _converted(self, converted_on: date, on_time: bool, approved_on: date) -> None:
        self.converted_on = converted_on

    # -- outcomes ------------------------------------------------------------------------------
    def extend_probation(self, decided_on: date, months: int, reason: str, today: date, book: RuleBook) -> None:
        """Extension of probation (延长预备期): 6–12 months, only once, by congress resolution."""
        self._check_open()
        if self.status != "probationary":
            raise DevelopmentError(N_("只有预备党员可以延长预备期"), field="months")
        rs = book.on(decided_on)
        if self.extensions >= rs.extensions_allowed:
            raise DevelopmentError(N_("预备期只能延长%(extensions_allowed)s次"),
                                   extensions_allowed=rs.extensions_allowed, field="months")
        if not rs.extension_min_months <= months <= rs.extension_max_months:
            raise DevelopmentError(N_("延长预备期应为%(extension_min_months)s至%(extension_max_months)s个月"),
                                   extension_min_months=rs.extension_min_months,
                                   extension_max_months=rs.extension_max_months,
                                   field="months")
        if not (reason or "").strip():
            raise DevelopmentError(N_("请说明延长预备期的原因"), field="reason")
        self._check_day(decided_on, today, "decided_on")
        self._extended(decided_on=decided_on, months=months, reason=reason.strip(), before_end=self.probation_end,
                       after_end=rules.add_months(self.probation_end, months), recorded_on=today)

    @event("ProbationExtended")
    def _extended(self, decided_on: date, months: int, reason: str, before_end: date, after_end: date,
                  recorded_on: date) -> None:
        self.extensions += 1
        self.probation_end = after_end
        for no in (22, 23):
            self.steps.pop(no, None)
        self.failed.clear()
        self.publicity.pop("conversion", None)

    def cancel_probation(self, decided_on: date, reason: str, today: date) -> None:
        """Cancellation of probationary status (取消预备党员资格)."""
        self._check_open()
        if self.status != "probationary":
            raise DevelopmentError(N_("只有预备党员可以取消预备党员资格"), field="reason")
        if not (reason or "").strip():
            raise DevelopmentError(N_("请说明取消预备党员资格的原因"), field="reason")
        self._check_day(decided_on, today, "decided_on")
        self._cancelled(decided_on=decided_on, reason=reason.strip(), recorded_on=today)

    @event("ProbationCancelled")
    def _cancelled(self, decided_on: date, reason: str, recorded_on: date) -> None:
        self.status = "cancelled"
        self.closed_on = decided_on

    def refuse(self, on: date, reason: str, today: date) -> None:
        """No further development (不予发展), at any step before admission, with a reason."""
        self._check_open()
        if self.status == "probationary":
            raise DevelopmentError(N_("已是预备党员：请延长预备期或取消预备党员资格"), field="reason")
        if not (reason or "").strip():
            raise DevelopmentError(N_("请说明不予发展的原因"), field="reason")
        self._check_day(on, today, "refused_on")
        self._refuse(at_step=self.next_step, refused_on=on, reason=reason.strip())

    @event("Refused")
    def _refuse(self, at_step: int, refused_on: date, reason: str) -> None:
        self.status = "refused"
        self.closed_on = refused_on

    # -- publicity (公示) ------------------------------------------------------------------------
    def open_publicity(self, kind: str, start: date, today: date, book: RuleBook, end: date | None = None) -> None:
        """A publicity window of the rules' working days from ``start``. ``end``: the day a past
        window ended by the paper file (a late entry); never before the rules' last day."""
        self._check_open()
        if kind not in rules.PUBLICITY_KINDS:
            raise DevelopmentError(N_("未知的公示类型"), field="kind")
        before = rules.PUBLICITY_BEFORE_STEP[kind]
        if before in self.steps or self.next_step is None or self.next_step > before:
            raise DevelopmentError(N_("第%(before)s步已办理，不能再进行%(kind)s"),
                                   before=before, kind=rules.PUBLICITY_KINDS[kind], field="kind")
        ready = {"target": 7 in self.steps, "admission": 12 in self.steps,
                 "conversion": 22 in self.steps}[kind]
        if not ready:
            raise DevelopmentError(N_("现在还不能进行%(kind)s"), kind=rules.PUBLICITY_KINDS[kind], field="kind")
        if start > today or start < self.last_date:
            raise DevelopmentError(N_("公示开始日期应在上一步骤之后、不晚于今天"), field="start")
        days = book.on(start).publicity_working_days
        last = rules.add_working_days(start, days)
        if end is not None and end < last:
            raise DevelopmentError(N_("%(kind)s须满%(days)s个工作日：自 %(date)s 起应至 %(last)s"),
                                   kind=rules.PUBLICITY_KINDS[kind], days=days, date=start.isoformat(),
                                   last=last.isoformat(), field="end")
        self._publicity(kind=kind, start=start, end=end or last, working_days=days)

    @event("PublicityOpened")
    def _publicity(self, kind: str, start: date, end: date, working_days: int) -> None:
        self.publicity[kind] = {"start": start, "end": end, "objections": []}

    def record_objection(self, kind: str, received_on: date, text: str) -> None:
        window = self.publicity.get(kind)
        if window is None:
            raise DevelopmentError(N_("没有该公示"), field="kind")
        if not (text or "").strip():
            raise DevelopmentError(N_("请填写意见内容"), field="text")
        if not window["start"] <= received_on <= window["end"]:
            raise DevelopmentError(N_("意见应在公示期内收到（%(start)s 至 %(end)s）"),
                                   start=window['start'], end=window['end'], field="received_on")
        self._objection(kind=kind, received_on=received_on, text=text.strip())

    @event("ObjectionRecorded")
    def _objection(self, kind: str, received_on: date, text: str) -> None:
        self.publicity[kind]["objections"].append({"received_on": received_on, "text": text, "resolution": None})

    def resolve_objection(self, kind: str, index: int, resolution: str) -> None:
        objections = self.publicity.get(kind, {}).get("objections", [])
        if not 0 <= index < len(objections):
            raise DevelopmentError(N_("没有该意见"), field="index")
        if not (resolution or "").strip():
            raise DevelopmentError(N_("请填写核查处理结果"), field="resolution")
        self._resolved(kind=kind, index=index, resolution=resolution.strip())

    @event("ObjectionResolved")
    def _resolved(self, kind: str, index: int, resolution: str) -> None:
        self.publicity[kind]["objections"][index]["resolution"] = resolution

    # -- the file (一人一档) and corrections ------------------------------------------------------
    def attach(self, code: str, file: dict) -> None:
        if code not in rules.RECORDS:
            raise DevelopmentError(N_("未知的材料类别"), field="code")
        self._attached(code=code, file=dict(file))

    @event("DocumentAttached")
    def _attached(self, code: str, file: dict) -> None:
        self.documents.append({"code": code, **file})

    def correct_step(self, step: int, notes: str, actor: str, reason: str) -> dict:
        """A correction of a step's notes or actor; the event keeps before and after."""
        if step not in self.steps:
            raise DevelopmentError(N_("该步骤尚未记录"), field="step")
        if not (reason or "").strip():
            raise DevelopmentError(N_("请说明更正原因"), field="reason")
        current = self.steps[step]
        changes = {f: {"before": current.get(f), "after": v} for f, v in (("notes", notes), ("actor", actor))
                   if v is not None and current.get(f) != v}
        if not changes:
            raise DevelopmentError(N_("没有需要更正的内容"), field="notes")
        self._corrected(step=step, changes=changes, reason=reason.strip())
        return changes

    @event("StepCorrected")
    def _corrected(self, step: int, changes: dict, reason: str) -> None:
        for f, change in changes.items():
            self.steps[step][f] = change["after"]
