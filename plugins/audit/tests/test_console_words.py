"""The console speaks to inspectors in words: every event type by its Chinese name, fields by their labels,
money, dates and coded values formatted, records by name; no class names, no Python reprs and no unmasked
ID numbers or phones, on any console page of a demo district and in every export format."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import uuid
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from core import demo
from core.app import create_app
from core.plugins import Vocabulary
from core.testing import csrf_token
from plugins.audit import present
from plugins.audit.queries import history
from plugins.audit.rules.catalogue import registered_event_classes

CLASS_NAME = re.compile(r"\b[A-Z][a-z][A-Za-z]*\.[A-Z][a-zA-Z]+\b")          # DuesAccount.Paid
REPR = re.compile(r"\{'|\{\"|'\s*:\s|\['|\[\{|Decimal\(|datetime\.|UUID\(")   # {'phone': …}, Decimal('38.80')
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SHORT_REF = re.compile(r"\b[0-9a-f]{8}@\d+\b")                                 # e44f0e4c@3
ID_NUMBER = re.compile(r"(?<![\d*])\d{6}(?:19|20)\d{2}[01]\d[0-3]\d\d{3}[\dX](?![\d*])")
PHONE = re.compile(r"(?<![\d*])1[3-9]\d{9}(?![\d*])")
# hashes (a seal's root, its leaves, a file's sha256) are hex: a run of their digits is not a phone
HEX = re.compile(r"(?<![0-9a-fA-F])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9a-fA-F])")


# -- one demo district for the module -------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    url, schema = os.environ.get("ZHIBU_TEST_DATABASE_URL"), ""
    if url:
        import psycopg  # noqa: PLC0415  (only the PostgreSQL run needs it)
        schema = f"zt_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    app = create_app(config={
        "INSTANCE_PATH": str(tmp_path_factory.mktemp("demo") / "instance"), "DATABASE_URL": url,
        "DATABASE_SCHEMA": schema, "SECRET_KEY": "test-secret", "TESTING": True,
        "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})
    k = app.extensions["zhibu"]
    k.init_storage()
    try:
        with app.app_context():
            demo.create_demo(k, progress=lambda _: None, schools=demo.SCHOOLS[:1])
            # a district that keeps reveals to itself: the inspector sees masked values only
            k.permissions["audit.reveal"] = frozenset({"district_admin"})
            yield app
    finally:
        k.close()
        if url:
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def signed_in(app, username: str):
    client = app.test_client()
    r = client.post("/login", data={"username": username, "password": demo.DEMO_PASSWORD,
                                    "csrf_token": csrf_token(client)})
    assert r.status_code == 302
    return client


@pytest.fixture(scope="module")
def inspector(demo_app):
    return signed_in(demo_app, "inspector")


class Shown(HTMLParser):
    """What a person sees on a page: its text and titles (``fields``: what sits in form fields)."""

    def __init__(self):
        super().__init__()
        self.text, self.fields, self._skip, self._field = [], [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag == "textarea":
            self._field += 1
        if attrs.get("title"):
            self.text.append(attrs["title"])
        if tag == "input" and attrs.get("type") not in ("hidden",) and attrs.get("value"):
            self.fields.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "textarea":
            self._field -= 1

    def handle_data(self, data):
        if not self._skip:
            (self.fields if self._field else self.text).append(data)


def shown(html: str) -> tuple[str, str]:
    parser = Shown()
    parser.feed(html)
    return unescape(" ".join(parser.text)), unescape(" ".join(parser.fields))


def problems(text: str, *, ids: bool = True) -> dict:
    # a record's id is no phone number, though its last group may hold eleven digits between letters
    personal = HEX.sub("#", UUID_TEXT.sub("#", text))
    found = {"class names": CLASS_NAME.findall(text), "reprs": REPR.findall(text),
             "short refs": SHORT_REF.findall(text), "ID numbers": ID_NUMBER.findall(personal),
             "phones": PHONE.findall(personal), "unknown field": re.findall("Unknown field", text)}
    if ids:
        found["bare ids"] = UUID_TEXT.findall(text)
    return {name: sorted(set(hits))[:5] for name, hits in found.items() if hits}


def check_page(client, path: str, bad: dict) -> str:
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code)
    html = r.get_data(as_text=True)
    text, fields = shown(html)
    for name, hits in {**problems(text), **problems(fields, ids=False)}.items():
        bad.setdefault(name, {})[path] = hits
    return html


LINK = re.compile(r'href="(/audit/[^"#]*)"')


# -- names ------------------------------------------------------------------------------------------
def test_every_registered_event_class_has_a_chinese_name(demo_app):
    k = demo_app.extensions["zhibu"]
    names = k.registry.vocabulary.events
    classes = registered_event_classes(k.registry)
    assert len(classes) >= 139
    missing = [c.__qualname__ for c in classes if not names.get(c.__qualname__)]
    assert missing == []
    assert names["DuesAccount.Paid"] == "党费·交纳" and names["Member.FieldsCorrected"] == "党员·更正信息"
    assert not [n for n in names.values() if CLASS_NAME.search(n) or not re.search(r"[\u4e00-\u9fff]", n)]


def test_stored_values_read_as_words():
    vocab = Vocabulary(events={"DuesAccount.Paid": "党费·交纳"}, labels={"total": "合计", "status": "党籍状态",
                       "months": "月份", "role": "角色"}, choices={"status": {"full": "正式党员"}},
                       money=frozenset({"total"}))
    assert present.event_name(vocab, "DuesAccount.Paid") == "党费·交纳"
    assert present.event_name(vocab, "Nobody.Named") == present.UNNAMED_EVENT
    assert present.text(vocab, "total", Decimal("38.80")) == "¥38.80"
    assert present.text(vocab, "status", "full") == "正式党员"
    assert present.text(vocab, "months", ["2026-01", "2026-02"]) == "2026-01、2026-02"
    assert present.text(vocab, "changes", {"status": {"before": "full", "after": None}}) == "党籍状态：正式党员 → （空）"
    assert present.text(vocab, "note", {"total": Decimal("1.5"), "x": True}) == "（合计：¥1.50；x：是）"
    member = str(uuid.uuid4())
    assert present.text(vocab, "member_id", member, names={member: "张伟"}) == "张伟"
    assert present.text(vocab, "events", [{"id": member, "version": 3}], names={member: "张伟"}) == "张伟 第3版"
    assert present.text(vocab, "schools", ["no1", "no2"], names={"no1": "第一中学"}) == "第一中学、no2"
    assert present.role_name("secretary") == "支部书记"


# -- the console, page by page ----------------------------------------------------------------------
def test_every_console_page_shows_words_and_masked_personal_data(demo_app, inspector):
    """Each event type's list, its first event and that event's record, and every page they link to
    once (findings, seals, roster, time travel …)."""
    k = demo_app.extensions["zhibu"]
    # an export filtered by event type is recorded: its record names the type in words
    assert inspector.get("/audit/export?format=csv&event_type=DuesAccount.Paid").status_code == 200
    bad: dict = {}
    html = check_page(inspector, "/audit/", bad)
    types = re.findall(r'<option value="([A-Za-z.]+)"', html)
    assert len(types) >= 139
    seen = {"/audit/"}
    queue = [p.replace("&amp;", "&") for p in LINK.findall(html)]
    present_types = set(types) & set(history.event_types(k))
    for event_type in sorted(present_types):
        path = f"/audit/?event_type={event_type}&per_page=5"
        seen.add(path)
        listing = check_page(inspector, path, bad)
        links = [p.replace("&amp;", "&") for p in LINK.findall(listing)]
        for link in [p for p in links if p.startswith("/audit/events/")][:1] + \
                    [p for p in links if p.startswith("/audit/records/")][:1]:
            if link not in seen:
                seen.add(link)
                page = check_page(inspector, link, bad)
                queue += [p.replace("&amp;", "&") for p in LINK.findall(page)]
    for link in queue:
        if len(seen) > 400:
            break
        if link in seen or "/export" in link or link.startswith(("/audit/events/", "/audit/records/")):
            continue
        seen.add(link)
        check_page(inspector, link, bad)
    assert len(present_types) > 60 and len(seen) > 150
    assert bad == {}


def test_the_administrators_pages_and_the_reads_they_record_show_words(demo_app):
    """The access log and assignments, and the district log where each read and export is recorded."""
    admin = signed_in(demo_app, "admin")
    bad: dict = {}
    listing = check_page(admin, "/audit/?event_type=DuesAccount.Paid&per_page=1", bad)
    for link in LINK.findall(listing):
        if link.startswith(("/audit/events/", "/audit/records/")):
            check_page(admin, link, bad)
    assert admin.get("/audit/export?format=csv&event_type=DuesAccount.Paid").status_code == 200
    for path in ("/audit/access", "/audit/assignments", "/audit/?school=district&per_page=20"):
        page = check_page(admin, path, bad)
        for link in [p for p in LINK.findall(page) if p.startswith("/audit/events/")][:5]:
            check_page(admin, link, bad)
    assert bad == {}


# -- exports ------------------------------------------------------------------------------------------
def export_text(client, fmt: str) -> str:
    r = client.get(f"/audit/export?format={fmt}")
    assert r.status_code == 200
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(r.data), read_only=True)
        return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    if fmt == "csv":
        return "\n".join("\t".join(row) for row in csv.reader(io.StringIO(r.data.decode("utf-8-sig"))))
    # what people read; the inclusion proofs and checkpoints are for the verifier (they name each event's
    # stored type, which its leaf hash covers)
    machine = ("proof", "checkpoints", "signature")
    return "\n".join(leaf for line in r.data.decode().splitlines()
                     for leaf in leaves({key: v for key, v in json.loads(line).items() if key not in machine}))


def leaves(value):
    """Every value a JSON document holds, as text (its own quotes and braces are not reprs)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    elif value is not None:
        yield str(value)


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "jsonl"])
def test_the_exports_show_words_and_masked_personal_data(inspector, fmt):
    text = export_text(inspector, fmt)
    assert "党费·交纳" in text and "¥" in text
    assert problems(text, ids=False) == {}


# -- a finding from an event ------------------------------------------------------------------------
def test_the_finding_form_opened_from_an_event_is_prefilled_and_valid(demo_app):
    admin = signed_in(demo_app, "admin")
    slug = demo.SCHOOLS[0][0]
    listing = admin.get(f"/audit/?school={slug}&event_type=DuesAccount.Paid&per_page=1").get_data(as_text=True)
    event = LINK.search(listing[listing.index("/audit/events/") - 6:]).group(1)
    page = admin.get(event).get_data(as_text=True)
    link = unescape(re.search(r'href="(/audit/findings\?[^"]+)"', page).group(1))
    r = admin.get(link)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Unknown field" not in html and "alert-danger" not in html
    title = unescape(re.search(r'name="title"[^>]*value="([^"]*)"', html).group(1))
    description = unescape(re.search(r'name="description"[^>]*>([^<]*)</textarea>', html).group(1))
    events = re.search(r'name="events"[^>]*>([^<]*)</textarea>', html).group(1).split()
    assert "党费·交纳" in title and "收到党费 ¥" in description
    assert len(events) == 2 and events[1].isdigit()
    assert f'value="{slug}" selected' in html
    r = admin.post("/audit/findings", data={"csrf_token": csrf_token(admin), "school": slug, "title": title,
                                           "description": description, "events": " ".join(events),
                                           "deadline": ""})
    assert r.status_code == 302, r.get_data(as_text=True)[:300]
    finding = admin.get(r.headers["Location"]).get_data(as_text=True)
    text, _ = shown(finding)
    assert problems(text) == {} and title.split("：")[0] in text
