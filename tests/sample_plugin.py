"""A tiny plugin used by the core's tests: one aggregate, a page, an API route, a nav item, an alert."""
from __future__ import annotations

from eventsourcing.domain import Aggregate, event
from flask import g
from marshmallow import Schema, fields, validate
from sqlalchemy import Column, Integer, String, Table, Uuid, insert, select, update

from core.api import VersionSchema, tenant_api_blueprint
from core.db import metadata
from core.errors import check_version
from core.hookspecs import hookimpl
from core.kernel import kernel
from core.permissions import COMMITTEE, READERS, requires
from core.plugins import Alert, NavItem, PluginInfo
from core.projections import Projection, on
from core.web import tenant_blueprint


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str):
        self.text = text

    @event("Amended")
    def amend(self, text: str):
        self.text = text


notes = Table("sample_notes", metadata,
              Column("id", Uuid, primary_key=True), Column("tenant", String(40), nullable=False),
              Column("text", String(200), nullable=False), Column("version", Integer, nullable=False),
              extend_existing=True)


class NotesProjection(Projection):
    name = "sample.notes"
    tables = (notes,)

    @on(Note.Written)
    def _written(self, conn, e, tenant):
        conn.execute(insert(notes).values(id=e.originator_id, tenant=tenant, text=e.text,
                                          version=e.originator_version))

    @on(Note.Amended)
    def _amended(self, conn, e, tenant):
        conn.execute(update(notes).where(notes.c.id == e.originator_id)
                     .values(text=e.text, version=e.originator_version))


def write_note(k, tenant, text):
    note = Note(text=text)
    k.save(tenant, note)
    return note


def amend_note(k, tenant, note_id, text, expected_version):
    note = k.get(tenant, note_id, Note)
    check_version(note, expected_version)
    note.amend(text)
    k.save(tenant, note)
    return note


bp = tenant_blueprint("sample", __name__)
api = tenant_api_blueprint("sample", __name__, "sample notes")


class NoteIn(Schema):
    text = fields.String(required=True)


class NoteAmend(VersionSchema):
    text = fields.String(required=True)


class NoteOut(Schema):
    id = fields.UUID()
    text = fields.String()
    version = fields.Integer()


@bp.route("/")
@requires("sample.view")
def index():
    with kernel().reading() as conn:
        rows = conn.execute(select(notes).where(notes.c.tenant == g.tenant.slug)).all()
    return {"notes": [r.text for r in rows]}


@api.route("/notes", methods=["POST"])
@api.arguments(NoteIn)
@api.response(201, NoteOut)
@requires("sample.edit")
def api_write(data):
    note = write_note(kernel(), g.tenant.slug, data["text"])
    return {"id": note.id, "text": note.text, "version": note.version}


@api.route("/notes/<uuid:note_id>", methods=["PATCH"])
@api.arguments(NoteAmend)
@api.response(200, NoteOut)
@requires("sample.edit")
def api_amend(data, note_id):
    note = amend_note(kernel(), g.tenant.slug, note_id, data["text"], data["expected_version"])
    return {"id": note.id, "text": note.text, "version": note.version}


class SampleSettings(Schema):
    months = fields.Integer(load_default=6, validate=validate.Range(min=1, max=12),
                            metadata={"label": "月数"})


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="sample", title="示例", description="tests only", settings_schema=SampleSettings)


@hookimpl
def zhibu_permissions():
    return {"sample.view": COMMITTEE | {"member"} | READERS, "sample.edit": COMMITTEE}


@hookimpl
def zhibu_projections():
    return [NotesProjection()]


@hookimpl
def zhibu_blueprints():
    return [bp, api]


@hookimpl
def zhibu_event_classes():
    return [Note]


@hookimpl
def zhibu_nav_items(k, tenant, user):
    return [NavItem(label="示例模块", endpoint="sample.index", order=99)]


@hookimpl
def zhibu_alerts(k, tenant, today):
    return [Alert(level="warning", text="示例提醒", source="sample")]
