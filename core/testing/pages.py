"""What the tests do as a browser would: sign in through the login form with its CSRF token, call the
API with a bearer token, upload a real image, read the message shown beside a field."""
from __future__ import annotations

import html
import io
import re

PASSWORD = "test-password-1"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def csrf_token(client) -> str:
    """The CSRF token of the client's session, read from a page as a browser would."""
    html = client.get("/login").get_data(as_text=True)
    match = CSRF.search(html)
    assert match, "no CSRF token on the login page"
    return match.group(1)


def login(client, username: str, password: str = PASSWORD):
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_token(client)})


class ApiClient:
    """A test client that sends a bearer token with every request."""

    def __init__(self, client, token: str):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def __getattr__(self, method):
        def call(url, **kwargs):
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return getattr(self.client, method)(url, headers=headers, **kwargs)
        return call


def image_bytes(kind: str = "PNG") -> bytes:
    """A real 2×2 image (PNG, JPEG, GIF or WEBP) for upload tests: uploads must decode."""
    from PIL import Image  # noqa: PLC0415  (only upload tests need Pillow's encoders)
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (183, 28, 28)).save(buffer, format=kind)
    return buffer.getvalue()


def field_message(page: str, name: str) -> str:
    """The message a page shows right beside the field named ``name`` (``ui.field_error``), '' if none."""
    found = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{re.escape(name)}"[^>]*>(.*?)'
                      r'(?=<(?:input|select|textarea)\b|</form>)', page, re.S)
    said = found and re.search(r'<span class="field-error error"[^>]*>(.*?)</span>', found.group(1), re.S)
    return html.unescape(said.group(1)) if said else ""
