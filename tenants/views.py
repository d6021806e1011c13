"""The district's school administration: create schools, enable and configure plugins."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from core.commands import page_command
from core.errors import N_, ConflictError, DomainError, NotFoundError
from core.forms import form_input, form_text, labels_of, posted
from core.kernel import kernel
from core.messages import message_of, validation_message
from core.permissions import requires
from core.tenancy import queries
from tenants import services
from tenants.domain import SettingsError
from tenants.forms import SchoolForm, settings_fields, settings_from_form

bp = Blueprint("tenants", __name__, template_folder="templates", url_prefix="/district/schools")


@bp.route("/", methods=["GET", "POST"])
@requires("district.admin")
def schools():
    k = kernel()

    def render(status: int = 200):
        with k.reading() as conn:
            rows = queries.list_schools(conn)
        return render_template("tenants/schools.html", schools=rows, form=request.form), status

    def create_school() -> str:
        data = form_input(SchoolForm(), drop_empty=True)
        school = services.create_school(k, data["slug"], data["name"], plugins=k.registry.optional(),
                                        records_from=data["records_from"])
        flash(gettext("学校 %(name)s 已创建，所有可选模块默认启用。", name=data['name']), "success")
        return url_for("tenants.school", slug=school.slug)

    if posted("school"):
        return page_command(create_school, render, labels=labels_of(SchoolForm()))
    return render(422 if request.method == "POST" else 200)


def _settings_errors(plugin: str, errors: dict) -> dict:
    """A plugin's refused settings, field by field, in the page's language (choices in words)."""
    info = kernel().registry.infos.get(plugin)
    fields = info.settings_schema().fields if info and info.settings_schema else {}
    return {name: [validation_message(m, fields[name].metadata.get("choices") if name in fields else None)
                   for m in (messages if isinstance(messages, list) else [messages])]
            for name, messages in errors.items()}


def _form_date(name: str) -> date:
    try:
        return date.fromisoformat(request.form.get(name, "").strip())
    except ValueError:
        raise DomainError(N_("请填写正确的日期（YYYY-MM-DD）"), field=name) from None


@bp.route("/<slug>", methods=["GET", "POST"])
@requires("district.admin")
def school(slug: str):
    k = kernel()
    with k.reading() as conn:
        row = queries.get_school(conn, slug)
    if row is None:
        abort(404)
    status = 200
    typed: dict = {}   # the plugin whose settings were refused → what was typed and why refused
    if request.method == "POST":
        action, plugin = request.form.get("action"), request.form.get("plugin", "")
        version = request.form.get("version", type=int)
        try:
            if action == "enable":
                services.enable_plugin(k, slug, plugin, expected_version=version)
                flash(gettext("模块已启用。"), "success")
            elif action == "disable":
                services.disable_plugin(k, slug, plugin, expected_version=version)
                flash(gettext("模块已停用：其页面与接口对本校不再可用，已有记录保留。"), "success")
            elif action == "configure":
                info = k.registry.infos.get(plugin)
                schema = info.settings_schema if info else None
                services.configure_plugin(k, slug, plugin, settings_from_form(schema, request.form),
                                          expected_version=version)
                flash(gettext("设置已保存。"), "success")
            elif action == "rename":
                services.rename_school(k, slug, form_text("name", label="学校名称", single_line=True, max_length=200),
                                       expected_version=version)
                flash(gettext("学校名称已修改。"), "success")
            elif action == "records_from":
                services.change_records_start(
                    k, slug, _form_date("records_from"),
                    form_text("reason", label="修改原因", single_line=True, max_length=500),
                    expected_version=version)
                flash(gettext("记录起始日期已修改，原因已记入区级日志。"), "success")
            else:
                abort(400)
            return redirect(url_for("tenants.school", slug=slug))
        except SettingsError as exc:
            count = sum(len(m) if isinstance(m, list) else 1 for m in exc.errors.values())
            flash(gettext("设置未保存：有 %(count)s 处需要修改，见各项下方的说明。", count=count), "danger")
            typed[plugin] = {"values": {key[2:]: value for key, value in request.form.items()
                                        if key.startswith("s_")},
                             "errors": _settings_errors(plugin, exc.errors)}
            status = 422
        except ConflictError as exc:
            flash(message_of(exc), "danger")
            status = 409
        except (DomainError, NotFoundError) as exc:
            flash(message_of(exc), "danger")
            status = 422
        with k.reading() as conn:
            row = queries.get_school(conn, slug)
    with k.reading() as conn:
        plugin_rows = queries.list_plugin_rows(conn, slug)
    plugins = [{"info": info, "row": plugin_rows.get(name),
                "fields": settings_fields(info.settings_schema), "typed": typed.get(name)}
               for name, info in k.registry.infos.items()
               if not info.always_on or info.settings_schema is not None]
    return render_template("tenants/school.html", school=row, plugins=plugins), status
