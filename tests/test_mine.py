"""Every member has a page of their own, "我的" (issue 18, point 3): their dues and receipts, meetings and
attendance, commitments, development case, published evaluation results and notices, each handed in
by its plugin through ``zhibu_my_sections``. A member sees only their own: there is no member in the
URL, and a colleague's records never appear. A plain member's navigation shows only pages that open."""
from __future__ import annotations

import html
import re

import pytest

from core import context
from core.demo import DEMO_PASSWORD, SCHOOLS, create_demo
from core.testing import login
from plugins.development import queries as development
from plugins.dues import queries as dues
from plugins.integrity import queries as integrity
from plugins.integrity import services as commitments
from plugins.members import public as members

SCHOOL = "no1"
NAV = re.compile(r'<aside class="sidenav[^"]*"[^>]*>(.*?)</aside>', re.S)
HREF = re.compile(r'href="([^"]+)"')


@pytest.fixture
def school(app, k):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    me = members.member_for_user(k, SCHOOL, f"{SCHOOL}-member")
    return {"me": members.get_member(k, SCHOOL, me)}


@pytest.fixture
def member(app, school):
    client = app.test_client()
    assert login(client, f"{SCHOOL}-member", DEMO_PASSWORD).status_code == 302
    return client


def receipts_of(k, member_id) -> set[str]:
    return {row.receipt_no for row in dues.list_entries(k, SCHOOL, member_id=member_id)}


def test_a_member_finds_their_own_dues_meetings_commitments_and_results_on_their_page(member, school, k):
    home = member.get(f"/t/{SCHOOL}/").get_data(as_text=True)
    assert f'href="/t/{SCHOOL}/me"' in home                     # from the home page …
    nav = NAV.search(home).group(1)
    assert f'href="/t/{SCHOOL}/me"' in nav and "我的" in nav     # … and in the navigation
    response = member.get(f"/t/{SCHOOL}/me")
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    for title in ("我的党员信息", "我的党费", "我的会议与出席", "我的承诺", "我的评议结果", "我的通知"):
        assert title in page, title
    me = school["me"]
    assert me.name in page
    own = receipts_of(k, me.id)
    assert own and all(no in page for no in list(own)[:5])
    assert "应交未交" in page and "本人出席" in page
    member.get("/lang/en")
    english = html.unescape(member.get(f"/t/{SCHOOL}/me").get_data(as_text=True))
    for words in ("My dues", "My meetings and attendance", "Owed", "Mine", "Menu"):
        assert words in english, words


def promise(k, member_id, content: str) -> None:
    """A commitment letter of this year for the member, with one item accepted by the branch."""
    letter = commitments.write_commitment(k, SCHOOL, k.today().year, "member", member_id)
    item = commitments.add_commitment_item(k, SCHOOL, letter.id, "study", content, "每月一次", k.today())
    commitments.accept_item(k, SCHOOL, letter.id, item)


def test_member_a_never_sees_member_b_on_their_page(app, member, school, k, make_user):
    year = k.today().year
    colleague = next(m for m in members.list_members(k, SCHOOL)
                     if m.id != school["me"].id and receipts_of(k, m.id) - receipts_of(k, school["me"].id)
                     and not integrity.member_items(k, SCHOOL, m.id, year))
    other = make_user("member", SCHOOL)
    with context.acting(context.system("test", source="test")):
        members.link_account(k, SCHOOL, other, colleague.id)
        promise(k, school["me"].id, "我的承诺：每月读一本教育专著")
        promise(k, colleague.id, "同事的承诺：每周家访一次")
    k.catch_up(SCHOOL)
    b = app.test_client()
    assert login(b, other).status_code == 302
    b_page = html.unescape(b.get(f"/t/{SCHOOL}/me").get_data(as_text=True))
    a_page = html.unescape(member.get(f"/t/{SCHOOL}/me?member_id={colleague.id}").get_data(as_text=True))
    theirs = receipts_of(k, colleague.id)
    assert colleague.name in b_page and any(no in b_page for no in theirs) and "同事的承诺" in b_page
    assert colleague.name not in a_page and school["me"].name in a_page
    assert "我的承诺：每月读一本教育专著" in a_page and "同事的承诺" not in a_page
    assert "我的承诺：每月读一本教育专著" not in b_page
    assert not [no for no in theirs if no in a_page]


def test_an_account_not_linked_to_a_member_is_told_how_to_get_linked(login_as, tenant):
    response = login_as("member", tenant).get(f"/t/{tenant}/me")
    assert response.status_code == 200
    assert "尚未关联党员" in response.get_data(as_text=True)


def test_the_page_is_for_school_people_only(login_as, tenant):
    assert login_as("district_admin").get(f"/t/{tenant}/me").status_code == 403


def test_every_link_of_a_plain_members_navigation_opens_for_them(member, school):
    nav = NAV.search(member.get(f"/t/{SCHOOL}/").get_data(as_text=True)).group(1)
    links = [html.unescape(u) for u in HREF.findall(nav)]
    assert f"/t/{SCHOOL}/me" in links and len(links) >= 5
    refused = {url: status for url in links if (status := member.get(url).status_code) != 200}
    assert refused == {}


def test_a_member_admitted_through_a_development_case_finds_their_own_case(app, member, school, k, make_user):
    case = next(c for c in development.list_cases(k, SCHOOL) if c.member_id is not None)
    account = make_user("member", SCHOOL)
    with context.acting(context.system("test", source="test")):
        members.link_account(k, SCHOOL, account, case.member_id)
    k.catch_up(SCHOOL)
    client = app.test_client()
    assert login(client, account).status_code == 302
    page = html.unescape(client.get(f"/t/{SCHOOL}/me").get_data(as_text=True))
    assert "我的发展材料" in page and "第1步 递交入党申请书" in page and case.applied_on.isoformat() in page
    assert development.case_of_member(k, SCHOOL, school["me"].id) is None
    assert "我的发展材料" not in member.get(f"/t/{SCHOOL}/me").get_data(as_text=True)   # not someone else's
