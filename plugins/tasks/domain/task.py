"""A district task (上级任务督办), kept in the district log: the district owns it and judges answers."""
from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate, event

from core.errors import N_
from plugins.tasks import rules
from plugins.tasks.domain.base import TasksError, required


class Task(Aggregate):
    """Issued to some schools with what each must return; reminded; each answer judged by round."""

    @event("Issued")
    def __init__(self, kind: str, title: str, content: str, deadline: date, schools: list, returns: dict,
                 titles: list, issued_on: date):
        self.kind = kind
        self.title = title
        self.content = content
        self.deadline = deadline
        self.schools = list(schools)
        self.returns = dict(returns)
        self.titles = list(titles)        # 党报党刊征订: the publications offered
        self.issued_on = issued_on
        self.judged: dict[str, dict] = {}   # school → {"round", "outcome"}
        self.state = "open"                 # open / closed (办结) / cancelled (撤销)

    def check_open(self) -> None:
        """A task closed or cancelled takes no more answers, reminders or changes."""
        if getattr(self, "state", "open") == "cancelled":
            raise TasksError(N_("本任务已撤销"), field="task")
        if getattr(self, "state", "open") == "closed":
            raise TasksError(N_("本任务已办结"), field="task")

    @classmethod
    def issue(cls, kind: str, title: str, content: str, deadline: date, schools: list, returns: dict,
              titles: list, today: date) -> "Task":
        if kind not in rules.KINDS:
            raise TasksError(N_("任务类型应为 一般任务、党报党刊征订 或 年度党建工作总结报送"), field="kind")
        title = required(title, N_("请填写任务标题"), "title")
        content = required(content, N_("请填写任务内容"), "content")
        if not isinstance(deadline, date):
            raise TasksError(N_("请填写截止日期"), field="deadline")
        if deadline < today:
            raise TasksError(N_("截止日期不能早于今天"), field="deadline")
        if not schools:
            raise TasksError(N_("请至少选择一所学校"), field="schools")
        fields = cls._check_fields(returns.get("fields") or [])
        titles = [t.strip() for t in titles or () if t and t.strip()]
        if kind == "subscription" and not titles:
            raise TasksError(N_("党报党刊征订任务请列出征订的报刊"), field="titles")
        if len(titles) > rules.MAX_TITLES:
            raise TasksError(N_("报刊最多 %(n)s 种"), n=rules.MAX_TITLES, field="titles")
        returns = {"text": bool(returns.get("text")), "files": bool(returns.get("files")), "fields": fields}
        if kind == "summary":       # the year's summary comes back as its generated file
            returns["files"] = True
        if kind == "general" and not (returns["text"] or returns["files"] or fields):
            raise TasksError(N_("请说明需要学校报送什么：文字、材料或填报项"), field="returns")
        return cls(kind=kind, title=title, content=content, deadline=deadline, schools=sorted(set(schools)),
                   returns=returns, titles=titles if kind == "subscription" else [], issued_on=today)

    @staticmethod
    def _check_fields(fields: list) -> list:
        if len(fields) > rules.MAX_FIELDS:
            raise TasksError(N_("填报项最多 %(n)s 个"), n=rules.MAX_FIELDS, field="fields")
        out, seen = [], set()
        for i, spec in enumerate(fields, start=1):
            label = (spec.get("label") or "").strip()
            if not label:
                raise TasksError(N_("第 %(n)s 个填报项没有名称"), n=i, field="fields")
            if spec.get("type") not in rules.FIELD_TYPES:
                raise TasksError(N_("填报项「%(label)s」的类型应为 文字、整数、数字 或 日期"), label=label, field="fields")
            if label in seen:
                raise TasksError(N_("填报项「%(label)s」重复"), label=label, field="fields")
            seen.add(label)
            out.append({"key": f"f{i}", "label": label, "type": spec["type"]})
        return out

    def check_school(self, school: str) -> None:
        if school not in self.schools:
            raise TasksError(N_("该校不在本任务的范围内"), field="school")

    def add_school(self, school: str) -> None:
        """A school added after the task was issued (a new school, or one forgotten)."""
        self.check_open()
        if school in self.schools:
            raise TasksError(N_("该校已在本任务的范围内"), field="school")
        self._school_added(school=school)

    @event("SchoolAdded")
    def _school_added(self, school: str) -> None:
        self.schools = sorted({*self.schools, school})

    def remind(self, schools: list, note: str, today: date) -> None:
        """催办: the schools named (all of the task's schools still to answer, chosen by the service)."""
        self.check_open()
        if not schools:
            raise TasksError(N_("没有需要催办的学校"), field="schools")
        for school in schools:
            self.check_school(school)
        self._reminded(schools=sorted(set(schools)), note=(note or "").strip(), on=today)

    @event("Reminded")
    def _reminded(self, schools: list, note: str, on: date) -> None:
        pass

    def _check_judgeable(self, school: str, submitted_round: int) -> None:
        if getattr(self, "state", "open") == "cancelled":
            raise TasksError(N_("本任务已撤销"), field="task")
        self.check_school(school)
        if not submitted_round:
            raise TasksError(N_("该校尚未提交，无法审核"), field="school")
        if self.judged.get(school, {}).get("round") == submitted_round:
            raise TasksError(N_("该校本次提交已审核"), field="school")

    def accept(self, school: str, submitted_round: int, note: str) -> None:
        self._check_judgeable(school, submitted_round)
        self._accepted(school=school, round=submitted_round, note=(note or "").strip())

    @event("Accepted")
    def _accepted(self, school: str, round: int, note: str) -> None:
        self.judged[school] = {"round": round, "outcome": "accepted"}

    def send_back(self, school: str, submitted_round: int, reason: str) -> None:
        """退回: the school must answer again; the reason is required."""
        self._check_judgeable(school, submitted_round)
        reason = required(reason, N_("退回须说明理由"), "reason")
        self._returned(school=school, round=submitted_round, reason=reason)

    @event("Returned")
    def _returned(self, school: str, round: int, reason: str) -> None:
        self.judged[school] = {"round": round, "outcome": "returned"}

    def extend_deadline(self, deadline: date, reason: str) -> None:
        """延期: a later deadline for every school of the task, with the reason they read."""
        self.check_open()
        if not isinstance(deadline, date) or deadline <= self.deadline:
            raise TasksError(N_("新的截止日期应晚于原截止日期 %(before)s"), before=self.deadline.isoformat(),
                             field="deadline")
        reason = required(reason, N_("延期须说明理由"), "reason")
        self._deadline_extended(deadline=deadline, before=self.deadline, reason=reason)

    @event("DeadlineExtended")
    def _deadline_extended(self, deadline: date, before: date, reason: str) -> None:
        self.deadline = deadline

    def close(self, note: str, today: date) -> None:
        """办结: the district stops collecting; what was submitted stays and may still be judged."""
        self.check_open()
        self._closed(note=(note or "").strip(), on=today)

    @event("Closed")
    def _closed(self, note: str, on: date) -> None:
        self.state = "closed"

    def cancel(self, reason: str, today: date) -> None:
        """撤销: the task is withdrawn; it leaves every school's open work, the reason stays visible."""
        if getattr(self, "state", "open") == "cancelled":
            raise TasksError(N_("本任务已撤销"), field="task")
        reason = required(reason, N_("撤销须说明理由"), "reason")
        self._cancelled(reason=reason, on=today)

    @event("Cancelled")
    def _cancelled(self, reason: str, on: date) -> None:
        self.state = "cancelled"
