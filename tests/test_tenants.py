"""The district administers schools: creation, plugin toggles and settings validated by the plugin."""
import pytest

from core.errors import ConflictError, DomainError
from core.tenancy import queries
from tenants import services
from tests import sample_plugin


@pytest.fixture
def extra_plugins():
    return (sample_plugin,)


def settings(k, slug):
    with k.engine.connect() as conn:
        return queries.get_settings(conn, slug, "sample")


def test_a_new_school_gets_its_own_log_and_every_optional_plugin(k, actor):
    services.create_school(k, "no3", "第三中学", plugins=k.registry.optional())
    assert "no3" in k.tenant_slugs()
    assert k.enabled_plugins("no3") >= {"members", "sample"}
    assert settings(k, "no3") == {"months": 6}  # the schema's defaults


@pytest.mark.parametrize("slug", ["", "a_1", "1abc", "has space", "district", "x"])
def test_bad_school_codes_are_refused_with_a_sentence(k, actor, slug):
    with pytest.raises(DomainError) as refused:
        services.create_school(k, slug, "某校")
    assert refused.value.field == "slug" and refused.value.message


def test_a_school_code_is_used_once(k, actor):
    services.create_school(k, "no4", "第四中学")
    with pytest.raises(DomainError, match="已被使用"):
        services.create_school(k, "no4", "另一所")


def test_plugin_settings_are_validated_by_the_plugins_own_schema(k, actor, make_tenant):
    slug = make_tenant()
    with pytest.raises(DomainError, match="months"):
        services.configure_plugin(k, slug, "sample", {"months": 99})
    assert settings(k, slug) == {"months": 6}
    services.configure_plugin(k, slug, "sample", {"months": "3"})
    assert settings(k, slug) == {"months": 3}


def test_settings_page_refuses_bad_values_with_a_message(k, make_tenant, login_as):
    slug = make_tenant()
    admin = login_as("district_admin")
    with k.engine.connect() as conn:
        version = queries.get_school(conn, slug).version
    r = admin.post(f"/district/schools/{slug}", data={"action": "configure", "plugin": "sample",
                                                      "s_months": "0", "version": version,
                                                      "csrf_token": admin.csrf()})
    assert r.status_code == 422 and "months" in r.get_data(as_text=True)
    stale = admin.post(f"/district/schools/{slug}", data={"action": "disable", "plugin": "sample",
                                                          "version": version - 1, "csrf_token": admin.csrf()})
    assert stale.status_code == 409
    assert "sample" in k.enabled_plugins(slug)


def test_disabling_twice_is_refused(k, actor, make_tenant):
    slug = make_tenant()
    services.disable_plugin(k, slug, "sample")
    with pytest.raises(DomainError, match="未启用"):
        services.disable_plugin(k, slug, "sample")
    with pytest.raises(ConflictError):
        services.enable_plugin(k, slug, "sample", expected_version=1)


def test_an_always_on_plugin_is_configured_but_never_disabled(k, actor, make_tenant):
    slug = make_tenant()
    with pytest.raises(DomainError):
        services.disable_plugin(k, slug, "members")
    schema = k.registry.infos["members"].settings_schema
    services.configure_plugin(k, slug, "members", {})
    with k.engine.connect() as conn:
        assert queries.get_settings(conn, slug, "members") == schema().load({})
    assert "members" in k.enabled_plugins(slug)


def test_renaming_a_school_on_its_page_refuses_control_characters_and_stores_nothing(k, login_as, tenant):
    admin = login_as("district_admin")
    before = k.stores.log("district").recorder.max_notification_id()
    version = k.get("district", services.school_id(tenant)).version
    r = admin.post(f"/district/schools/{tenant}", data={
        "csrf_token": admin.csrf(), "action": "rename", "name": "a\x00b", "version": str(version)})
    assert r.status_code == 422 and "控制字符" in r.get_data(as_text=True)
    assert k.stores.log("district").recorder.max_notification_id() == before


@pytest.mark.parametrize("name, sentence", [("第七\n中学", "不能换行"), ("第七\x00中学", "不能包含控制字符")])
def test_a_new_schools_name_on_one_line_without_control_characters_or_the_page_again_as_typed(
        k, login_as, name, sentence):
    admin = login_as("district_admin")
    r = admin.post("/district/schools/", data={"_form": "school", "slug": "no7", "name": name,
                                               "records_from": "2026-09-01", "csrf_token": admin.csrf()})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and f"学校名称：{sentence}" in page
    assert 'name="slug" type="text" value="no7"' in page and 'value="2026-09-01"' in page
    assert "no7" not in k.tenant_slugs()
