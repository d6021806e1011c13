"""The member-away record shows what the member paid and studied where they are (流入地): the dues
entries and study sessions recorded by the home branch, with links to record more; only what the
viewer may open, nothing of another school."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from plugins.care import services
from plugins.dues import services as dues
from plugins.study import services as study


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def test_the_away_record_shows_dues_and_study_taken_elsewhere(k, tenant, other_tenant, member, login_as, catch_up):
    zhang = member(tenant, "张老师")
    record = services.register_away(k, tenant, zhang.id, "mobile", "深圳", date(2026, 1, 1), "微信")
    dues.record_base(k, tenant, zhang.id, 2026, 1, "employed", Decimal("4000"))
    dues.record_paid_elsewhere(k, tenant, zhang.id, [date(2026, 3, 1), date(2026, 4, 1)], "深圳某校党支部", "80",
                               "SZ-018", paid_on=date(2026, 5, 1))
    study.record_elsewhere(k, tenant, {"member_id": zhang.id, "title": "流入地主题党日", "organiser": "深圳某校党支部",
                                       "held_on": date(2026, 6, 1), "hours": 4, "category": "theme_day"})
    catch_up()
    secretary = login_as("secretary", tenant)
    html = page(secretary, f"/t/{tenant}/care/away/{record.id}")
    assert "在外地交纳党费 外1：2026-03、2026-04，¥80.00，深圳某校党支部，凭证 SZ-018" in html
    assert "在流入地参加学习：2026-06-01 流入地主题党日（深圳某校党支部），4 学时" in html
    assert f"/t/{tenant}/dues/members/{zhang.id}" in html and f"/t/{tenant}/study/elsewhere" in html
    dues_page = page(secretary, f"/t/{tenant}/dues/members/{zhang.id}?year=2026")
    assert "SZ-018" in dues_page and "在外地交纳 外1" in dues_page
    other = login_as("secretary", other_tenant)
    page(other, f"/t/{other_tenant}/care/away/{record.id}", 404)


def test_the_secretary_records_dues_paid_elsewhere_on_the_members_dues_page(k, tenant, member, login_as, catch_up):
    zhang = member(tenant, "张老师")
    dues.record_base(k, tenant, zhang.id, 2026, 1, "employed", Decimal("4000"))
    catch_up()
    secretary = login_as("secretary", tenant)
    url = f"/t/{tenant}/dues/members/{zhang.id}/elsewhere"
    form = {"csrf_token": secretary.csrf(), "_form": "elsewhere", "months": ["2026-03", "2026-04"],
            "organisation": "", "amount": "80", "proof_no": "SZ-1", "paid_on": "2026-05-01", "expected_version": "2"}
    r = secretary.post(url, data=form)
    assert r.status_code == 422 and "收取党组织" in r.get_data(as_text=True)
    r = secretary.post(url, data={**form, "organisation": "深圳某校党支部", "expected_version": "1"})
    assert r.status_code == 409
    r = secretary.post(url, data={**form, "organisation": "深圳某校党支部",
                                  "proof_file": (BytesIO(b"not a pdf"), "收据.pdf")}, content_type="multipart/form-data")
    assert r.status_code == 422 and "文件内容与扩展名" in r.get_data(as_text=True)
    r = secretary.post(url, data={**form, "organisation": "深圳某校党支部",
                                  "proof_file": (BytesIO(b"%PDF-1.4 receipt"), "收据.pdf")},
                       content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    html = page(secretary, f"/t/{tenant}/dues/members/{zhang.id}?year=2026")
    assert "收据.pdf" in html
    proof = secretary.get(f"/t/{tenant}/dues/members/{zhang.id}/elsewhere/外1/proof")
    assert proof.status_code == 200 and proof.data == b"%PDF-1.4 receipt"
    deputy = login_as("deputy", tenant)
    assert deputy.post(url, data={**form, "csrf_token": deputy.csrf(), "months": ["2026-05"],
                                  "organisation": "x", "expected_version": "3"}).status_code == 403
