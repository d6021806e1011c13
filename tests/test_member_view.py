"""What a plain member sees is designed, not leftover (issue 14, point 7).

The demo school, plus a colleague's and the member's own sanction. The member walks every link of their
navigation and home page, and one step further: nothing answers 403 or 500, nothing shows a colleague's
sanction, ethics veto, arrears, development case or grades; their own records and what the branch
publishes are there. The API answers the same.
"""
from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from core import context
from core.auth import services as accounts
from core.demo import DEMO_PASSWORD, SCHOOLS, create_demo
from core.testing import ApiClient, login
from plugins.development import queries as development
from plugins.dues import queries as dues
from plugins.dues.queries import standing as dues_standing
from plugins.integrity import queries as integrity
from plugins.members import public as members
from plugins.members import services as registry

SCHOOL = "no1"
THEIR_DECISION = "纪决字〔2026〕77号"
OWN_DECISION = "纪决字〔2026〕88号"
LINK = re.compile(r'href="(/t/no1/[^"#]*)"')
DOWNLOAD = re.compile(r"\.(xlsx|csv|ics|pdf|docx)$|/files/|/attachments/|/print$|/sheet")


def text_of(page: str) -> str:
    """The visible text of a page, one space between the pieces."""
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.fixture
def school(app, k):
    """The demo school with a sanction for the member and one for a colleague; who is who."""
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    me = members.member_for_user(k, SCHOOL, f"{SCHOOL}-member")
    colleague = next(m for m in members.list_members(k, SCHOOL) if m.id != me)
    with context.acting(context.system("test", source="test")):
        registry.record_sanction(k, SCHOOL, colleague.id, "警告", date(2026, 2, 17), None, THEIR_DECISION)
        registry.record_sanction(k, SCHOOL, me, "警告", date(2026, 3, 9), None, OWN_DECISION)
    k.catch_up(SCHOOL)
    today = k.today()
    on_roll = {m.name for m in members.list_members(k, SCHOOL)}
    vetoed = [r.member_name for y in integrity.ethics_years(k, SCHOOL)
              for r in integrity.list_ethics(k, SCHOOL, y) if r.veto and str(r.member_id) != str(me)]
    in_arrears = [a.account.name for a, _level in dues_standing.arrears(k, SCHOOL, today) if a.account.member_id != me]
    own_arrears = next((a.streak for a, _level in dues_standing.arrears(k, SCHOOL, today) if a.account.member_id == me), None)
    cases = [c.name for c in development.list_cases(k, SCHOOL, "open") if c.name not in on_roll]
    ethics_year = max(y for y in integrity.ethics_years(k, SCHOOL) if y <= today.year)
    own_ethics = integrity.ethics_of(k, SCHOOL, me, ethics_year)
    assert vetoed and in_arrears and cases and own_arrears and own_ethics, "the demo should give the test something"
    return {"me": me, "colleague": colleague, "vetoed": vetoed, "in_arrears": in_arrears,
            "own_arrears": own_arrears, "own_ethics": own_ethics, "cases": cases}


@pytest.fixture
def member(app, school):
    client = app.test_client()
    assert login(client, f"{SCHOOL}-member", DEMO_PASSWORD).status_code == 302
    return client


def leaks(text: str, school: dict) -> list[str]:
    """What a page shows that a plain member may not see about other people."""
    found = [THEIR_DECISION] if THEIR_DECISION in text else []
    for name in school["vetoed"]:
        if re.search(f"{name}.{{0,40}}一票否决|一票否决.{{0,40}}{name}", text):
            found.append(f"veto of {name}")
    for name in school["in_arrears"]:
        if re.search(f"{name}（\\d+个月）|{name}.{{0,30}}(欠交|未交)|(欠交|未交纳).{{0,30}}{name}", text):
            found.append(f"arrears of {name}")
    found += [f"development case of {name}" for name in school["cases"] if name in text]
    return found


def crawl(client, start: list[str], depth: int = 2, limit: int = 400) -> dict[str, tuple[int, str, str]]:
    """GET every link from ``start`` up to ``depth`` steps away: url → (status, visible text, where from)."""
    seen: dict[str, tuple[int, str, str]] = {}
    frontier = {url: "home" for url in start}
    for _step in range(depth + 1):
        following: dict[str, str] = {}
        for url, source in frontier.items():
            if url in seen or len(seen) >= limit:
                continue
            response = client.get(url)
            body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
            seen[url] = (response.status_code, text_of(body), source)
            for link in LINK.findall(body):
                if not DOWNLOAD.search(link) and html.unescape(link) not in seen:
                    following.setdefault(html.unescape(link), url)
        frontier = following
    return seen


def home_and_nav_links(client) -> list[str]:
    page = client.get(f"/t/{SCHOOL}/").get_data(as_text=True)
    return [f"/t/{SCHOOL}/", *(html.unescape(u) for u in LINK.findall(page))]


def test_every_link_a_member_is_shown_opens_and_shows_nothing_private_of_others(member, school):
    pages = crawl(member, home_and_nav_links(member))
    refused = {url: (status, source) for url, (status, _text, source) in pages.items() if status in (403, 500)}
    assert not refused, f"links shown to a member that answer 403/500: {refused}"
    leaked = {url: found for url, (_status, text, _source) in pages.items() if (found := leaks(text, school))}
    assert not leaked, f"pages that show a member other people's records: {leaked}"
    assert len(pages) > 30  # the walk really went through the member's pages


def test_every_link_a_viewer_is_shown_opens_and_shows_no_sanction_or_veto(app, make_user, school):
    viewer = app.test_client()
    assert login(viewer, make_user("viewer", SCHOOL)).status_code == 302
    pages = crawl(viewer, home_and_nav_links(viewer), depth=1)
    refused = {url: (status, source) for url, (status, _text, source) in pages.items() if status in (403, 500)}
    assert not refused, f"links shown to a viewer that answer 403/500: {refused}"
    for url, (_status, text, _source) in pages.items():
        assert THEIR_DECISION not in text and OWN_DECISION not in text, url
        assert not any(re.search(f"{name}.{{0,40}}一票否决", text) for name in school["vetoed"]), url


def test_the_home_page_names_nobody_in_arrears_and_links_only_to_pages_the_member_may_open(member, school):
    page = member.get(f"/t/{SCHOOL}/").get_data(as_text=True)
    text = text_of(page)
    assert not leaks(text, school)
    for url in LINK.findall(page):
        assert member.get(html.unescape(url)).status_code not in (403, 500), url
    assert f"您已连续 {school['own_arrears']} 个月未交纳党费" in text  # their own arrears, said to them
    own = school["own_ethics"]
    assert f"我的{own.year}年度师德考核： {own.grade}" in text   # their own ethics result


def test_a_member_sees_their_own_sanction_but_not_a_colleagues(member, school):
    own = text_of(member.get(f"/t/{SCHOOL}/members/{school['me']}").get_data(as_text=True))
    assert OWN_DECISION in own and "党纪处分" in own
    response = member.get(f"/t/{SCHOOL}/members/{school['colleague'].id}")
    assert response.status_code == 200  # the roll is open to members; the sanction is not
    theirs = text_of(response.get_data(as_text=True))
    assert THEIR_DECISION not in theirs and "2026-02-17" not in theirs
    assert school["colleague"].name in theirs


def test_a_member_still_sees_what_the_branch_publishes_and_their_own_grade(member, school, k):
    for url in (f"/t/{SCHOOL}/dues/publication", f"/t/{SCHOOL}/integrity/board",
                f"/t/{SCHOOL}/assessment/evaluation/{k.today().year - 1}"):
        assert member.get(url).status_code == 200, url
    publication = text_of(member.get(f"/t/{SCHOOL}/dues/publication").get_data(as_text=True))
    assert "党费收缴情况公示" in publication
    evaluation = text_of(member.get(f"/t/{SCHOOL}/assessment/evaluation/{k.today().year - 1}")
                         .get_data(as_text=True))
    assert "评议结果：" in evaluation      # their own published grade
    assert "评议情况" not in evaluation   # everyone's ratings and grades are the committee's


def test_a_refused_page_tells_the_member_in_chinese_what_to_do(member, school):
    response = member.get(f"/t/{SCHOOL}/dues/arrears")
    assert response.status_code == 403
    assert "请联系本支部书记或区级管理员" in response.get_data(as_text=True)


def test_the_committee_still_sees_sanctions_arrears_and_vetoes(app, school):
    secretary = app.test_client()
    assert login(secretary, f"{SCHOOL}-secretary", DEMO_PASSWORD).status_code == 302
    home = text_of(secretary.get(f"/t/{SCHOOL}/").get_data(as_text=True))
    assert any(re.search(f"{name}：连续 \\d+ 个月未交", home) for name in school["in_arrears"])
    assert any(f"{name}" in home and "一票否决" in home for name in school["vetoed"])
    detail = text_of(secretary.get(f"/t/{SCHOOL}/members/{school['colleague'].id}").get_data(as_text=True))
    assert THEIR_DECISION in detail


@pytest.fixture
def member_api(app, k, school):
    with context.acting(context.system("test", source="test")):
        token = accounts.issue_token(k, f"{SCHOOL}-member", "test")
    return ApiClient(app.test_client(), token)


def test_the_api_gives_a_member_no_colleagues_sanctions_arrears_vetoes_or_cases(member_api, school, k):
    base = f"/api/v1/t/{SCHOOL}"
    history = member_api.get(f"{base}/members/members/{school['colleague'].id}/history")
    assert history.status_code == 200
    assert all(h["kind"] != "sanctioned" and h["reason"] != THEIR_DECISION for h in history.get_json())
    own = member_api.get(f"{base}/members/members/{school['me']}/history").get_json()
    assert any(h["kind"] == "sanctioned" and h["reason"] == OWN_DECISION for h in own)
    mine = member_api.get(f"{base}/assessment/evaluations/{k.today().year - 1}/mine").get_json()
    assert mine["published"] and mine["grade"] and mine["member_id"] == str(school["me"])  # their own grade
    for url in (f"{base}/dues/arrears", f"{base}/integrity/ethics", f"{base}/development/cases",
                f"{base}/assessment/tracks"):
        response = member_api.get(url)
        assert response.status_code in (403, 404), url
        assert not leaks(json.dumps(response.get_json(silent=True), ensure_ascii=False), school), url
