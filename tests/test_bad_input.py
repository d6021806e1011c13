"""No input gives a server error: a deterministic walk over every API operation (read from
/api/openapi.json) and every page form, sending the canonical bad inputs of issue 13."""
from __future__ import annotations

import random
import re
import uuid
from html.parser import HTMLParser
from io import BytesIO

import pytest

from core import context
from core.auth import services as accounts
from core.permissions import ROLES, SCHOOL_ROLES
from core.testing import csrf_token, login

HUGE = 10**25
DEEP = "[" * 100_000 + "]" * 100_000
NON_OBJECTS = ("[]", "1", "null", '"x"', DEEP)
BODY_VARIANTS = ("nul", "escape", "huge_int", "huge_float", "month")
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def everything(k, tenant, make_user):
    """A bearer token (and the user) that may do everything: every district role and every school role."""
    name = make_user("district_admin")
    with context.acting(context.system("test", source="test")):
        for role in sorted(ROLES):
            if role != "district_admin":
                accounts.grant_role(k, name, role, tenant if role in SCHOOL_ROLES else None)
        token = accounts.issue_token(k, name, "walker")
    return name, token


def _resolve(spec, schema):
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _value(spec, schema, variant: str, name: str = "", depth: int = 0):
    """A value for ``schema``: plausible, except where ``variant`` puts its bad value."""
    schema = _resolve(spec, schema)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 3:
            return {}
        return {n: _value(spec, p, variant, n, depth + 1) for n, p in schema.get("properties", {}).items()}
    if kind == "array":
        return [_value(spec, schema.get("items", {}), variant, name, depth + 1)]
    if kind == "integer":
        return HUGE if variant == "huge_int" else 1e308 if variant == "huge_float" else \
            max(schema.get("minimum", 1), 1)
    if kind == "number":
        return HUGE if variant == "huge_int" else 1e308 if variant == "huge_float" else 1
    if kind == "boolean":
        return True
    if variant == "nul":
        return "a\u0000b"
    if variant == "escape":
        return "\x1b"
    if variant == "month":
        return "0000-01"
    if "enum" in schema:
        return schema["enum"][0]
    fmt, pattern = schema.get("format"), schema.get("pattern", "")
    if fmt == "uuid":
        return str(uuid.uuid4())
    if fmt == "date":
        return "2026-11-23"
    if fmt == "date-time":
        return "2026-11-23T10:00:00+08:00"
    if "d{4}-" in pattern:
        return "2026-01"
    if schema.get("type") == "string" and pattern and "\\d" in pattern:
        return "1"
    return "x" * max(1, schema.get("minLength", 1))


def _path(template: str, tenant: str, huge_ints: bool = False) -> str:
    values = {"tenant": tenant, "log": tenant, "sha256": "0" * 64, "receipt_no": "2026-0001", "item_id": "x",
              "year": str(HUGE) if huge_ints else "2026", "notification_id": str(HUGE) if huge_ints else "1"}
    return re.sub(r"{(\w+)}", lambda m: values.get(m.group(1), str(uuid.uuid4())), template)


def _operations(spec):
    for template, item in sorted(spec["paths"].items()):
        for method in METHODS:
            if method in item:
                op = item[method]
                params = [_resolve(spec, p) for p in item.get("parameters", []) + op.get("parameters", [])]
                yield template, method, op, params


def test_no_api_operation_answers_a_bad_input_with_a_server_error(app, k, tenant, everything):
    _name, token = everything
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash is a 500 to count, not an exception to stop at
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    spec = client.get("/api/openapi.json").json
    offenders, sent = [], 0

    def send(method, url, label, **kwargs):
        nonlocal sent
        sent += 1
        r = getattr(client, method)(url, headers=headers, **kwargs)
        if r.status_code >= 500:
            offenders.append(f"{method.upper()} {url[:120]} [{label}] → {r.status_code}")

    for template, method, op, params in _operations(spec):
        url = _path(template, tenant)
        body = op.get("requestBody", {}).get("content", {})
        if "application/json" in body:
            schema = body["application/json"]["schema"]
            for raw in NON_OBJECTS:
                send(method, url, f"body {raw[:10]}", data=raw, content_type="application/json")
            for variant in BODY_VARIANTS:
                send(method, url, f"body {variant}", json=_value(spec, schema, variant))
        if "multipart/form-data" in body:
            for name in ("a\x00b.pdf", "\x1b\u202egnp.pdf"):
                send(method, url, f"file {name!r}", data={"file": (BytesIO(b"%PDF-1.4 x"), name)},
                     content_type="multipart/form-data")
        query = [p for p in params if p["in"] == "query"]
        if query:
            for variant in ("nul", "huge_int", "huge_float", "month"):
                values = {p["name"]: _value(spec, p.get("schema", {}), variant, p["name"]) for p in query}
                send(method, url, f"query {variant}", query_string=values)
        if any(p["in"] == "path" and p.get("schema", {}).get("type") == "integer" for p in params):
            send(method, _path(template, tenant, huge_ints=True), "path int 10^25")
    # Whatever was accepted must project and list without failing.
    k.catch_up()
    for template, method, op, params in _operations(spec):
        if method == "get" and not any(p["in"] == "path" and p["name"] not in ("tenant",) for p in params):
            send("get", _path(template, tenant), "list after the walk")
    assert sent > 1000
    assert not offenders, f"{len(offenders)} of {sent} requests answered 5xx:\n" + "\n".join(offenders)


# -- page forms ----------------------------------------------------------------------------------------
class _Forms(HTMLParser):
    """The POST forms of a page: action, and fields (name, type, value)."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form = [], set(), None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.add(a["href"].split("#")[0])
        elif tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            kind = "textarea" if tag == "textarea" else "select" if tag == "select" else (a.get("type") or "text")
            self._form["fields"].append((a["name"], kind, a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


BAD_QUERY = {"year": str(HUGE), "page": str(HUGE), "per_page": str(HUGE), "month": "0000-01", "status": "a\x00b",
             "actor": "a\x00b", "at": "0001-01-01T00:00", "q": "a\x00b", "school": "a\x00b", "type": "a\x00b",
             "since": "0001-01-01", "until": "9999-12-31"}
SKIP_ACTIONS = ("/login", "/logout", "/lang/")
KEEP_HIDDEN = ("csrf_token", "_form", "expected_version", "version", "action")


def _events(k) -> int:
    return sum(k.stores.log(name).recorder.max_notification_id() or 0 for name in ["district", *k.tenant_slugs()])


def test_no_page_form_stores_a_nul_or_answers_it_with_a_server_error(app, k, tenant, everything, clock):
    name, _token = everything
    app.config["PROPAGATE_EXCEPTIONS"] = False
    with context.acting(context.system("demo", source="demo")), k.deferred_projections():
        k.hooks(tenant).zhibu_demo_data(tenant=tenant, today=k.today(), rng=random.Random(1))
    k.catch_up()
    client = app.test_client()
    assert login(client, name).status_code == 302

    # Crawl the school's and the district's pages (two levels of links), collecting their POST forms.
    seen, forms, frontier = set(), {}, [f"/t/{tenant}/", "/district/", "/audit/", "/account"]
    for _level in range(3):
        following = []
        for url in frontier:
            if url in seen or "xlsx" in url or "export" in url or "download" in url or "/files/" in url:
                continue
            seen.add(url)
            r = client.get(url)
            if r.status_code != 200 or not r.mimetype == "text/html":
                continue
            parser = _Forms()
            parser.feed(r.get_data(as_text=True))
            for form in parser.forms:
                action = form["action"] or url
                key = (action, tuple(sorted(f[0] for f in form["fields"])))
                forms.setdefault(key, (action, form["fields"]))
            following += [link for link in parser.links if link.startswith((f"/t/{tenant}/", "/district", "/audit"))
                          and "?" not in link]
        frontier = following[:150]

    offenders, tried = [], 0
    for url in sorted(seen):  # every page again, with bad query arguments
        r = client.get(url, query_string=BAD_QUERY)
        if r.status_code >= 500:
            offenders.append(f"GET {url} with bad query → {r.status_code}")
    for action, fields in forms.values():
        if action.startswith(SKIP_ACTIONS) or not any(
                kind in ("text", "textarea", "select", "date", "number", "month", "email", "tel", "search")
                for _n, kind, _v in fields):
            continue
        data = {}
        for field_name, kind, value in fields:
            if kind in ("submit", "button", "checkbox", "radio", "file") or field_name == "csrf_token":
                continue
            data[field_name] = value if kind == "hidden" and field_name in KEEP_HIDDEN else "a\u0000b"
        data["csrf_token"] = csrf_token(client)
        before = _events(k)
        r = client.post(action, data=data, follow_redirects=True)
        tried += 1
        body = r.get_data(as_text=True)
        if r.status_code >= 500:
            offenders.append(f"POST {action} → {r.status_code}")
        elif _events(k) != before and ("action", "hidden", "reveal") not in fields:
            # (a reveal form answers with the record's page, and showing it records the read, by design)
            offenders.append(f"POST {action} stored an event")
        elif "flash-danger" not in body and r.status_code not in (403, 404):
            offenders.append(f"POST {action} → {r.status_code} without a message")
    assert tried >= 20, sorted(a for a, _f in forms.values())
    assert not offenders, f"{len(offenders)} of {tried} forms:\n" + "\n".join(offenders)
