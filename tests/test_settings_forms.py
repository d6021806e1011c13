"""A school's module settings are edited with the control each setting needs and checked across
fields: every problem next to its field, nothing saved when any is wrong, what was typed kept."""
from __future__ import annotations

import re

import pytest

from core.eventstore import DISTRICT
from core.tenancy import queries
from tenants import services
from tenants.domain import School, SettingsError


def school_page(admin, slug) -> str:
    return admin.get(f"/district/schools/{slug}").get_data(as_text=True)


def configure(admin, slug, plugin, **values):
    page = school_page(admin, slug)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    return admin.post(f"/district/schools/{slug}", data={
        "csrf_token": admin.csrf(), "action": "configure", "plugin": plugin, "version": version,
        **{f"s_{name}": value for name, value in values.items()}})


def stored(k, slug, plugin) -> dict:
    with k.engine.connect() as conn:
        return queries.get_settings(conn, slug, plugin)


def test_every_plugins_default_settings_pass_its_own_checks(k):
    for name, info in k.registry.infos.items():
        if info.settings_schema is not None:
            info.settings_schema().load({})   # raises if the defaults contradict each other


def test_each_setting_is_edited_with_its_control(login_as, tenant):
    page = school_page(login_as("district_admin"), tenant)
    remit = re.search(r'<select id="s_dues_remit_period" name="s_remit_period">(.*?)</select>', page).group(1)
    assert '<option value="monthly">按月</option>' in remit and '<option value="quarterly" selected>按季</option>' in remit
    assert re.search(r'<select id="s_meetings_committee_majority_basis"[^>]*>.*?应到委员过半数', page)
    assert re.search(r'<input type="number" id="s_dues_alert_months" name="s_alert_months" value="6" step="1" '
                     r'min="1" max="12">', page)
    assert '<input type="checkbox" id="s_dues_quarterly" name="s_quarterly" >' in page
    assert '<input type="month" id="s_dues_ledger_start" name="s_ledger_start" value="2026-01">' in page
    assert '<input type="date" id="s_development_local_rules_from" name="s_local_rules_from" value="">' in page
    assert "空为自 2014 年细则起" in page   # the help text from the field's metadata


def test_a_dues_alert_before_its_warning_is_refused_next_to_the_field_nothing_saved_typed_kept(
        login_as, tenant, k):
    admin = login_as("district_admin")
    before = stored(k, tenant, "dues")
    r = configure(admin, tenant, "dues", warning_months="5", alert_months="1", prepay_limit_months="99",
                  ledger_start="2025-09", backpay_flag_months="6", higher_committee="区教育工委",
                  remit_period="monthly")
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    assert "设置未保存：有 2 处需要修改" in page
    assert ('name="s_alert_months" value="1" step="1" min="1" max="12" aria-invalid="true">\n'
            in page)
    assert "党章第九条警示应在预警之后：警示月数（1）须大于预警月数（5）</div>" in page
    assert 'id="s_dues_prepay_limit_months_error"' in page   # the other problem, at once
    assert 'name="s_warning_months" value="5"' in page and 'value="区教育工委"' in page
    assert '<option value="monthly" selected>按月</option>' in page
    assert stored(k, tenant, "dues") == before


def test_integrity_weights_must_total_one_hundred_percent(login_as, tenant, k):
    admin = login_as("district_admin")
    r = configure(admin, tenant, "integrity", weight_self="50", weight_members="60", weight_public="60")
    assert r.status_code == 422
    assert "三项评诺权重之和应为 100%，现为 170%" in r.get_data(as_text=True)
    assert stored(k, tenant, "integrity")["weight_members"] == 50
    assert configure(admin, tenant, "integrity", weight_self="10", weight_members="60",
                     weight_public="30").status_code == 302
    assert stored(k, tenant, "integrity")["weight_members"] == 60


def test_the_term_reminder_comes_within_the_term(k, tenant, actor):
    with pytest.raises(SettingsError) as refused:
        services.configure_plugin(k, tenant, "members", {"term_years": 1, "term_warning_months": 12})
    assert refused.value.errors == {"term_warning_months": ["任期届满提醒（12 个月）须短于任期（1 年）"]}


def test_the_service_reports_every_problem_at_once(k, tenant, actor):
    with pytest.raises(SettingsError) as refused:
        services.configure_plugin(k, tenant, "dues", {"warning_months": 6, "alert_months": 3,
                                                      "prepay_limit_months": 99})
    assert set(refused.value.errors) == {"alert_months", "prepay_limit_months"}


def test_settings_saved_before_the_cross_field_checks_are_read_as_saved(k, tenant, actor):
    school = k.get(DISTRICT, services.school_id(tenant), School)
    school.configure("dues", {**k.settings(tenant, "dues"), "warning_months": 5, "alert_months": 1})
    k.save(DISTRICT, school)
    k.catch_up(DISTRICT)
    settings = queries.plugin_settings(k, tenant, "dues")
    assert (settings["warning_months"], settings["alert_months"]) == (5, 1)
