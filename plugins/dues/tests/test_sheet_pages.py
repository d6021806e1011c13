"""The dues sheet in the browser (issue 18.1): a month for a whole school in a handful of requests,
bad amounts shown beside their row with nothing written and the form kept, a stale sheet refused,
the receipts printed together; the single payment page warns of earlier unpaid months (18.3)."""
import re
from datetime import date
from decimal import Decimal

import pytest

from core.demo import DEMO_PASSWORD, SCHOOLS, create_demo
from core.testing import login
from plugins.dues import queries, services
from plugins.dues.rules import sheet

D = Decimal
FIELD = re.compile(r'<input[^>]*name="(amount-[0-9a-f-]+|months-[0-9a-f-]+)"[^>]*value="([^"]*)"')


def form_of(page: str) -> dict:
    """The sheet's rows as a browser would post them: every amount as prefilled, every months field."""
    return dict(FIELD.findall(page))


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page)[1]


def test_a_month_for_the_demo_school_takes_a_handful_of_requests(app, k, clock):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    school, client = SCHOOLS[0][0], app.test_client()
    assert login(client, f"{school}-org", DEMO_PASSWORD).status_code == 302
    home = client.get(f"/t/{school}/dues/").get_data(as_text=True)                       # 1 the dues home
    assert f'href="/t/{school}/dues/sheet"' in home
    page = client.get(f"/t/{school}/dues/sheet?period=2026-11").get_data(as_text=True)   # 2 open the sheet
    owing = {m for key, _v in form_of(page).items() if key.startswith("months-") for m in [key[7:]]}
    assert len(owing) >= 5, "the demo should leave some members owing November"
    r = client.post(f"/t/{school}/dues/sheet", data={                                    # 3 select all, save
        "csrf_token": csrf_of(page), "period": "2026-11", "paid_on": "2026-11-23", "method": "cash",
        "all": "1", **form_of(page)})
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    saved = client.get(r.location).get_data(as_text=True)                                # 4 the receipts
    assert "打印全部收据" in saved
    printed = re.search(r'href="([^"]+)">打印全部收据<', saved)[1].replace("&amp;", "&")
    sheet_page = client.get(printed).get_data(as_text=True)                              # 5 print them
    assert sheet_page.count("receipt-block") == len(owing)
    k.catch_up(school)
    for row in queries.dues_sheet(k, school, sheet.parse_period("2026-11")):
        if not row.unbased:
            assert not row.payable, row.account.name
    paid = {str(e.member_id): e.receipt_no for e in queries.payments_for_period(k, school, sheet.parse_period("2026-11"))}
    assert owing <= set(paid) and all(paid[m] in sheet_page for m in owing)


@pytest.fixture
def people(k, tenant, actor, add_member):
    ids = {name: add_member(tenant, name) for name in ("甲", "乙")}
    for member in ids.values():
        services.record_base(k, tenant, member, 2026, 1, "employed", D("4000"))    # 40.00 a month
        services.record_payment(k, tenant, member, [date(2026, m, 1) for m in range(1, 10)], "cash")
    k.catch_up(tenant)
    return ids


def test_a_bad_amount_is_shown_beside_its_row_and_nothing_is_written(k, tenant, people, login_as):
    client = login_as("org", tenant)
    page = client.get(f"/t/{tenant}/dues/sheet?period=2026-11").get_data(as_text=True)
    assert "更早的月份尚未交纳：2026-10" in page
    form = form_of(page)
    form[f"amount-{people['乙']}"] = "4o"
    before = len(queries.list_entries(k, tenant))
    r = client.post(f"/t/{tenant}/dues/sheet", data={
        "csrf_token": client.csrf(), "period": "2026-11", "method": "transfer", "note": "十一月",
        "pay": [str(people["甲"]), str(people["乙"])], **form})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "金额「4o」无法识别" in page and len(queries.list_entries(k, tenant)) == before
    assert 'value="4o"' in page and page.count("checked>") + page.count("checked >") >= 2
    assert 'value="transfer" selected' in page and 'value="十一月"' in page
    form[f"amount-{people['乙']}"] = "20"
    r = client.post(f"/t/{tenant}/dues/sheet", data={"csrf_token": client.csrf(), "period": "2026-11",
                                                     "method": "cash", "pay": [str(people["乙"])], **form})
    assert r.status_code == 422 and "少于应交 ¥40.00" in r.get_data(as_text=True)
    assert len(queries.list_entries(k, tenant)) == before


def test_nothing_ticked_and_a_bad_method_are_refused(tenant, people, login_as):
    client = login_as("org", tenant)
    r = client.post(f"/t/{tenant}/dues/sheet", data={"csrf_token": client.csrf(), "period": "2026-11", "method": "cash"})
    assert r.status_code == 422 and "请勾选要登记的党员" in r.get_data(as_text=True)
    r = client.post(f"/t/{tenant}/dues/sheet", data={"csrf_token": client.csrf(), "period": "2026-11", "method": "gold",
                                                     "all": "1"})
    assert r.status_code == 422 and "交纳方式" in r.get_data(as_text=True)
    assert client.get(f"/t/{tenant}/dues/sheet?period=2026-99").status_code == 404


def test_a_stale_sheet_is_a_conflict_and_pays_nobody(k, tenant, people, login_as, actor):
    client = login_as("org", tenant)
    page = client.get(f"/t/{tenant}/dues/sheet?period=2026-10").get_data(as_text=True)
    services.record_payment(k, tenant, people["甲"], [date(2026, 10, 1)], "cash")     # meanwhile
    before = len(queries.list_entries(k, tenant))
    r = client.post(f"/t/{tenant}/dues/sheet", data={"csrf_token": client.csrf(), "period": "2026-10",
                                                     "method": "cash", "all": "1", **form_of(page)})
    assert r.status_code == 409 and "甲（2026-10）" in r.get_data(as_text=True)
    assert len(queries.list_entries(k, tenant)) == before
    assert client.get("/lang/en").status_code == 302                                # an English reader
    r = client.post(f"/t/{tenant}/dues/sheet", data={"csrf_token": client.csrf(), "period": "2026-10",
                                                     "method": "cash", "all": "1", **form_of(page)})
    assert r.status_code == 409 and "already recorded as paid by someone else: 甲（2026-10）" in r.get_data(as_text=True)


def test_a_quarter_sheet_follows_the_schools_remit_period(tenant, people, login_as, configure):
    client = login_as("org", tenant)
    page = client.get(f"/t/{tenant}/dues/sheet").get_data(as_text=True)
    assert "2026-Q4" in page and "¥120.00" in page                    # remit_period defaults to quarterly
    configure(tenant, remit_period="monthly")
    assert "2026-11" in client.get(f"/t/{tenant}/dues/sheet").get_data(as_text=True)


def test_a_member_may_not_open_the_sheet_and_the_nav_offers_it_to_collectors(tenant, people, login_as):
    assert login_as("member", tenant).get(f"/t/{tenant}/dues/sheet").status_code == 403
    page = login_as("org", tenant).get(f"/t/{tenant}/dues/").get_data(as_text=True)
    assert page.count(f'href="/t/{tenant}/dues/sheet"') >= 2                   # nav entry and the home's button


def test_the_sheet_is_a_phone_page_with_labelled_inputs(tenant, people, login_as):
    page = login_as("org", tenant).get(f"/t/{tenant}/dues/sheet?period=2026-11").get_data(as_text=True)
    assert '<div class="table-scroll"><table' in page
    for name in ("paid_on", "method", "note", "all", f"pay-{people['甲']}", f"amount-{people['甲']}"):
        assert f'<label for="{name}"' in page and f'id="{name}"' in page, name


def test_paying_a_later_month_on_the_members_page_warns_of_the_earlier_one(tenant, people, login_as):
    client = login_as("org", tenant)
    page = client.get(f"/t/{tenant}/dues/members/{people['甲']}").get_data(as_text=True)
    assert "更早的月份尚未交纳：2026-10" in page                              # before paying, too
    r = client.post(f"/t/{tenant}/dues/members/{people['甲']}/pay", data={
        "csrf_token": client.csrf(), "months": ["2026-11"], "method": "cash"}, follow_redirects=True)
    assert r.status_code == 200 and "更早的月份尚未交纳：2026-10" in r.get_data(as_text=True)


def test_the_sheet_speaks_english_when_the_user_switched(k, tenant, people, login_as):
    client = login_as("org", tenant)
    client.get("/lang/en")
    page = client.get(f"/t/{tenant}/dues/sheet?period=2026-11").get_data(as_text=True)
    assert "Dues sheet" in page and "Select all (2 members owing on this sheet)" in page
    assert "Earlier months are still unpaid: 2026-10" in page
    r = client.post(f"/t/{tenant}/dues/sheet", data={"csrf_token": client.csrf(), "period": "2026-11", "method": "cash"})
    assert "Tick the members to record" in r.get_data(as_text=True)
