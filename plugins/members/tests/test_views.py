"""Pages and API of the registry through the Flask client: permissions, bad input, isolation."""
import io
import re
import uuid
from datetime import date

import pytest
from openpyxl import load_workbook

from core import context
from core.app import create_app
from core.hookspecs import hookimpl
from core.plugins import RosterSection
from plugins.members import queries, services
from plugins.members.tests.conftest import id_number, person, workbook_bytes

PAGES = ["/", "/new", "/organisation", "/transfers", "/rosters", "/rosters/annual", "/rosters/new-members",
         "/as-of", "/as-of?at=2030-01-01T10:00", "/statistics", "/statistics?year=2025", "/import"]


def members_url(tenant, path="/"):
    return f"/t/{tenant}/members{path}"


def api_url(tenant, path=""):
    return f"/api/v1/t/{tenant}/members{path}"


def xlsx_rows(response, sheet=0):
    wb = load_workbook(io.BytesIO(response.data))
    return [list(r) for r in wb.worksheets[sheet].iter_rows(values_only=True)]


@pytest.fixture
def roll(k, tenant, actor):
    """Two members at school A, one at school B."""
    a = services.register_member(k, tenant, person("王芳", seq=1, phone="13812345678", party_group="第一党小组"),
                                 status="full")
    b = services.register_member(k, tenant, person("李强", seq=2, gender="male", joined_on=date(2026, 3, 1), converted_on=None),
                                 status="probationary")
    return a, b


@pytest.fixture
def stranger(k, other_tenant, actor):
    return services.register_member(k, other_tenant, person("别校党员", seq=9), status="full")


# -- pages ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", PAGES)
def test_every_page_opens_for_the_secretary(login_as, tenant, roll, path):
    response = login_as("secretary", tenant).get(members_url(tenant, path))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]


def test_the_member_page_shows_history_with_before_and_after(k, login_as, tenant, roll, actor):
    a, _ = roll
    services.correct_member(k, tenant, a.id, {"job_post": "教务处主任"})
    html = login_as("viewer", tenant).get(members_url(tenant, f"/{a.id}")).get_data(as_text=True)
    assert "工作岗位：— → 教务处主任" in html or "工作岗位：" in html and "教务处主任" in html
    assert "110105********" in html and "11010519800506" not in html


def test_the_history_shows_a_choice_in_words_not_its_stored_code(k, login_as, tenant, roll, actor):
    _, b = roll
    services.correct_member(k, tenant, b.id, {"gender": "female", "category": "staff"})
    client = login_as("viewer", tenant)
    html = client.get(members_url(tenant, f"/{b.id}")).get_data(as_text=True)
    assert "性别：男 → 女" in html and "人员类别：教师 → 职工" in html
    assert "male" not in html and "teacher" not in html
    client.get("/lang/en")
    html = client.get(members_url(tenant, f"/{b.id}")).get_data(as_text=True)
    assert "Male → Female" in html and "Teacher → Staff" in html


def test_a_plain_member_sees_masked_values_and_cannot_reveal_them(login_as, tenant, roll):
    a, _ = roll
    client = login_as("member", tenant)
    html = client.get(members_url(tenant)).get_data(as_text=True)
    assert "138****5678" in html and "13812345678" not in html
    response = client.post(members_url(tenant, f"/{a.id}"), data={"action": "reveal", "csrf_token": client.csrf()})
    assert response.status_code == 403
    assert client.get(members_url(tenant, f"/{a.id}/edit")).status_code == 403


def test_revealing_full_values_is_recorded(k, login_as, tenant, roll):
    a, _ = roll
    client = login_as("org", tenant)
    html = client.post(members_url(tenant, f"/{a.id}"),
                       data={"action": "reveal", "csrf_token": client.csrf()}).get_data(as_text=True)
    assert a.fields["id_number"] in html and "13812345678" in html
    reads = queries.personal_reads_of(k, tenant, a.id)
    assert [(r.actor, r.purpose) for r in reads] == [(client.username, "查看党员详情")]
    client.get(members_url(tenant, f"/{a.id}/edit"))
    assert len(queries.personal_reads_of(k, tenant, a.id)) == 2


def test_registering_with_a_bad_id_number_answers_422_with_the_sentence(login_as, tenant):
    client = login_as("secretary", tenant)
    response = client.post(members_url(tenant, "/new"), data={
        "csrf_token": client.csrf(), "name": "赵六", "gender": "male", "id_number": "110105198005060011",
        "joined_on": "2010-01-01", "converted_on": "2011-01-01", "status": "full"})
    assert response.status_code == 422
    assert "身份证号校验位不正确" in response.get_data(as_text=True)


def test_the_organisation_page_records_an_election_and_a_group(k, login_as, tenant, roll):
    a, _ = roll
    client = login_as("secretary", tenant)
    response = client.post(members_url(tenant, "/organisation/elect"), data={
        "csrf_token": client.csrf(), "term_start": "2024-09-01", "expected_version": "0",
        "seat_member": [str(a.id), ""], "seat_post": ["secretary", "other"]})
    assert response.status_code == 302
    client.post(members_url(tenant, "/organisation/groups"), data={
        "csrf_token": client.csrf(), "name": "第一党小组", "leader_id": str(a.id), "expected_version": "2"})
    html = client.get(members_url(tenant, "/organisation")).get_data(as_text=True)
    assert "2027-08-31" in html and "王芳" in html
    assert [g.leader_name for g in queries.list_groups(k, tenant)] == ["王芳"]


def test_the_home_page_shows_the_roll_widget_and_the_term_warning(k, login_as, tenant, roll, actor, clock):
    a, _ = roll
    services.elect_committee(k, tenant, date(2024, 1, 1), [{"member_id": a.id, "post": "secretary"}])
    html = login_as("secretary", tenant).get(f"/t/{tenant}/").get_data(as_text=True)
    assert "党员队伍" in html
    assert "支部委员会任期将于 2026-12-31 届满" in html


def test_the_import_page_previews_errors_and_imports_only_a_clean_file(k, login_as, tenant):
    client = login_as("org", tenant)
    bad = workbook_bytes([["甲", "男", "汉族", None, "110105198005060011", "", "", "", "", "", "", "",
                           "2010-01-01", "2011-01-01"]])
    html = client.post(members_url(tenant, "/import"), content_type="multipart/form-data",
                       data={"csrf_token": client.csrf(), "file": (io.BytesIO(bad), "坏.xlsx")}).get_data(as_text=True)
    assert "身份证号校验位不正确" in html and 'value="confirm"' not in html
    good = workbook_bytes([["甲", "男", "汉族", None, id_number(date(1980, 1, 1), 3), "", "", "", "", "", "", "",
                            "2010-01-01", "2011-01-01"]])
    html = client.post(members_url(tenant, "/import"), content_type="multipart/form-data",
                       data={"csrf_token": client.csrf(), "file": (io.BytesIO(good), "好.xlsx")}).get_data(as_text=True)
    sha = re.search(r'name="sha256" value="([0-9a-f]+)"', html).group(1)
    assert queries.list_members(k, tenant) == []
    response = client.post(members_url(tenant, "/import"), data={
        "csrf_token": client.csrf(), "action": "confirm", "sha256": sha, "filename": "好.xlsx"})
    assert response.status_code == 302
    assert [m.name for m in queries.list_members(k, tenant)] == ["甲"]
    assert queries.list_imports(k, tenant)[0].filename == "好.xlsx"


# -- exports -----------------------------------------------------------------------------------
def test_the_annual_roster_opens_in_excel_with_masked_values(login_as, tenant, roll):
    response = login_as("publicity", tenant).get(members_url(tenant, "/rosters/annual?format=xlsx&full=1"))
    rows = xlsx_rows(response)
    assert rows[0][:3] == ["序号", "姓名", "性别"]
    assert [r[1] for r in rows[1:]] == ["李强", "王芳"]
    assert rows[2][5] == "110105********" + roll[0].fields["id_number"][-4:]


def test_a_full_export_is_recorded_for_every_member_it_carries(k, login_as, tenant, roll):
    client = login_as("secretary", tenant)
    rows = xlsx_rows(client.get(members_url(tenant, "/rosters/annual?format=xlsx&full=1")))
    assert rows[2][5] == roll[0].fields["id_number"]
    for member in roll:
        assert [r.purpose for r in queries.personal_reads_of(k, tenant, member.id)] == ["党员花名册（Excel）"]


def test_the_new_members_roster_lists_only_that_years_admissions(login_as, tenant, roll):
    rows = xlsx_rows(login_as("secretary", tenant).get(members_url(tenant, "/rosters/new-members?year=2026&format=xlsx")))
    assert [r[1] for r in rows[1:]] == ["李强"]


def test_statistics_open_in_excel_one_sheet_per_breakdown(login_as, tenant, roll):
    response = login_as("viewer", tenant).get(members_url(tenant, "/statistics?year=2026&format=xlsx"))
    wb = load_workbook(io.BytesIO(response.data))
    assert wb.sheetnames[:4] == ["总体", "性别", "民族", "学历"]
    assert list(wb["总体"].iter_rows(values_only=True))[1] == ("在册党员", 2)
    assert dict(list(wb["性别"].iter_rows(values_only=True))[1:]) == {"女": 1, "男": 1}


class SectionPlugin:
    @hookimpl
    def zhibu_roster_sections(self, tenant, as_of):
        return [RosterSection(key="development.activists", title="入党积极分子", columns=["姓名", "确定日期"],
                              rows=[["周七", "2026-03-01"]])]


def test_sections_from_other_plugins_join_the_roster(tmp_path, database):
    url, schema = database
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i2"), "DATABASE_URL": url, "DATABASE_SCHEMA": schema,
                      "SECRET_KEY": "x", "TESTING": True, "SESSION_COOKIE_SECURE": False,
                      "REMEMBER_COOKIE_SECURE": False}, extra_plugins=(SectionPlugin(),))
    k = app.extensions["zhibu"]
    k.init_storage()
    try:
        from core.auth import services as accounts
        from core.testing import login
        from tenants import services as tenants
        with app.app_context(), context.acting(context.system("t")):
            tenants.create_school(k, "sec-a", "甲校", plugins=[])
            accounts.create_user(k, "s1", "书记", "test-password-1")
            accounts.grant_role(k, "s1", "secretary", "sec-a")
        client = app.test_client()
        login(client, "s1")
        wb = load_workbook(io.BytesIO(client.get("/t/sec-a/members/rosters/annual?format=xlsx").data))
        assert wb.sheetnames == ["党员花名册", "入党积极分子"]
        assert list(wb["入党积极分子"].iter_rows(values_only=True)) == [("姓名", "确定日期"), ("周七", "2026-03-01")]
        assert "周七" in client.get("/t/sec-a/members/rosters/annual").get_data(as_text=True)
    finally:
        k.close()


# -- API ---------------------------------------------------------------------------------------
def test_the_api_lists_with_filters_and_pagination(api_as, tenant, roll):
    api = api_as("viewer", tenant)
    body = api.get(api_url(tenant, "/members?per_page=1&page=2")).json
    assert body["meta"] == {"page": 2, "per_page": 1, "total": 2, "pages": 2}
    assert [m["name"] for m in body["items"]] == ["王芳"]
    assert [m["name"] for m in api.get(api_url(tenant, "/members?gender=male")).json["items"]] == ["李强"]
    assert [m["name"] for m in api.get(api_url(tenant, "/members?joined_from=2026-01-01")).json["items"]] == ["李强"]
    assert api.get(api_url(tenant, "/members?joined_from=notadate")).status_code == 422


def test_the_api_creates_and_refuses_bad_input_with_field_messages(api_as, tenant):
    api = api_as("secretary", tenant)
    good = {"name": "赵六", "gender": "male", "id_number": id_number(date(1985, 5, 5), 7),
            "joined_on": "2010-01-01", "converted_on": "2011-01-01"}
    created = api.post(api_url(tenant, "/members"), json=good)
    assert created.status_code == 201 and created.json["id_number"].count("*") == 8
    bad = api.post(api_url(tenant, "/members"), json={**good, "id_number": "110105198005060011"})
    assert bad.status_code == 422 and bad.json["errors"]["json"]["id_number"] == ["身份证号校验位不正确"]
    duplicate = api.post(api_url(tenant, "/members"), json=good)
    assert duplicate.status_code == 422 and "id_number" in duplicate.json["errors"]["json"]


def test_the_api_answers_409_on_a_stale_version_and_422_on_a_refused_transition(api_as, tenant, roll):
    a, _ = roll
    api = api_as("org", tenant)
    ok = api.patch(api_url(tenant, f"/members/{a.id}"), json={"title": "中学高级教师", "expected_version": 1,
                                                               "reason": "职称评定"})
    assert ok.status_code == 200 and ok.json["version"] == 2
    stale = api.patch(api_url(tenant, f"/members/{a.id}"), json={"title": "正高级教师", "expected_version": 1,
                                                                  "reason": "职称评定"})
    assert stale.status_code == 409
    refused = api.post(api_url(tenant, f"/members/{a.id}/status"), json={
        "status": "probationary", "effective_on": "2026-01-01", "reason": "误", "expected_version": 2})
    assert refused.status_code == 422
    assert refused.json["errors"]["json"]["status"] == ["不能从「正式党员」直接变为「预备党员」"]


def test_the_api_reveals_full_values_only_to_allowed_roles_and_records_it(k, api_as, tenant, roll):
    a, _ = roll
    assert api_as("member", tenant).get(api_url(tenant, f"/members/{a.id}?reveal=true")).status_code == 403
    body = api_as("secretary", tenant).get(api_url(tenant, f"/members/{a.id}?reveal=true")).json
    assert body["id_number"] == a.fields["id_number"]
    assert [r.purpose for r in queries.personal_reads_of(k, tenant, a.id)] == ["API 查看"]


def test_the_api_transfers_and_lists_overdue_letters(api_as, tenant, roll, clock):
    a, _ = roll
    api = api_as("org", tenant)
    too_long = api.post(api_url(tenant, f"/members/{a.id}/transfer-out"), json={
        "letter_no": "L1", "other_org": "区教育局党委", "issued_on": "2026-07-01", "valid_until": "2026-12-01",
        "expected_version": 1})
    assert too_long.status_code == 422 and "valid_until" in too_long.json["errors"]["json"]
    out = api.post(api_url(tenant, f"/members/{a.id}/transfer-out"), json={
        "letter_no": "L1", "other_org": "区教育局党委", "issued_on": "2026-07-01", "dues_paid_to": "2026-06",
        "expected_version": 1})
    assert out.status_code == 201 and out.json["valid_until"] == "2026-10-01" and out.json["overdue"] is True
    receipt = api.post(api_url(tenant, f"/transfers/{out.json['id']}/receipt"), json={"on": "2026-07-10",
                                                                                     "expected_version": 1})
    assert receipt.json["overdue"] is False
    arrived = api.post(api_url(tenant, "/transfers/in"), json={
        "letter_no": "L9", "other_org": "外校党支部", "issued_on": "2026-11-01",
        "member": {"name": "新来", "gender": "female", "id_number": id_number(date(1990, 1, 1), 40),
                   "joined_on": "2015-01-01", "converted_on": "2016-01-01"}})
    assert arrived.status_code == 201
    assert sorted(t["direction"] for t in api.get(api_url(tenant, "/transfers")).json) == ["in", "out"]


def test_the_api_records_a_committee_and_answers_for_a_date(api_as, tenant, roll):
    a, _ = roll
    api = api_as("secretary", tenant)
    created = api.post(api_url(tenant, "/committee"), json={
        "term_start": "2024-09-01", "seats": [{"member_id": str(a.id), "post": "secretary"}]})
    assert created.status_code == 201 and created.json["term_end"] == "2027-08-31"
    assert api.get(api_url(tenant, "/committee?on=2024-08-31")).json["seats"] == []
    assert [s["name"] for s in api.get(api_url(tenant, "/committee?on=2025-01-01")).json["seats"]] == ["王芳"]
    no_secretary = api.post(api_url(tenant, "/committee"), json={
        "term_start": "2027-09-01", "seats": [{"member_id": str(a.id), "post": "deputy"}]})
    assert no_secretary.status_code == 422


def test_the_api_gives_statistics_and_the_roll_as_of_a_moment(api_as, tenant, roll):
    api = api_as("viewer", tenant)
    stats = api.get(api_url(tenant, "/statistics?year=2026")).json
    assert stats["total"] == 2 and stats["by_gender"] == {"女": 1, "男": 1}
    assert api.get(api_url(tenant, "/roster?at=2000-01-01T00:00:00")).json["items"] == []
    assert len(api.get(api_url(tenant, "/roster?at=2100-01-01T00:00:00")).json["items"]) == 2


def test_the_api_import_is_all_or_nothing(k, api_as, tenant):
    api = api_as("org", tenant)
    rows = [["甲", "男", "汉族", None, id_number(date(1980, 1, 1), 1), "", "", "", "", "", "", "", "2010-01-01", "2011-01-01"],
            ["乙", "男", "汉族", None, id_number(date(1980, 1, 1), 1), "", "", "", "", "", "", "", "2010-01-01", "2011-01-01"]]
    refused = api.post(api_url(tenant, "/import"), content_type="multipart/form-data",
                       data={"file": (io.BytesIO(workbook_bytes(rows)), "x.xlsx")})
    assert refused.status_code == 422 and refused.json["code"] == 422
    assert refused.json["errors"] == {"rows": {"3": ["身份证号与第 2 行重复"]}}
    assert queries.list_members(k, tenant) == []
    done = api.post(api_url(tenant, "/import"), content_type="multipart/form-data",
                    data={"file": (io.BytesIO(workbook_bytes(rows[:1])), "x.xlsx")})
    assert done.status_code == 200 and done.json["imported"] is True
    assert [m.name for m in queries.list_members(k, tenant)] == ["甲"]


def test_the_openapi_document_lists_the_registry(app):
    paths = app.test_client().get("/api/openapi.json").json["paths"]
    for path in ("/members", "/members/{member_id}", "/members/{member_id}/transfer-out", "/transfers/in",
                 "/committee", "/statistics", "/import", "/roster"):
        assert f"/api/v1/t/{{tenant}}/members{path}" in paths


# -- tenancy -----------------------------------------------------------------------------------
def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("members", "members_api"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def _fill(rule, tenant, ids):
    url = rule.rule.replace("<tenant>", tenant)
    for arg in rule.arguments - {"tenant"}:
        url = re.sub(rf"<[^>]*{arg}>", str(ids.get(arg, uuid.uuid4())), url)
    return url


def test_a_user_of_another_school_is_refused_on_every_route(app, login_as, api_as, tenant, other_tenant, roll):
    page, token = login_as("secretary", other_tenant), api_as("secretary", other_tenant)
    checked = 0
    for rule, method in _routes(app):
        url = _fill(rule, tenant, {"member_id": roll[0].id})
        client = token if rule.endpoint.startswith("members_api") else page
        kwargs = {} if method == "GET" else ({"json": {}} if client is token else {"data": {"csrf_token": page.csrf()}})
        response = getattr(client, method.lower())(url, **kwargs)
        assert response.status_code in (401, 403, 404), (method, url, response.status_code)
        checked += 1
    assert checked >= 30


def test_another_schools_member_is_not_found_under_this_school(login_as, api_as, tenant, roll, stranger):
    page, api = login_as("secretary", tenant), api_as("secretary", tenant)
    assert page.get(members_url(tenant, f"/{stranger.id}")).status_code == 404
    assert page.get(members_url(tenant, f"/{stranger.id}/edit")).status_code == 404
    assert api.get(api_url(tenant, f"/members/{stranger.id}")).status_code == 404
    assert api.get(api_url(tenant, f"/members/{stranger.id}/history")).status_code == 404
    assert api.patch(api_url(tenant, f"/members/{stranger.id}"),
                     json={"name": "x", "expected_version": 1, "reason": "x"}).status_code == 404
    for path in ("/status", "/sanctions", "/transfer-out"):
        assert api.post(api_url(tenant, f"/members/{stranger.id}{path}"), json={}).status_code in (404, 422)
    assert api.post(api_url(tenant, f"/members/{stranger.id}/transfer-out"), json={
        "letter_no": "L", "other_org": "O", "issued_on": "2026-01-01", "expected_version": 1}).status_code == 404
    names = [m["name"] for m in api.get(api_url(tenant, "/members")).json["items"]]
    assert "别校党员" not in names


def test_the_registry_is_always_on_even_for_a_school_without_optional_plugins(make_tenant, login_as, api_as):
    bare = make_tenant(plugins=[])
    assert login_as("secretary", bare).get(members_url(bare)).status_code == 200
    assert api_as("secretary", bare).get(api_url(bare, "/members")).status_code == 200


def test_readers_cannot_write(login_as, api_as, tenant, roll):
    a, _ = roll
    api = api_as("viewer", tenant)
    assert api.post(api_url(tenant, "/members"), json={"name": "x"}).status_code == 403
    assert api.post(api_url(tenant, "/committee"), json={}).status_code == 403
    client = login_as("publicity", tenant)
    assert client.get(members_url(tenant, "/import")).status_code == 403
    assert client.post(members_url(tenant, "/organisation/elect"), data={"csrf_token": client.csrf()}).status_code == 403
