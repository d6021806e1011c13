"""What a development case reads and checks before it records anything: its state (open, the next
step, the deadlines) and the guards of the rules. No events here: ``CaseGuards`` is a base of
``DevelopmentCase`` (``domain.case``), whose methods record them."""
from __future__ import annotations

from datetime import date

from core.errors import N_, DomainError
from plugins.development import rules
from plugins.development.rules import RuleBook, Vote, attendance_error

PERSON_FIELDS = ("name", "gender", "birth_date", "id_number", "category", "ethnicity", "education",
                 "job_post", "phone")


class DevelopmentError(DomainError):
    pass


def checked_application(person: dict, applied_on: date, today: date, book: RuleBook) -> tuple[dict, rules.RuleSet]:
    """Step 1's applicant, its fields kept and checked, and the rule set in force on ``applied_on``."""
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
    return person, rs


class CaseGuards:
    """The reading and the guards of a ``DevelopmentCase``, over the state its events build."""

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

    def _step_data(self, step: int, on: date, rs: rules.RuleSet, data: dict,
                   people: list[rules.IntroducerCheck] | None, attendance: dict | None) -> tuple[dict, bool]:
        """What step ``step`` carries, checked, and whether it passed (a vote, an approval)."""
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
        return data, passed

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
