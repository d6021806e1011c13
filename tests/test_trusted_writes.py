"""Writes that can be trusted: a stored write always answers success and is visible to the request
that made it; a projection that fails on an event stops alone, says so, and is recovered by a rebuild;
what a crash left unapplied is applied when the app or the worker starts."""
from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest
from click.testing import CliRunner
from eventsourcing.utils import get_topic
from sqlalchemy import Column, String, Table, Uuid, select

from core import context
from core.app import create_app
from core.cli import _attach_plugin_commands, cli
from core.db import metadata
from core.hookspecs import hookimpl
from core.projections import Projection, on
from plugins.members import queries as members
from plugins.members import services as member_services
from tests import sample_plugin
from tests.sample_plugin import Note, notes

fragile_texts = Table("fragile_texts", metadata, Column("id", Uuid, primary_key=True),
                      Column("tenant", String(40), nullable=False), Column("text", String(200)),
                      extend_existing=True)


class FragileProjection(Projection):
    """Fails on notes that say "boom" while ``broken`` is set: a bug in a handler."""

    name = "fragile.texts"
    tables = (fragile_texts,)
    broken = True

    @on(Note.Written)
    def _written(self, rows, e, tenant):
        if self.broken and e.text == "boom":
            raise ValueError("cannot file a note that says boom")
        rows.insert(fragile_texts, id=e.originator_id, tenant=tenant, text=e.text)


class FragilePlugin:
    @hookimpl
    def zhibu_projections(self):
        return [FragileProjection()]


@pytest.fixture
def extra_plugins():
    return (sample_plugin, FragilePlugin())


@pytest.fixture(autouse=True)
def _broken_until_fixed(monkeypatch):
    monkeypatch.setattr(FragileProjection, "broken", True)


def texts(k, table):
    with k.engine.connect() as conn:
        return sorted(conn.scalars(select(table.c.text)))


def cli_run(*args):
    _attach_plugin_commands()
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


MEMBER = {"name": "赵六", "gender": "female", "id_number": "11010519491231002X",
          "joined_on": "2015-06-01", "converted_on": "2016-06-01"}


def test_a_failing_projection_stops_alone_at_its_event_and_the_write_still_succeeds(k, tenant, api_as, login_as):
    api = api_as("secretary", tenant)
    notes_url = f"/api/v1/t/{tenant}/sample/notes"
    assert api.post(notes_url, json={"text": "first"}).status_code == 201
    r = api.post(notes_url, json={"text": "boom"})
    assert r.status_code == 201, "a stored write answered an error"
    assert api.post(notes_url, json={"text": "after"}).status_code == 201
    # The write that reached the bad handler, and those after it, are in every other projection
    assert texts(k, notes) == ["after", "boom", "first"]
    assert texts(k, fragile_texts) == ["first"]
    r = api.post(f"/api/v1/t/{tenant}/members/members", json=MEMBER)
    assert r.status_code == 201 and members.get_member(k, tenant, UUID(r.json["id"])).name == "赵六"

    states = {s.projection: s for s in k.projector.states([tenant])}
    stopped = states["fragile.texts"]
    assert stopped.topic == get_topic(Note.Written) and "boom" in stopped.error and stopped.lag > 0
    boom = next(n for n in k.stores.log(tenant).recorder.select_notifications(start=1, limit=100)
                if n.topic == get_topic(Note.Written) and b"boom" in n.state)
    assert stopped.stopped_at == boom.id
    assert all(s.stopped_at is None and s.lag == 0 for name, s in states.items() if name != "fragile.texts")

    status = cli_run("projections", "status", "--tenant", tenant)
    assert status.exit_code == 1
    assert f"STOPPED at event {boom.id}" in status.output and "fragile.texts" in status.output
    assert "cannot file a note that says boom" in status.output

    admin = login_as("district_admin")
    page = admin.get("/district/health").get_data(as_text=True)
    assert "fragile.texts" in page and "cannot file a note that says boom" in page
    assert f"--projection fragile.texts" in page
    assert login_as("secretary", tenant).get("/district/health").status_code == 403

    # After the fix, a rebuild of that projection alone recovers it
    FragileProjection.broken = False
    rebuilt = cli_run("projections", "rebuild", "--tenant", tenant, "--projection", "fragile.texts")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert texts(k, fragile_texts) == ["after", "boom", "first"]
    assert cli_run("projections", "status", "--tenant", tenant).exit_code == 0
    assert api.post(notes_url, json={"text": "later"}).status_code == 201
    assert texts(k, fragile_texts) == ["after", "boom", "first", "later"]


def test_a_rebuild_that_meets_the_same_bug_stops_again_and_says_so(k, tenant, actor):
    sample_plugin.write_note(k, tenant, "boom")
    result = cli_run("projections", "rebuild", "--tenant", tenant, "--projection", "fragile.texts")
    assert result.exit_code == 1 and "stopped again" in result.output


def test_the_worker_names_a_stopped_projection_and_goes_on(k, tenant, actor, caplog):
    with k.deferred_projections():  # written, not yet applied: the worker's job
        sample_plugin.write_note(k, tenant, "boom")
        sample_plugin.write_note(k, tenant, "fine")
    result = cli_run("worker", "--once")
    assert result.exit_code == 0
    assert any("fragile.texts" in r.getMessage() and "stopped at event" in r.getMessage() for r in caplog.records)
    assert texts(k, notes) == ["boom", "fine"] and texts(k, fragile_texts) == []  # stopped at "boom"


def test_text_the_database_refuses_stops_only_the_projections_that_store_it(k, tenant, actor):
    """PostgreSQL text cannot hold NUL. Input validation refuses it at the boundary; should a value
    slip past it, the projections that store it stop and the school's other writes go on."""
    sample_plugin.write_note(k, tenant, "a\x00b")
    member = member_services.register_member(k, tenant, {**MEMBER, "joined_on": date(2015, 6, 1),
                                                         "converted_on": date(2016, 6, 1)})
    assert members.get_member(k, tenant, member.id).name == "赵六"
    stopped = {s.projection for s in k.projector.states([tenant]) if s.stopped_at is not None}
    if k.store_config.is_postgres:
        assert "sample.notes" in stopped and "members.roster" not in stopped
    else:
        assert stopped == set() and texts(k, notes) == ["a\x00b"]


def test_what_a_crash_left_unapplied_is_applied_when_the_app_starts(app, k, tenant, actor):
    with k.deferred_projections():  # the process died between storing and projecting
        sample_plugin.write_note(k, tenant, "written before the crash")
    assert texts(k, notes) == []
    config = {"INSTANCE_PATH": str(k.store_config.instance_path), "DATABASE_URL": k.store_config.database_url,
              "DATABASE_SCHEMA": k.store_config.schema, "SECRET_KEY": "test-secret", "TESTING": True}
    restarted = create_app(config=config, extra_plugins=(sample_plugin, FragilePlugin()))
    try:
        assert texts(k, notes) == ["written before the crash"]
    finally:
        restarted.extensions["zhibu"].close()


def test_text_longer_than_a_read_model_column_declares_stops_no_projection(k, tenant, actor):
    """Lengths are enforced at the input boundary; the read model holds whatever the log holds (on
    PostgreSQL too, where a VARCHAR(n) would refuse it and stop the projection for good)."""
    long_text = "长" * 1000  # sample_notes.text is declared String(200)
    sample_plugin.write_note(k, tenant, long_text)
    assert texts(k, notes) == [long_text]
    assert not [s for s in k.projector.states([tenant]) if s.stopped_at is not None]
