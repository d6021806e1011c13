"""Labels tied to inputs (issue 18, point 5): on every page the demo's secretary, organisation
committee member and district administrator reach, each input, select and text area a person fills
in is named — by a <label for> its id, a <label> around it, or aria-label / aria-labelledby — so a
screen reader says what it is and a tap on the label focuses it; no two fields of a page share an id
(a label would name the first)."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from core.demo import DEMO_PASSWORD, SCHOOLS, create_demo
from core.testing import login

SCHOOL = SCHOOLS[0][0]
USERS = ["admin", f"{SCHOOL}-secretary", f"{SCHOOL}-org"]
LINK = re.compile(r'href="(/(?:t/|district/|audit/|account)[^"#]*)"')
NOT_A_PAGE = re.compile(r"\.(xlsx|csv|ics|pdf|docx|json|ico)(\?|$)|/files/|/attachments/|/export|/download"
                        r"|/lang/|/logout|format=")
NOT_FILLED_IN = {"hidden", "submit", "button", "reset", "image"}
SAME_PAGE = re.compile(r"[0-9a-f]{8}-[0-9a-f-]{27}|\d+")   # one case, member or receipt stands for all


def page_kind(url: str) -> str:
    return SAME_PAGE.sub("#", url)


class Fields(HTMLParser):
    """The fields of a page a person fills in, and whether each is named."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[dict] = []
        self.label_for: set[str] = set()
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag in ("input", "select", "textarea") and (a.get("type") or "text") not in NOT_FILLED_IN:
            self.fields.append({"tag": tag, **a, "wrapped": self.in_label > 0})

    def handle_endtag(self, tag):
        if tag == "label" and self.in_label:
            self.in_label -= 1

    def repeated_ids(self) -> list[str]:
        ids = [f["id"] for f in self.fields if f.get("id")]
        return [f"id={i!r} twice" for i in sorted({i for i in ids if ids.count(i) > 1})]

    def unnamed(self) -> list[str]:
        return [f"<{f['tag']} name={f.get('name')!r} id={f.get('id')!r}>" for f in self.fields
                if not (f["wrapped"] or f.get("aria-label") or f.get("aria-labelledby")
                        or (f.get("id") and f["id"] in self.label_for))]


def unnamed_fields(page: str) -> list[str]:
    parser = Fields()
    parser.feed(page)
    return parser.unnamed() + parser.repeated_ids()


def walk(client, depth: int = 3, limit: int = 400) -> dict[str, str]:
    """GET the home page, and the links of each page reached, ``depth`` links deep, one page of each
    kind (one member's, one receipt's): url → page."""
    seen: dict[str, str] = {}
    kinds: set[str] = set()
    frontier = [client.get("/", follow_redirects=True).request.path]
    for _step in range(depth + 1):
        following = []
        for url in frontier:
            if url in seen or page_kind(url) in kinds or len(seen) >= limit:
                continue
            kinds.add(page_kind(url))
            response = client.get(url)
            if response.mimetype != "text/html" or response.status_code != 200:
                continue
            seen[url] = body = response.get_data(as_text=True)
            following += [u for u in (html.unescape(link) for link in LINK.findall(body))
                          if not NOT_A_PAGE.search(u) and u not in seen]
        frontier = list(dict.fromkeys(following))
    return seen


def test_a_field_without_a_label_is_found():
    page = """<label for="a">A</label><input id="a" name="a"><label>B <input name="b"></label>
      <input name="c" aria-label="C"><input type="hidden" name="h"><input name="d" placeholder="D">
      <select name="e"></select><textarea id="f" name="f"></textarea><button>OK</button>"""
    assert unnamed_fields(page) == ["<input name='d' id=None>", "<select name='e' id=None>",
                                    "<textarea name='f' id='f'>"]
    assert unnamed_fields('<label for="y">Y</label><input id="y" name="year"><input id="y" name="year">') == [
        "id='y' twice"]


@pytest.fixture
def demo(app, k):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return k


@pytest.mark.parametrize("username", USERS)
def test_every_field_of_every_page_a_demo_user_reaches_has_a_label(app, demo, username):
    client = app.test_client()
    assert login(client, username, DEMO_PASSWORD).status_code == 302
    pages = walk(client)
    assert len(pages) > 20
    unnamed = {url: found for url, page in pages.items() if (found := unnamed_fields(page))}
    assert not unnamed, "\n".join(f"{url}: {', '.join(found)}" for url, found in unnamed.items())
