"""Events → notices. Notices are what other plugins' events mean for people, read through those
plugins' public event classes (never their internals): a meeting scheduled or cancelled → its
expected attendees; a district task issued → each school's secretaries; a disclosure → the school's accounts; a change to a member's own
record → that member; the worker's daily reminder → the secretaries. Receipts and delivery choices
come from the notices plugin's own ``Inbox`` events. Everything here is rebuilt from the logs."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import and_, delete, select

from core.ids import natural_id
from core.projections import Projection, on
from plugins.care.public import VisitRecorded
from plugins.development import public as development
from plugins.disclosure.public import DisclosurePublished
from plugins.dues.public import DuesAccountOpened, DuesPaid
from plugins.study.public import StudySessionRecorded
from plugins.meetings.public import MeetingCancelled, MeetingDetailsCorrected, MeetingScheduled
from plugins.members.public import STATUSES, Member
from plugins.notices import models as m, rules
from plugins.notices.domain import Inbox, Reminder
from plugins.tasks.public import TaskIssued


def _actor(e) -> str | None:
    return (getattr(e, "meta", None) or {}).get("actor_name")


def notice_id(tenant: str, e) -> UUID:
    """One notice per school and source event (stable across rebuilds)."""
    return natural_id("notices", "notice", tenant, str(e.originator_id), str(e.originator_version))


def add_notice(rows, tenant: str, e, origin: str, kind: str, text: tuple[str, str], to: list[dict],
               endpoint: str | None = None, values: dict | None = None, source_id=None) -> None:
    """A notice and its recipients: ``to`` holds ``{"member_id": …, "name": …}`` or ``{"role": …}``."""
    if not to:
        return
    nid = notice_id(tenant, e)
    rows.insert(m.notices, id=nid, tenant=tenant, origin=origin, kind=kind, title=text[0][:300], body=text[1],
                endpoint=endpoint, link_values=dict(values or {}), sender=_actor(e), source_id=source_id,
                recipients=len(to), created_at=e.timestamp)
    for position, r in enumerate(to):
        member = r.get("member_id")
        rows.insert(m.recipients, notice_id=nid, position=position, tenant=tenant, origin=origin,
                    member_id=UUID(str(member)) if member else None, role=r.get("role"),
                    name=r.get("name"), created_at=e.timestamp)


def _clear_origin(conn, tables, origin: str, tenant: str | None = None) -> None:
    for table in tables:
        where = table.c.origin == origin
        conn.execute(delete(table).where(and_(table.c.tenant == tenant, where) if tenant else where))


class NoticesSchoolProjection(Projection):
    """A school's log → the school's notices, everyone's receipts and delivery choices."""

    name = "notices.school"
    tables = (m.receipts, m.preferences, m.reminders, m.owners)

    def clear(self, conn, log_name: str) -> None:
        super().clear(conn, log_name)
        _clear_origin(conn, (m.recipients, m.notices), "school", log_name)

    @on(MeetingScheduled)
    def _meeting(self, rows, e, tenant):
        to = [{"member_id": x["member_id"], "name": x.get("name")} for x in e.expected]
        add_notice(rows, tenant, e, "school", "meeting", rules.meeting_notice(e.type_name, e.title, e.starts_at,
                                                                             e.place),
                   to, "meetings.detail", {"meeting_id": str(e.originator_id)}, e.originator_id)

    def _first_notice(self, rows, e, tenant):
        """The meeting's first notice and whom it went to (None when it had none)."""
        first = rows.execute(select(m.notices.c.id, m.notices.c.title).where(
            m.notices.c.tenant == tenant, m.notices.c.source_id == e.originator_id)
            .order_by(m.notices.c.created_at)).first()
        if first is None:
            return None, []
        to = [{"member_id": r.member_id, "name": r.name} for r in rows.execute(
            select(m.recipients.c.member_id, m.recipients.c.name).where(
                m.recipients.c.tenant == tenant, m.recipients.c.notice_id == first.id)
            .order_by(m.recipients.c.position))]
        return first, to

    @on(MeetingCancelled)
    def _cancelled(self, rows, e, tenant):
        first, to = self._first_notice(rows, e, tenant)
        if first is None:
            return
        title = first.title.split("：", 1)[-1]
        add_notice(rows, tenant, e, "school", "meeting", rules.meeting_cancelled(title, e.reason), to,
                   "meetings.detail", {"meeting_id": str(e.originator_id)}, e.originator_id)

    @on(MeetingDetailsCorrected)
    def _changed(self, rows, e, tenant):
        """The meeting's attendees (those its notice went to) are told what changed, before → after,
        while it is still to come: a held or past meeting's record corrected is no news for them.
        A correction stored before that was known (``upcoming`` None) keeps the notice it gave."""
        if e.upcoming is False:
            return
        first, to = self._first_notice(rows, e, tenant)
        if first is None:
            return
        title = (e.changes.get("title") or {}).get("after") or first.title.split("：", 1)[-1]
        text = rules.meeting_changed(title, e.changes)
        if text is not None:
            add_notice(rows, tenant, e, "school", "meeting", text, to, "meetings.detail",
                       {"meeting_id": str(e.originator_id)}, e.originator_id)

    def _record(self, rows, e, tenant, kind: str, detail: str):
        add_notice(rows, tenant, e, "school", "record", rules.record_notice(kind, detail),
                   [{"member_id": e.originator_id}], "shell.mine", {}, e.originator_id)

    @on(Member.FieldsCorrected)
    def _corrected(self, rows, e, tenant):
        self._record(rows, e, tenant, "FieldsCorrected", f"{len(e.changes)} 项")

    @on(Member.StatusChanged)
    def _status(self, rows, e, tenant):
        self._record(rows, e, tenant, "StatusChanged", STATUSES.get(e.after, e.after))

    @on(Member.Converted)
    def _converted(self, rows, e, tenant):
        self._record(rows, e, tenant, "Converted", e.converted_on.isoformat())

    # -- the member's own records in other plugins: to that member only --------------------------------
    def _own(self, rows, e, tenant, members: list[dict], text: tuple[str, str]):
        add_notice(rows, tenant, e, "school", "record", text, members, "shell.mine", {}, e.originator_id)

    @on(DuesAccountOpened)
    def _dues_account(self, rows, e, tenant):
        rows.insert(m.owners, tenant=tenant, record_id=e.originator_id, member_id=UUID(str(e.member_id)))

    @on(DuesPaid)
    def _dues_paid(self, rows, e, tenant):
        member = rows.scalar(select(m.owners.c.member_id).where(m.owners.c.tenant == tenant,
                                                                m.owners.c.record_id == e.originator_id))
        if member is not None:
            self._own(rows, e, tenant, [{"member_id": member}],
                      rules.dues_paid_notice(sorted(e.months), e.total, e.receipt_no, e.paid_on))

    @on(development.CaseAdmitted)
    def _case_admitted(self, rows, e, tenant):
        rows.insert(m.owners, tenant=tenant, record_id=e.originator_id, member_id=UUID(str(e.member_id)))

    @on(development.StepRecorded)
    def _case_step(self, rows, e, tenant):
        """Before admission a person has no member record and so no account to reach; from then on,
        the steps taken on their case (probation, conversion) reach them."""
        member = rows.scalar(select(m.owners.c.member_id).where(m.owners.c.tenant == tenant,
                                                                m.owners.c.record_id == e.originator_id))
        if member is not None and e.passed:
            self._own(rows, e, tenant, [{"member_id": member}],
                      rules.development_notice(e.step, development.step_title(e.step), e.happened_on))

    @on(StudySessionRecorded)
    def _study(self, rows, e, tenant):
        to = [{"member_id": a["member_id"], "name": a.get("name")} for a in e.attendees]
        self._own(rows, e, tenant, to, rules.study_notice(e.title, e.held_on, e.hours_x10))

    @on(VisitRecorded)
    def _visit(self, rows, e, tenant):
        self._own(rows, e, tenant, [{"member_id": e.member_id, "name": e.member_name}],
                  rules.visit_notice(e.on, e.by, e.what))

    @on(DisclosurePublished)
    def _disclosure(self, rows, e, tenant):
        add_notice(rows, tenant, e, "school", "disclosure", rules.disclosure_notice(e.title, e.window_from,
                                                                                     e.window_until),
                   [{"role": role} for role in rules.DISCLOSURE_ROLES], "disclosure.index", {},
                   e.originator_id)   # the board of what is on show: a member may open no item out of its window

    @on(Reminder.Sent)
    def _reminder(self, rows, e, tenant):
        rows.insert(m.reminders, id=e.originator_id, tenant=tenant, day=e.day.isoformat())
        add_notice(rows, tenant, e, "school", "reminder", rules.reminder_notice(e.day, e.items),
                   [{"role": role} for role in e.roles], "shell.alerts", {}, None)

    @on(Inbox.Opened)
    def _opened(self, rows, e, tenant):
        pass   # an inbox shows itself with its first receipt or choice

    @on(Inbox.Read)
    def _read(self, rows, e, tenant):
        for notice in e.notices:
            rows.insert(m.receipts, tenant=tenant, notice_id=UUID(notice), username=e.username,
                        member_id=UUID(e.member_id) if e.member_id else None, read_at=e.timestamp)

    @on(Inbox.DeliveryChosen)
    def _delivery(self, rows, e, tenant):
        rows.delete(m.preferences, tenant=tenant, username=e.username)
        rows.insert(m.preferences, tenant=tenant, username=e.username, email=e.email, delivery=e.delivery,
                    since=e.timestamp, version=e.originator_version)


class NoticesDistrictProjection(Projection):
    """The district log → notices of district tasks, one per school, to its secretaries."""

    name = "notices.district"
    scope = "district"
    tables = ()

    def clear(self, conn, log_name: str) -> None:
        _clear_origin(conn, (m.recipients, m.notices), "district")

    @on(TaskIssued)
    def _task(self, rows, e, tenant):
        for school in e.schools:
            add_notice(rows, school, e, "district", "task", rules.task_notice(e.title, e.deadline),
                       [{"role": role} for role in rules.TASK_ROLES], "tasks.task",
                       {"task_id": str(e.originator_id)}, e.originator_id)


PROJECTIONS = (NoticesSchoolProjection, NoticesDistrictProjection)
