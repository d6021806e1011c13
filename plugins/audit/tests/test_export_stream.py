"""Audit exports are streamed (issue 16.6): the rows are counted and every log sealed and verified before
the first byte, then read, described and written a batch at a time; the file holds exactly the rows
counted (X-Export-Rows, the access record) whatever is written meanwhile, and is what the export held
when it was built whole in memory."""
from __future__ import annotations

import csv
import gc
import io
import json
import types
from datetime import datetime, timezone

import eventsourcing.domain
import pytest
from flask import request_finished
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from sqlalchemy import select

from core.excel import csv_bytes
from core.excel.xlsx import XlsxWriter, serial
from plugins.audit.models import access
from plugins.audit.present.exports import record
from plugins.audit.queries import history
from plugins.audit.queries.history import Criteria
from plugins.audit.rules import exportcheck
from plugins.audit.services import exports, seals, signing
from plugins.audit.tests.conftest import register


@pytest.fixture
def schools(school, other_tenant, k):
    for name in ("陈静", "刘洋", "赵敏", "孙丽"):
        register(k, other_tenant, name)
    return school, other_tenant


def whole(k, c: Criteria, key, limit: int = 100_000) -> list[dict]:
    """The export's records as the export built them before it streamed: every row read at once, then
    described at once (no batches, no keyset)."""
    with k.engine.connect() as conn:
        rows = conn.execute(history.export_query(c).limit(limit)).all()
    checks = {log: seals.verify_log(k, log, key, record=False) for log in sorted({r.tenant for r in rows})}
    return [record(d, checks[d.row.tenant]) for d in history.describe_rows(k, rows)]


def table_row(r: dict) -> list:
    """A record as a line of the CSV file and the workbook, as the export wrote it from the record."""
    changes = "；".join(f"{c['field']}: {c['before']} → {c['after']}" if c["field"] else f"{c['before']} → {c['after']}"
                       for c in r["changes"])
    return [r["tenant"], r["notification_id"], datetime.fromisoformat(r["timestamp"]), r["actor"], r["role"],
            r["event_type"], r["record"], r["version"], r["description"], changes, r["reason"],
            "是" if r["sealed"] else "否", r["seal_id"], "通过" if r["seal_ok"] else "未通过"]


def csv_rows(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def sent(app):
    """The responses the app answered with, as it made them (the test client wraps every answer as
    an iterator, so its ``is_streamed`` is always true)."""
    found = []

    def keep(_sender, response, **_extra):
        found.append(response)
    request_finished.connect(keep, app)
    yield found
    request_finished.disconnect(keep, app)


def streamed(response) -> bool:
    """Whether the app answered with a body still to be written (a generator), not bytes."""
    return response.is_streamed and isinstance(response.response, types.GeneratorType)


def access_rows(k):
    with k.engine.connect() as conn:
        return conn.execute(select(access).order_by(access.c.at)).all()


# -- the file: the same rows as one built whole ------------------------------------------------------
def test_a_batched_export_holds_what_a_whole_one_held(k, schools, key):
    c = Criteria()
    exports.export(k, c, "csv", key, limit=1000)   # seals every log (which records the schools' seals)
    exports.export(k, c, "csv", key, limit=1000)   # and the district's
    expected = whole(k, c, key)
    body, mimetype, ext, summary = exports.export(k, c, "csv", key, limit=1000)
    assert summary["rows"] == len(expected) > 10 and not summary["truncated"]
    assert body == csv_bytes(exports.EXPORT_COLUMNS, [table_row(r) for r in expected])
    prepared = exports.prepare_export(k, c, "csv", key, limit=1000, batch=3)
    chunks = list(prepared.chunks)
    assert len(chunks) == 1 + -(-len(expected) // 3) and b"".join(chunks) == body   # headers, then a chunk a batch
    lines = [json.loads(line) for line in exports.export(k, c, "jsonl", key, limit=1000)[0].splitlines()]
    assert [{k: v for k, v in line.items() if k != "proof"} for line in lines[1:-1]] == \
        [{"type": "event", **r} for r in expected]
    assert lines[0]["rows"] == len(expected) and lines[-1]["type"] == "signature"
    book = load_workbook(io.BytesIO(exports.export(k, c, "xlsx", key, limit=1000)[0]))
    assert [[cell.value for cell in row] for row in book["事件记录"].iter_rows(min_row=2)] == \
        [[v if v != "" else None for v in _naive(table_row(r))] for r in expected]


def _naive(row: list) -> list:
    """A table row as the export's workbook holds it: times in local time without a zone, as the writer
    stores them (``core.excel.xlsx.serial``) and openpyxl reads them back, to the millisecond. Rounding
    the microseconds instead (``round(us / 1000)``) differs at a half millisecond: 16:50:27.4425 is held
    as 27.443."""
    from core.clock import local  # noqa: PLC0415
    out = []
    for v in row:
        if isinstance(v, datetime):
            v = from_excel(float(serial(local(v).replace(tzinfo=None))))
        out.append(v)
    return out


def test_the_rows_are_read_as_the_body_is_read_not_before(k, schools, key, monkeypatch):
    described = []
    real = history.describe_rows
    monkeypatch.setattr(history, "describe_rows", lambda *a, **kw: described.append(len(a[1])) or real(*a, **kw))
    prepared = exports.prepare_export(k, Criteria(), "jsonl", key, limit=1000, batch=4)
    assert described == [] and prepared.summary["seals"]   # counted, sealed, verified; nothing described yet
    first = next(prepared.chunks)
    assert json.loads(first)["type"] == "export" and described == []
    next(prepared.chunks)
    assert described == [4]
    rest = list(prepared.chunks)
    assert sum(described) == prepared.rows and max(described) == 4 and rest[-1].startswith(b'{"type": "signature"')


@pytest.fixture
def stamps(request, monkeypatch):
    """Events stamped with the time they happen, or (``True``) all with one instant: every row then ties
    with every other on time, and the order rests on notification ids and logs."""
    if request.param:
        instant = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)
        monkeypatch.setattr(eventsourcing.domain, "datetime_now_with_tzinfo", lambda: instant)


@pytest.mark.parametrize("stamps", [False, True], indirect=True, ids=["times", "one-instant"])
def test_rows_written_while_an_export_streams_are_not_in_it_and_none_repeats(stamps, k, schools, key):
    """Keyset batches over the rows counted first: new rows (at the head of the order, or tied on time
    with every row) neither enter the file nor push a row into two batches, as offsets did."""
    c = Criteria()
    expected = [(r["tenant"], r["notification_id"]) for r in whole(k, c, key)]
    prepared = exports.prepare_export(k, c, "csv", key, limit=1000, batch=3)   # seals: the district's log grows
    chunks = [next(prepared.chunks), next(prepared.chunks)]
    for n in range(4):   # new events in both logs between two batches
        register(k, schools[n % 2], f"新党员{n}")
    chunks += list(prepared.chunks)
    got = [(r[0], int(r[1])) for r in csv_rows(b"".join(chunks))[1:]]
    assert got == expected and len(set(got)) == len(got) == prepared.rows
    assert len(whole(k, c, key)) > len(expected) + 4


def test_the_limit_truncates_and_says_so(k, schools, key):
    c = Criteria(school=schools[1])   # a school's log: sealing it adds nothing to it
    total = exports.export(k, c, "csv", key, limit=1000)[3]["rows"]
    body, _mime, _ext, summary = exports.export(k, c, "csv", key, limit=5)
    assert summary["rows"] == 5 == len(csv_rows(body)) - 1 and summary["truncated"] is True
    body, _mime, _ext, summary = exports.export(k, c, "csv", key, limit=total)
    assert summary["rows"] == total == len(csv_rows(body)) - 1 and summary["truncated"] is False


# -- the download ------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_the_download_is_streamed_with_its_row_count_and_recorded_first(login_as, k, schools, key, fmt, sent):
    admin = login_as("district_admin")
    r = admin.get(f"/audit/export?format={fmt}&school={schools[1]}")
    assert r.status_code == 200 and streamed(sent[-1])
    rows = int(r.headers["X-Export-Rows"])
    [record] = access_rows(k)   # recorded before the first byte, with the rows the file holds
    assert record.details["rows"] == rows and f"{rows} 条" in record.subject
    body = r.get_data()
    if fmt == "csv":
        assert len(csv_rows(body)) == rows + 1
    if fmt == "jsonl":
        lines = body.splitlines()
        assert len(lines) == rows + 2 and exportcheck.check(body, signing.public_hex(key)) == ([], rows)
    if fmt == "xlsx":
        assert int(r.headers["Content-Length"]) == len(body)
        assert load_workbook(io.BytesIO(body))["事件记录"].max_row == rows + 1
    assert "no-store" in r.headers["Cache-Control"]


def test_the_api_streams_too_and_still_refuses_a_bad_format_before_any_byte(api_as, k, schools, sent):
    api = api_as("district_admin")
    r = api.get(f"/api/v1/audit/exports?format=jsonl&school={schools[0]}")
    assert r.status_code == 200 and streamed(sent[-1]) and int(r.headers["X-Export-Rows"]) == len(r.data.splitlines()) - 2
    for bad in ("format=pdf", "format=csv&since=yesterday", "format=csv&record=nope"):
        r = api.get(f"/api/v1/audit/exports?{bad}")
        assert r.status_code == 422 and not streamed(sent[-1]), bad
    assert len(access_rows(k)) == 1


def test_a_bad_page_request_gets_a_message_not_a_stream(login_as, schools, k, sent):
    admin = login_as("district_admin")
    r = admin.get("/audit/export?format=pdf")
    assert r.status_code == 302 and not streamed(sent[-1])
    page = admin.get(r.headers["Location"]).get_data(as_text=True)
    assert "alert-danger" in page or "danger" in page
    assert access_rows(k) == []


def test_several_unread_downloads_are_read_in_any_order(login_as, schools, key):
    admin = login_as("district_admin")
    first = admin.get(f"/audit/export?format=csv&school={schools[0]}")
    second = admin.get(f"/audit/export?format=jsonl&school={schools[1]}")
    third = admin.get(f"/audit/export?format=xlsx&school={schools[0]}")
    assert exportcheck.check(second.get_data(), signing.public_hex(key))[0] == []
    assert load_workbook(io.BytesIO(third.get_data())).sheetnames == ["事件记录", "封存校验"]
    assert csv_rows(first.get_data())[0][:2] == ["学校", "通知序号"]


def test_the_console_offers_the_progress_of_its_downloads(login_as, schools):
    page = login_as("district_admin").get("/audit/").get_data(as_text=True)
    assert page.count('data-download="export-progress"') == 4   # three links and the reveal form
    assert 'id="export-progress"' in page and "<progress>" in page and "已导出 {n} / {m} 条" in page


# -- the streamed JSONL file, offline ------------------------------------------------------------------
def test_the_streamed_jsonl_passes_the_offline_check_and_fails_on_any_change(login_as, schools, key, tmp_path):
    body = login_as("district_admin").get("/audit/export?format=jsonl").get_data()
    public = signing.public_hex(key)
    lines = body.splitlines()
    trailer = json.loads(lines[-1])
    assert trailer["format"] == "zhibu-export-v2" and len(lines) > 10
    path = tmp_path / "export.jsonl"
    path.write_bytes(body)
    assert exportcheck.check_file(path, public) == exportcheck.check(body, public) == ([], len(lines) - 2)
    for position in (5, len(body) // 3, len(body) - len(lines[-1]) - 3, len(body) - 10):
        changed = bytearray(body)
        changed[position] ^= 0x01
        assert exportcheck.check(bytes(changed), public)[0], position
    assert exportcheck.check(body + b'{"type": "event"}\n', public)[0]        # a line added after the signature
    assert exportcheck.check(body.replace(lines[1] + b"\n", b"", 1), public)[0]   # a line removed
    assert exportcheck.check(body + b"\n\n", public)[0] == []                  # blank lines at the end are no change


def test_a_file_signed_before_exports_streamed_still_checks(k, schools, key):
    """zhibu-export-v1: the signature over the bytes themselves."""
    body = exports.export(k, Criteria(school=schools[0]), "jsonl", key, limit=1000)[0]
    content = body[:body.rindex(b"\n", 0, len(body) - 1) + 1]
    trailer = {"type": "signature", "format": "zhibu-export-v1", "public_key": signing.public_hex(key),
               "signature": signing.sign(key, content)}
    old = content + (json.dumps(trailer) + "\n").encode()
    problems, proven = exportcheck.check(old, signing.public_hex(key))
    assert problems == [] and proven == len(content.splitlines()) - 1
    changed = bytearray(old)
    changed[len(content) // 2] ^= 0x01
    assert exportcheck.check(bytes(changed), signing.public_hex(key))[0]


def test_an_unreadable_line_fails_without_an_error(k, schools, key):
    from plugins.audit.queries import proofs  # noqa: PLC0415
    public = signing.public_hex(key)
    signed = proofs.signed_jsonl([{"type": "export", "checkpoints": {}}, {"type": "event"}], key)
    assert exportcheck.check(signed, public) == (["None #None: no inclusion proof"], 0)
    garbled = proofs.SignedLines(key)
    body = garbled.line({"type": "export", "checkpoints": {}})
    body += b"not json\n"
    garbled.digest.update(b"not json\n")
    body += garbled.signature()
    problems, proven = exportcheck.check(body, public)
    assert proven == 0 and problems[0].startswith("unreadable export")
    assert exportcheck.check(b"", public)[0] and exportcheck.check(b"\n\n", public)[0]


def test_an_xlsx_export_is_written_to_a_temporary_file_first_and_released(k, schools, key):
    prepared = exports.prepare_export(k, Criteria(), "xlsx", key, limit=1000)
    [spool_close] = prepared.closing
    spool = spool_close.__self__
    assert prepared.length == spool.seek(0, 2) and not spool.closed
    spool.seek(0)
    body = b"".join(prepared.chunks)
    assert len(body) == prepared.length and spool.closed
    unread = exports.prepare_export(k, Criteria(), "xlsx", key, limit=1000)
    unread.close()   # a download abandoned before its first byte
    assert unread.closing[0].__self__.closed


def test_packed_proofs_give_what_the_rows_hold():
    from plugins.audit.queries import proofs, storedrows  # noqa: PLC0415
    from plugins.audit.rules import merkle
    rows = [storedrows.Row(n, oid, v, "plugins.members.domain:Member.Registered", f"state {n}".encode()).hashed()
            for n, oid, v in ((2, "6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b10", 1), (5, "parked", 3),
                              (9, "6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b10", 2))]
    packed = proofs.LogProofs({"size": 3}, rows)
    tree = merkle.Tree([bytes.fromhex(r.leaf) for r in rows])
    for index, r in enumerate(rows):
        proof = packed.proof(r.notification_id)
        assert proof == {"notification_id": r.notification_id, "originator_id": r.originator_id,
                         "version": r.version, "topic": r.topic, "state_sha256": r.state_sha256, "index": index,
                         "path": [h.hex() for h in tree.proof(index)]}
        assert exportcheck.leaf_hash(proof) == bytes.fromhex(r.leaf)
    assert packed.proof(3) is None and packed.proof(10) is None and proofs.LogProofs(None, []).proof(2) is None


def test_the_body_is_written_outside_the_request_and_its_contexts(login_as, schools, key):
    """As a WSGI server sends it: after the view returned, where no app or request context is pushed
    (a thread of its own has none of the test's; the test client reads the first chunk itself)."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415
    from flask import has_app_context  # noqa: PLC0415
    client = login_as("district_admin")

    def download():
        assert not has_app_context()
        r = client.get(f"/audit/export?format=jsonl&school={schools[0]}")
        return r.get_data(), int(r.headers["X-Export-Rows"])
    with ThreadPoolExecutor(1) as pool:
        body, rows = pool.submit(download).result()
    assert exportcheck.check(body, signing.public_hex(key)) == ([], rows)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_the_cycle_collector_is_paused_while_a_chunk_is_made_and_on_between_chunks(k, schools, key, fmt, monkeypatch):
    """An export's rows make no reference cycles, so the collector's passes over them (a quarter of an
    export's CPU, docs/benchmarks.md) are skipped while each chunk is made; it is on again while the
    chunk is sent, after the last one, and when the reader gives up half-way."""
    seen = []
    real = history.describe_rows
    monkeypatch.setattr(history, "describe_rows", lambda *a, **kw: seen.append(gc.isenabled()) or real(*a, **kw))
    assert gc.isenabled()
    prepared = exports.prepare_export(k, Criteria(), fmt, key, limit=1000, batch=2)
    chunks = iter(prepared.chunks)
    next(chunks)
    assert gc.isenabled()
    prepared.close()
    assert gc.isenabled()
    prepared = exports.prepare_export(k, Criteria(), fmt, key, limit=1000, batch=2)
    body = b"".join(prepared.chunks)
    prepared.close()
    assert body and gc.isenabled() and seen and not any(seen)


@pytest.mark.parametrize("at, held", [(datetime(2026, 12, 1, 5, 11, 14, 999600, tzinfo=timezone.utc), (15, 0)),
                                       (datetime(2026, 12, 2, 8, 50, 27, 442500, tzinfo=timezone.utc), (27, 443000))])
def test_a_time_is_compared_to_the_millisecond_the_workbook_holds(at, held):
    """CI failed when an event was recorded at hh:mm:14.9996 (a workbook holds 15.000, not 14.000), and
    again at 16:50:27.4425 (the export's workbook holds 27.443; rounding the microseconds gave 27.442)."""
    buffer = io.BytesIO()
    with XlsxWriter(buffer) as book:
        book.add_sheet("事件记录", ["时间"], [[at]])
    back = load_workbook(buffer).active.cell(2, 1).value
    assert back == _naive([at])[0] and (back.second, back.microsecond) == held
