"""Every answer carries the security headers, set once in core; no template needs inline script or style."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from werkzeug.routing import IntegerConverter

ROOT = Path(__file__).resolve().parent.parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")


def assert_hardened(response, what: str, personal: bool = True) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CSP, what
    assert headers.get("X-Frame-Options") == "DENY", what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("Referrer-Policy") == "same-origin", what
    if personal:
        assert headers.get("Cache-Control") == "no-store", what


def test_a_page_an_api_answer_and_an_error_carry_the_headers(app, login_as, api_as, tenant):
    client = login_as("member", tenant)
    assert_hardened(client.get(f"/t/{tenant}/"), "school home")
    assert_hardened(client.get("/district/"), "403 page")
    assert_hardened(client.get("/no/such/page"), "404 page")
    assert_hardened(app.test_client().get("/login"), "login page")
    api = api_as("secretary", tenant)
    assert_hardened(api.get(f"/api/v1/t/{tenant}/members/members"), "API answer")
    assert_hardened(app.test_client().get(f"/api/v1/t/{tenant}/members/members"), "API 401")


def test_static_files_keep_their_caching_and_carry_the_other_headers(app):
    response = app.test_client().get("/static/zhibu.css")
    assert response.status_code == 200
    assert_hardened(response, "static", personal=False)
    assert "no-store" not in (response.headers.get("Cache-Control") or "")
    response.close()


def test_hsts_only_when_cookies_are_secure(app):
    assert "Strict-Transport-Security" not in app.test_client().get("/login").headers
    app.config["SESSION_COOKIE_SECURE"] = True
    try:
        hsts = app.test_client().get("/login").headers.get("Strict-Transport-Security")
    finally:
        app.config["SESSION_COOKIE_SECURE"] = False
    assert hsts and hsts.startswith("max-age=31536000")


def test_favicon_is_served(app):
    response = app.test_client().get("/favicon.ico")
    assert response.status_code == 200 and response.data
    assert response.mimetype in ("image/x-icon", "image/vnd.microsoft.icon")
    response.close()


def _fill(rule, tenant: str) -> dict:
    values = {}
    for name, converter in rule._converters.items():
        kind = type(converter).__name__
        if name == "tenant":
            values[name] = tenant
        elif isinstance(converter, IntegerConverter):  # <int:…> and <year:…> (bounded integers)
            values[name] = 2026
        elif kind == "UUIDConverter":
            values[name] = uuid.uuid4()
        elif kind == "AnyConverter":
            values[name] = sorted(converter.items)[0]
        elif kind == "PathConverter":
            values[name] = "x/y"
        else:
            values[name] = "x"
    return values


@pytest.mark.parametrize("who", ["anonymous", "member", "district_admin", "api"])
def test_every_route_answers_with_the_security_headers(app, login_as, api_as, tenant, who):
    """Walk the whole url_map as each kind of caller: whatever the status (200, 302, 401, 403, 404,
    405, 422 ...), the headers are there, and nothing but static files may be cached."""
    if who == "anonymous":
        client = app.test_client()
    elif who == "api":
        client = api_as("secretary", tenant)
    else:
        client = login_as(who, tenant if who == "member" else None)
    seen = 0
    for rule in app.url_map.iter_rules():
        url = rule.build(_fill(rule, tenant))[1] if rule.arguments else rule.rule
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if rule.endpoint == "auth.logout":
                continue  # would end this client's session for the rest of the walk
            response = getattr(client, method.lower())(url)
            static = rule.endpoint == "static" or rule.endpoint.endswith(".static") \
                or rule.endpoint == "shell.favicon"
            # a public page with nothing personal (core.web.cacheable) may be kept when it answers
            static = static or (getattr(app.view_functions[rule.endpoint], "_zhibu_cacheable", False)
                               and response.status_code in (200, 304))
            assert_hardened(response, f"{method} {url} -> {response.status_code}", personal=not static)
            assert response.status_code < 500, f"{method} {url}"
            response.close()
            seen += 1
    assert seen > 100


INLINE = re.compile(r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|\sstyle\s*=|javascript:|<style", re.I)


def test_no_template_has_inline_script_handlers_or_style():
    """The CSP forbids inline script and style attributes: behaviour lives in static/zhibu.js, looks
    in static/zhibu.css."""
    offenders = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INLINE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert not offenders, "\n".join(offenders)
