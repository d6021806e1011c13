"""Tenant registry commands, written to the district log."""
from __future__ import annotations

from datetime import date

from marshmallow import ValidationError

from core.errors import N_, check_version
from core.eventstore import DISTRICT
from core.ids import natural_id
from core.kernel import Kernel
from tenants.domain import School, SchoolError, SettingsError, check_slug


def school_id(slug: str):
    return natural_id("school", slug)


def create_school(k: Kernel, slug: str, name: str, plugins: list[str] | None = None,
                  records_from: date | None = None) -> School:
    """Register a school, create its log (the explicit init step), enable the given plugins.

    Its records in Zhibu start on ``records_from`` (default: today, the day it is registered)."""
    slug = (slug or "").strip().lower()
    check_slug(slug)
    if not (name or "").strip():
        raise SchoolError(N_("请填写学校名称"), field="name")
    if k.exists(DISTRICT, school_id(slug)):
        raise SchoolError(N_("学校代码 %(slug)s 已被使用"), slug=slug, field="slug")
    k.stores.create_log(slug)
    school = School(slug=slug, name=name.strip())
    for plugin in plugins or ():
        school.enable(plugin, validate_settings(k, plugin, {}))
    school.start_records(records_from or k.today(), "创建学校时设定", k.today())
    k.save(DISTRICT, school)
    return school


def _load(k: Kernel, slug: str, expected_version: int | None = None) -> School:
    school = k.get(DISTRICT, school_id(slug), School)
    check_version(school, expected_version)
    return school


def validate_settings(k: Kernel, plugin: str, settings: dict, *, configuring: bool = False) -> dict:
    """Validate a plugin's settings with the plugin's own schema; defaults filled in.

    Always-on plugins cannot be enabled or disabled, but their settings can be configured.
    """
    info = k.registry.infos.get(plugin)
    if info is None or (info.always_on and not configuring):
        raise SchoolError(N_("没有可选模块 %(plugin)s"), plugin=plugin, field="plugin")
    if info.settings_schema is None:
        return {}
    try:
        return info.settings_schema().load(settings or {})
    except ValidationError as exc:
        errors = exc.messages if isinstance(exc.messages, dict) else {"_schema": exc.messages}
        raise SettingsError(_messages(exc.messages), errors) from exc


def _messages(messages) -> str:
    if isinstance(messages, dict):
        return "；".join(f"{k}: {_messages(v)}" for k, v in messages.items())
    if isinstance(messages, list):
        return "，".join(_messages(m) for m in messages)
    return str(messages)


def enable_plugin(k: Kernel, slug: str, plugin: str, settings: dict | None = None,
                  expected_version: int | None = None) -> School:
    school = _load(k, slug, expected_version)
    school.enable(plugin, validate_settings(k, plugin, settings or {}))
    k.save(DISTRICT, school)
    return school


def disable_plugin(k: Kernel, slug: str, plugin: str, expected_version: int | None = None) -> School:
    school = _load(k, slug, expected_version)
    school.disable(plugin)
    k.save(DISTRICT, school)
    return school


def configure_plugin(k: Kernel, slug: str, plugin: str, settings: dict,
                     expected_version: int | None = None) -> School:
    school = _load(k, slug, expected_version)
    info = k.registry.infos.get(plugin)
    school.configure(plugin, validate_settings(k, plugin, settings, configuring=True),
                     always_on=bool(info and info.always_on))
    k.save(DISTRICT, school)
    return school


def rename_school(k: Kernel, slug: str, name: str, expected_version: int | None = None) -> School:
    if not (name or "").strip():
        raise SchoolError(N_("请填写学校名称"), field="name")
    school = _load(k, slug, expected_version)
    school.rename(name.strip())
    k.save(DISTRICT, school)
    return school


def change_records_start(k: Kernel, slug: str, records_from: date, reason: str,
                         expected_version: int | None = None) -> School:
    """Move the day from which the school's records are kept in Zhibu (district administrator)."""
    school = _load(k, slug, expected_version)
    school.start_records(records_from, reason, k.today())
    k.save(DISTRICT, school)
    return school
