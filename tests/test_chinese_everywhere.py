"""Chinese everywhere (issue 18, point 4): every zh-CN page the demo's users reach — the district
administrator, the inspector, a school's secretary, organisation committee member and member — and
the pages a few invalid forms answer with, show no English validation sentence (marshmallow's own)
and no message id left unfilled ("%(name)s"). In English, no page shows an unfilled message id either.
"""
from __future__ import annotations

import html
import re

import pytest

from core.demo import DEMO_PASSWORD, SCHOOLS, create_demo
from core.messages import ENGLISH_SENTENCES
from core.testing import csrf_token, login
from plugins.members import public as members

SCHOOL = SCHOOLS[0][0]
USERS = ["admin", "inspector", f"{SCHOOL}-secretary", f"{SCHOOL}-org", f"{SCHOOL}-member"]
LINK = re.compile(r'href="(/(?:t/|district/|audit/)[^"#]*)"')
NOT_A_PAGE = re.compile(r"\.(xlsx|csv|ics|pdf|docx|json)(\?|$)|/files/|/attachments/|/export|/print$|/sheet"
                        r"|/download|/lang/|/logout")
VARIANTS = 10   # query-string variants of one path the walk opens (the district dashboard has ~100)
UNFILLED = re.compile(r"%\(\w+\)[sd]|\{(?:input|min|max|choices|values|other|equal|label|message)\}")


def english_sentence(sentence: str) -> re.Pattern:
    parts = re.split(r"\{\w+\}", sentence)
    return re.compile(".{1,80}?".join(re.escape(p) for p in parts))


ENGLISH = [english_sentence(s) for s in ENGLISH_SENTENCES]


def text_of(page: str) -> str:
    page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def problems(text: str, chinese: bool = True) -> list[str]:
    found = [m.group(0) for m in UNFILLED.finditer(text)]
    if chinese:
        found += [m.group(0) for pattern in ENGLISH for m in [pattern.search(text)] if m]
    return found


def walk(client, depth: int = 2, limit: int = 200) -> dict[str, str]:
    """GET the home page, every link of it and every link of those: url → visible text."""
    seen: dict[str, str] = {}
    variants: dict[str, int] = {}
    home = client.get("/", follow_redirects=True)
    frontier = [home.request.path]
    for _step in range(depth + 1):
        following = []
        for url in frontier:
            if url in seen or len(seen) >= limit:
                continue
            if "?" in url:   # a table's sorts and filters are one page: a few of them, then other pages
                path = url.split("?", 1)[0]
                if variants.get(path, 0) >= VARIANTS:
                    continue
                variants[path] = variants.get(path, 0) + 1
            response = client.get(url)
            if response.mimetype != "text/html":
                continue
            body = response.get_data(as_text=True)
            seen[url] = text_of(body)
            following += [u for u in (html.unescape(link) for link in LINK.findall(body))
                          if not NOT_A_PAGE.search(u) and u not in seen]
        frontier = list(dict.fromkeys(following))
    return seen


@pytest.fixture
def demo(app, k):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return k


def signed_in(app, username: str):
    client = app.test_client()
    assert login(client, username, DEMO_PASSWORD).status_code == 302
    return client


@pytest.mark.parametrize("username", USERS)
def test_no_zh_cn_page_of_a_demo_user_shows_english_or_an_unfilled_message(app, demo, username):
    pages = walk(signed_in(app, username))
    assert len(pages) > 3, pages.keys()
    bad = {url: found for url, text in pages.items() if (found := problems(text))}
    assert bad == {}


def test_invalid_forms_answer_in_chinese_with_labels(app, demo):
    admin = signed_in(app, "admin")
    page = admin.get(f"/district/schools/{SCHOOL}").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    answer = text_of(admin.post(f"/district/schools/{SCHOOL}", data={
        "csrf_token": csrf_token(admin), "action": "configure", "plugin": "dues", "version": version,
        "s_remit_period": "weekly", "s_prepay_limit_months": "很多"}).get_data(as_text=True))
    assert "必须是以下之一：按月、按季。" in answer and "不是有效的整数。" in answer
    assert problems(answer) == []

    secretary = signed_in(app, f"{SCHOOL}-secretary")
    member = members.list_members(demo, SCHOOL)[0].id
    answers = [
        secretary.post(f"/t/{SCHOOL}/dues/members/{member}/base", data={
            "csrf_token": csrf_token(secretary), "year": "2026", "from_month": "三月", "category": "employed",
            "base": "4000"}),
        secretary.post(f"/t/{SCHOOL}/members/new", data={"csrf_token": csrf_token(secretary), "zzz": "1"}),
        secretary.post(f"/t/{SCHOOL}/dues/members/{member}/pay", data={
            "csrf_token": csrf_token(secretary), "months": ["2099-01"], "method": "gold"}),
    ]
    for response in answers:
        assert response.status_code == 422
        text = text_of(response.get_data(as_text=True))
        assert problems(text) == [], text[:300]


def test_no_english_page_shows_an_unfilled_message(app, demo):
    secretary = signed_in(app, f"{SCHOOL}-secretary")
    secretary.get("/lang/en")
    pages = walk(secretary)
    bad = {url: found for url, text in pages.items() if (found := problems(text, chinese=False))}
    assert bad == {}
