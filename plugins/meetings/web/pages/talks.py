"""Pages of heart-to-heart talks (谈心谈话)."""
from __future__ import annotations

from uuid import UUID

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user
from marshmallow import ValidationError

from core.errors import DomainError
from core.kernel import kernel
from core.messages import message_of
from core.permissions import can, require, requires
from plugins.meetings import present, queries
from plugins.meetings.queries import roster
from plugins.meetings.rules import talks
from plugins.meetings.schemas.talks import TalkSchema
from plugins.meetings.web import bp
from plugins.meetings.web.common import _flash_validation, _form, _reader, _record, _talk, _year


@bp.route("/talks", methods=["GET", "POST"])
@requires("meetings.talks.view")
def talks_page():
    k, tenant, status = kernel(), g.tenant.slug, 200
    if request.method == "POST":
        require("meetings.talks.record", tenant)
        try:
            _record(TalkSchema().load(_form()))
            flash(gettext("谈心谈话已记录。"), "success")
            return redirect(url_for("meetings.talks_page"))
        except ValidationError as exc:
            _flash_validation(exc)
            status = 422
        except DomainError as exc:
            flash(message_of(exc), "danger")
            status = 422
    year = _year()
    me, reads_all = _reader()
    return render_template(
        "meetings/talks.html", year=year, me=str(me) if me else None, private=talks.PRIVATE,
        rows=[present.talk(r, me, reads_all) for r in queries.list_talks(k, tenant, year)],
        counted=queries.talk_compliance(k, tenant, year), starts=talks.STARTS, people=roster.people(k, tenant),
        records_any=can(current_user, "meetings.talks.record_any", tenant)), status


@bp.route("/talks/<uuid:talk_id>")
@requires("meetings.talks.view")
def talk_detail(talk_id: UUID):
    return render_template("meetings/talk.html", t=_talk(talk_id), private=talks.PRIVATE)
