"""core.commands.page_command: a page's command either goes on (with its message) or shows the page
again saying why, with 422 for bad input or a rule, 409 for a stale version, 404 for no such record."""
from __future__ import annotations

from decimal import Decimal

import pytest
from flask import get_flashed_messages
from marshmallow import ValidationError

from core.commands import page_command
from core.errors import ConflictError, DomainError, NotFoundError
from core.hookspecs import hookimpl
from core.permissions import requires
from core.plugins import PluginInfo
from core.web import tenant_blueprint

pages = tenant_blueprint("cmdprobe", __name__)
OUTCOMES = {
    "done": lambda: "/done-here",
    "rule": lambda: (_ for _ in ()).throw(DomainError("不符合规定：原因甲", field="x")),
    "input": lambda: (_ for _ in ()).throw(ValidationError({"amount": ["须为正数"]})),
    "stale": lambda: (_ for _ in ()).throw(ConflictError("记录已被他人修改")),
    "missing": lambda: (_ for _ in ()).throw(NotFoundError("x")),
}


@pages.route("/<outcome>", methods=["POST"])
@requires("cmdprobe.edit")
def run(outcome):
    def render(status):
        return " | ".join(get_flashed_messages()), status
    return page_command(OUTCOMES[outcome], render, success="已保存", labels={"amount": "金额"})


class CommandProbe:
    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="cmdprobe", title="命令探针", always_on=True)

    @hookimpl
    def zhibu_permissions(self):
        return {"cmdprobe.edit": {"secretary"}}

    @hookimpl
    def zhibu_blueprints(self):
        return [pages]


@pytest.fixture
def extra_plugins():
    return (CommandProbe(),)


@pytest.mark.parametrize("outcome, status, says", [
    ("rule", 422, "不符合规定：原因甲"),
    ("input", 422, "金额：须为正数"),
    ("stale", 409, "记录已被他人修改"),
])
def test_a_refused_command_shows_the_page_again_saying_why(tenant, login_as, outcome, status, says):
    client = login_as("secretary", tenant)
    response = client.post(f"/t/{tenant}/cmdprobe/{outcome}", data={"csrf_token": client.csrf()})
    assert response.status_code == status and says in response.get_data(as_text=True)


def test_a_done_command_goes_on_with_its_message_and_a_missing_record_is_404(tenant, login_as):
    client = login_as("secretary", tenant)
    response = client.post(f"/t/{tenant}/cmdprobe/done", data={"csrf_token": client.csrf()})
    assert response.status_code == 302 and response.headers["Location"].endswith("/done-here")
    with client.session_transaction() as session:
        assert ("success", "已保存") in session["_flashes"]
    assert client.post(f"/t/{tenant}/cmdprobe/missing", data={"csrf_token": client.csrf()}).status_code == 404


def test_a_form_is_read_through_its_schema_as_the_api_reads_json(app):
    from marshmallow import Schema, fields  # noqa: PLC0415
    from core.fields import Money  # noqa: PLC0415
    from core.forms import form_input  # noqa: PLC0415

    class Paying(Schema):
        amount = Money(required=True)
        months = fields.List(fields.String(), load_default=list)
        note = fields.String(load_default="无")
        year = fields.Integer()

    form = {"csrf_token": "x", "_form": "pay", "amount": "12.50", "months": ["2026-01", "2026-02"], "note": ""}
    with app.test_request_context("/", method="POST", data=form):
        assert form_input(Paying(), year=2026) == {"amount": Decimal("12.50"), "months": ["2026-01", "2026-02"],
                                                   "note": "", "year": 2026}
        assert form_input(Paying(), drop_empty=True)["note"] == "无"
    with app.test_request_context("/", method="POST", data={"amount": "1.234"}):
        with pytest.raises(ValidationError) as refused:
            form_input(Paying())
        assert "amount" in refused.value.messages
