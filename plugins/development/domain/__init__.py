"""The development case (发展党员工作档案) aggregate. Pure: eventsourcing.domain, stdlib, rules.

Every aggregate is defined in this module: its path is part of each stored event's topic
(``plugins.development.domain:DevelopmentCase.StepRecorded``), so the classes stay here.

One case per person, from the written application to conversion (or refusal/cancellation). Each
of the 25 steps is an event carrying the day it happened, who did it, notes and records; guards
refuse what the rules forbid, and a step past its deadline is accepted only with a reason.
"""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.aggregates import FlatCopy
from core.errors import N_, DomainError
from core.ids import natural_id
from plugins.development import rules
from plugins.development.rules import RuleBook, Vote, attendance_error

PERSON_FIELDS = ("name", "gender", "birth_date", "id_number", "category", "ethnicity", "education",
                 "job_post", "phone")


class DevelopmentError(DomainError):
    pass


class DevelopmentCase(Aggregate):
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
        person = {k: v for k, v in person.items() if k in PERSON_FIELDS and v not in (None, "")}
        for key, label in (("name", "姓名"), ("gender", "性别"), ("id_number", "身份证号"),
                           ("category", "人员类别")):
            if not person.get(key):
                raise DevelopmentError(N_("请填写%(label)s"), label=label, field=key)
        if person["gender"] not in rules.GENDERS:
            raise DevelopmentError(N_("性别应为 男 或 女"), field="gender")
        if person["category"] not in rules.CATEGORIES:
            raise DevelopmentError(N_("人员类别应为 教师、职工 或 学生"), field="category")
        person["id_number"] = str(person["id_number"]).strip().upper()
        error = rules.id_number_error(person["id_number"])
        if error:
            raise DevelopmentError(error, field="id_number")
        from_id = rules.birth_date_from_id(person["id_number"])
        birth = person.setdefault("birth_date", from_id)
        if birth != from_id:
            raise DevelopmentError(N_("出生日期与身份证号不一致"), field="birth_date")
        if applied_on > today:
            raise DevelopmentError(N_("申请日期不能晚于今天"), field="applied_on")
        rs = book.on(applied_on)
        error = rules.age_error(birth, applied_on, rs)
        if error:
            raise DevelopmentError(error, field="applied_on")
        return cls(person=person, applied_on=applied_on, recorded_on=today, actor=actor or "申请人",
                   notes=notes or "", records=list(records or ["application"]), rule_set=rs.name)

    # -- reading ---------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        """Open until archived (step 25), refused or cancelled."""
        return self.closed_on is None and self.status not in ("refused", "cancelled")

    @property
    def dates(self) -> dict[int, date]:
        return {no: s["on"] for no, s in self.steps.items()}

    @property
    def next_step(self) -> int | None:
        if not self.is_open:
            return None
        for no in range(1, rules.LAST_STEP + 1):
            if no not in self.steps:
                return no
        return None

    @property
    def last_date(self) -> date:
        return max([*self.dates.values(), *self.assessments])

    def deadline(self, step: int, book: RuleBook, on: date) -> rules.Deadline | None:
        return rules.deadline(step, self.dates, book.on(on), self.probation_end,
                              self.assessments[-1] if self.assessments else None)

    def _check_open(self) -> None:
        if not self.is_open:
            raise DevelopmentError(N_("该案例已结束（%(status)s），不能再记录"), status=rules.STATUSES[self.status], field="step")

    def _check_day(self, on: date, today: date, field: str = "happened_on") -> None:
        if on > today:
            raise DevelopmentError(N_("日期不能晚于今天"), field=field)
        if on < self.last_date:
            raise DevelopmentError(N_("日期不能早于上一步骤的日期（%(date)s）"), date=self.last_date.isoformat(), field=field)

    def _judge_time(self, step: int, on: date, book: RuleBook, late_reason: str) -> dict:
        """Late, special or refused, by the deadline of the rule set in force on ``on``."""
        dl = self.deadline(step, book, on)
        first = rules.earliest(step, self.dates, book.on(on))
        if first and on < first:
            raise DevelopmentError(
                N_("「%(title)s」最早可于 %(date)s（%(rule)s）"),
title=rules.STEPS[step].title, date=first.isoformat(), rule=book.on(on).describe(), field="happened_on")
        out = {"late": False, "late_reason": None, "special_reason": None, "due": dl.due if dl else None}
        if dl is None:
            return out
        if dl.earliest and on < dl.earliest:
            raise DevelopmentError(N_("「%(title)s」不能早于 %(date)s"),
                                   title=rules.STEPS[step].title, date=dl.earliest.isoformat(), field="happened_on")
        if dl.limit and on > dl.limit:
            raise DevelopmentError(N_("已超过最长期限 %(date)s（%(label)s），须重新履行程序"), date=dl.limit.isoformat(), label=dl.label,
                                   field="happened_on")
        if on > dl.due:
            reason = (late_reason or "").strip()
            if not reason:
                kind = "特殊原因" if dl.limit else "逾期原因"
                raise DevelopmentError(N_("已超过期限 %(date)s（%(label)s），须说明%(kind)s"),
                                       date=dl.due.isoformat(), label=dl.label, kind=kind,
                                       field="late_reason")
            if dl.limit:
                out["special_reason"] = reason
            else:
                out.update(late=True, late_reason=reason)
        return out

    def _check_publicity(self, step: int, on: date, book: RuleBook) -> None:
        rs = book.on(on)
        if not rs.publicity_required:
            return
        for kind, before in rules.PUBLICITY_BEFORE_STEP.items():
            if before != step:
                continue
            window = self.publicity.get(kind)
            label = rules.PUBLICITY_KINDS[kind]
            if window is None:
                raise DevelopmentError(N_("须先进行%(label)s"), label=label, field="publicity")
            if window["end"] >= on:
                raise DevelopmentError(N_("%(label)s至 %(date)s 结束，公示期满后方可办理"),
                                       label=label, date=window['end'].isoformat(), field="publicity")
            if any(not o.get("resolution") for o in window["objections"]):
                raise DevelopmentError(N_("%(label)s期间收到的意见尚未处理完毕"), label=label, field="publicity")

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
        passed = True
        if step in (5, 9):
            data.update(self._people(step, people or [], rs))
        elif step == 11:
            error = rules.training_error(data.get("days"), data.get("hours"), rs)
            if error:
                raise DevelopmentError(error, field="days")
            data = {"days": data.get("days"), "hours": data.get("hours")}
        elif step == 13:
            leaving = data.get("leaving_on")
            error = rules.leaving_error(leaving, on, rs)
            if error:
                raise DevelopmentError(error, field="leaving_on")
            data = {"leaving_on": leaving}
        elif step in rules.VOTE_STEPS:
            data, passed = self._vote(step, on, rs, data, attendance)
        elif step in (17, 24):
            passed = bool(data.get("approved", True))
            data = {"approved": passed}
        else:
            data = {}
        self._step(step=step, happened_on=on, recorded_on=today, actor=actor or rules.STEPS[step].actor,
                   notes=notes or "", records=list(records if records is not None else rules.STEPS[step].records),
                   data=data, passed=passed, rule_set=rs.name, **timing)
        if not passed and step in (15, 17):
            reason = "支部大会表决未通过" if step == 15 else "上级党委未予批准"
            self._refuse(at_step=step, refused_on=on, reason=reason)

    def _people(self, step: int, people: list[rules.IntroducerCheck], rs: rules.RuleSet) -> dict:
        if step == 9:
            error = rules.introducers_error(people, rs)
            if error:
                raise DevelopmentError(error, field="introducers")
            return {"introducers": [{"id": p.member_id, "name": p.name} for p in people]}
        ids = {p.member_id for p in people}
        if not 1 <= len(ids) <= 2 or len(ids) != len(people):
            raise DevelopmentError(N_("每名入党积极分子须指定1至2名正式党员作培养联系人"), field="contacts")
        for p in people:
            if not p.is_full:
                raise DevelopmentError(N_("%(name)s不是正式党员，不能担任培养联系人"), name=p.name, field="contacts")
        return {"contacts": [{"id": p.member_id, "name": p.name} for p in people]}

    def _vote(self, step: int, on: date, rs: rules.RuleSet, data: dict, attendance: dict | None):
        if step == 15:
            review = self.steps.get(10)
            if review is None or rules.add_months(review["on"], rs.review_valid_months) < on:
                raise DevelopmentError(N_("政治审查须在表决前完成且在有效期（%(review_valid_months)s个月）内"),
                                       review_valid_months=rs.review_valid_months,
                                       field="step")
            if 11 not in self.steps:
                raise DevelopmentError(N_("未参加集中培训，不能表决"), field="step")
            if 13 not in self.steps:
                raise DevelopmentError(N_("未经上级党委预审，不能表决"), field="step")
            error = rules.leaving_error(self.steps[13]["data"].get("leaving_on"), on, rs)
            if error:
                raise DevelopmentError(error, field="leaving_on")
        try:
            vote = Vote(**{k: data.get(k) for k in ("entitled", "present", "written_opinions", "yes", "no", "abstain")},
                        meeting_id=str(data["meeting_id"]) if data.get("meeting_id") else None)
            error = rules.vote_error(vote)
        except TypeError:
            error = "请填写应到会人数、到会人数、书面意见人数和赞成、反对、弃权票数"
        if error:
            raise DevelopmentError(error, field="vote")
        if attendance is not None:
            error = attendance_error(vote, attendance, on)
            if error:
                raise DevelopmentError(error, field="meeting_id")
        passed = rules.vote_passes(vote)
        return {"vote": vote.as_dict(), "passed": passed}, passed

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


class CaseRegister(FlatCopy, Aggregate):
    """The open development cases of a school by ID number (在办发展党员档案登记).

    One open case per person: one per school, saved in the same transaction as every case that
    opens or closes (archived, refused, probation cancelled), so two concurrent applications of one
    person collide on its version. Schools opened cases before it existed: it is opened from the
    school's own log (``derived_from`` says how much of it was read).
    """

    snapshot_interval = 100
    flat_containers = ("open_cases",)
    personal_keys = {"open_cases": "id_number"}   # ID numbers, masked in the audit console

    @staticmethod
    def create_id(tenant: str, **_):
        return natural_id("development.case-register", tenant)

    @event("Opened")
    def __init__(self, tenant: str, open_cases: dict, derived_from: dict):
        self.open_cases = dict(open_cases)   # ID number → case id

    def check_free(self, id_number: str) -> None:
        if id_number in self.open_cases:
            raise DevelopmentError(N_("此人已有进行中的发展党员档案"), field="id_number")

    def enter(self, id_number: str, case_id) -> None:
        self.check_free(id_number)
        self._entered(id_number=id_number, case_id=str(case_id))

    @event("CaseEntered")
    def _entered(self, id_number: str, case_id: str) -> None:
        self.open_cases[id_number] = case_id

    def release(self, id_number: str, case_id, status: str) -> None:
        """The case is closed (archived, refused or cancelled): the person may apply again."""
        if self.open_cases.get(id_number) == str(case_id):
            self._released(id_number=id_number, case_id=str(case_id), status=status)

    @event("CaseReleased")
    def _released(self, id_number: str, case_id: str, status: str) -> None:
        self.open_cases.pop(id_number, None)
