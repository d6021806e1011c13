"""The console's downloads show their progress (issue 16.6): core/static/zhibu.js, run by Node.js in a
bare page (tests/js/download_progress.mjs), fetches the export the app streams, counts its rows (or its
bytes, for an .xlsx file of known length) into the <progress> bar and saves exactly the bytes sent.

No browser test: the suite has no browser harness (no Playwright) to extend cheaply; the script's
logic runs here against the app's real responses instead. Skipped where Node.js is not installed."""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plugins.audit.tests.conftest import register

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js (node) is not installed: the download script's "
                                                     "test needs it")


@pytest.fixture
def admin(login_as, make_tenant, k):
    slug = make_tenant("school-a", "第一中学")
    for n in range(12):
        register(k, slug, f"党员{n}")
    return login_as("district_admin")


def texts(page: str) -> dict:
    """The progress box's words, as the console page gives them."""
    box = re.search(r'<span id="export-progress"[^>]*>', page, re.S).group(0)
    return {name: html.unescape(value) for name, value in re.findall(r'(data-text-[a-z]+)="([^"]*)"', box)}


def run(tmp_path, response, url: str, chunk: int, page_texts: dict) -> dict:
    body = response.get_data()
    (tmp_path / "body").write_bytes(body)
    spec = {"url": url, "status": response.status_code, "chunk": chunk, "body_file": str(tmp_path / "body"),
            "headers": {k: v for k, v in response.headers.items()
                        if k in ("Content-Type", "Content-Disposition", "Content-Length", "X-Export-Rows")},
            "texts": page_texts}
    (tmp_path / "case.json").write_text(json.dumps(spec), encoding="utf-8")
    done = subprocess.run([NODE, str(ROOT / "tests/js/download_progress.mjs"), str(ROOT / "core/static/zhibu.js"),
                           str(tmp_path / "case.json")], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    seen["sent"] = {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
    return seen


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_csv_or_jsonl_download_counts_its_rows_and_saves_the_file(admin, tmp_path, fmt):
    page_texts = texts(admin.get("/audit/").get_data(as_text=True))
    url = f"/audit/export?format={fmt}&school=school-a"
    response = admin.get(url)
    rows = int(response.headers["X-Export-Rows"])
    seen = run(tmp_path, response, url, 700, page_texts)
    assert seen["prevented"] and seen["assigned"] == [] and seen["busyAtEnd"] is None
    [saved] = seen["saved"]
    assert (saved["sha256"], saved["size"]) == (seen["sent"]["sha256"], seen["sent"]["size"])
    assert re.fullmatch(rf"audit-\d{{8}}-\d{{6}}\.{fmt}", saved["name"])
    counts = [int(m.group(1)) for s in seen["statuses"] if (m := re.fullmatch(rf"已导出 (\d+) / {rows} 条", s))]
    assert seen["statuses"][0] == "正在封存、校验并清点事件…" and seen["statuses"][-1] == f"导出完成：{rows} 条"
    assert len(counts) > 3 and counts == sorted(counts) and counts[0] < rows and counts[-1] == rows
    assert seen["bars"][-1] == [1, 1] and all(v <= m for v, m in seen["bars"])
    assert seen["units"]["words"] == "已导出 3 / 10 条"
    assert seen["units"]["filename"] == ["audit-1.csv", "导出.xlsx", "export"]


def test_an_xlsx_download_counts_its_bytes(admin, tmp_path):
    page_texts = texts(admin.get("/audit/").get_data(as_text=True))
    url = "/audit/export?format=xlsx"
    response = admin.get(url)
    rows, length = int(response.headers["X-Export-Rows"]), int(response.headers["Content-Length"])
    seen = run(tmp_path, response, url, 2000, page_texts)
    [saved] = seen["saved"]
    assert saved["sha256"] == seen["sent"]["sha256"] and saved["size"] == length
    shares = [int(m.group(1)) for s in seen["statuses"] if (m := re.fullmatch(rf"已下载 (\d+)%（共 {rows} 条）", s))]
    assert len(shares) > 3 and shares == sorted(shares) and shares[-1] == 100
    assert [m for _v, m in seen["bars"][:-1]] == [length] * (len(seen["bars"]) - 1)


def test_an_answer_that_is_no_export_is_left_to_the_browser(admin, tmp_path):
    """A message page (a redirect followed, an error): the page navigates to the link as it would have."""
    page_texts = texts(admin.get("/audit/").get_data(as_text=True))
    url = "/audit/export?format=pdf"
    seen = run(tmp_path, admin.get(url, follow_redirects=True), url, 1000, page_texts)
    assert seen["assigned"] == [url] and seen["saved"] == [] and seen["hiddenAtEnd"] is True
