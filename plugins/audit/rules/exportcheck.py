"""Stand-alone check of an exported event file (JSONL): needs Python's standard library and `cryptography`.

Copy this one file anywhere and run ``python exportcheck.py EXPORT.jsonl PUBLIC_KEY_HEX``. It checks
1. the file's signature (its last line) over every byte before it: one changed byte fails. The
   signature (format zhibu-export-v2) is over the SHA-256 of those bytes, which the exporter computes
   as it streams the file and this check as it reads it, a line at a time; files signed over their
   bytes themselves (zhibu-export-v1, before streamed exports) are still checked;
2. each checkpoint's Ed25519 signature (log, size, root hash, time) by the same public key;
3. each event's inclusion proof (RFC 6962/9162) against its log's checkpoint, from the event's
   notification id, record id, version, type and the SHA-256 of its stored bytes.
It deliberately imports nothing from Zhibu (the hashing is repeated from plugins/audit/rules/merkle.py).
"""
from __future__ import annotations

import hashlib
import io
import json
import struct
import sys
from typing import BinaryIO, Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CHECKPOINT_FORMAT = "zhibu-checkpoint-v1"
EXPORT_FORMAT = "zhibu-export-v2"      # the signature is over the SHA-256 of the bytes before it
EXPORT_FORMAT_V1 = "zhibu-export-v1"   # the signature is over the bytes before it


def export_message(sha256_hex: str) -> bytes:
    """What the last line of a zhibu-export-v2 file signs: the SHA-256 of every byte before it."""
    return f"{EXPORT_FORMAT}\n{sha256_hex}\n".encode()


def leaf_hash(p: dict) -> bytes:
    parts = [struct.pack(">q", int(p["notification_id"]))]
    for part in (str(p["originator_id"]).encode(), str(int(p["version"])).encode(), p["topic"].encode(),
                 bytes.fromhex(p["state_sha256"])):
        parts += [struct.pack(">I", len(part)), part]
    return hashlib.sha256(b"\x00" + b"".join(parts)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 section 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def signature_ok(public_key: str, message: bytes, signature: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key)).verify(bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def checkpoint_message(cp: dict) -> bytes:
    return f"{CHECKPOINT_FORMAT}\n{cp['log']}\n{int(cp['size'])}\n{cp['root']}\n{cp['signed_at']}\n".encode()


class _Events:
    """The content lines of an export, checked one at a time: the first carries the checkpoints, each
    event line its inclusion proof."""

    def __init__(self, public_key: str):
        self.public_key = public_key
        self.head: dict | None = None
        self.problems: list[str] = []
        self.proven = 0

    def add(self, line: dict) -> None:
        if self.head is None:
            self.head = line
            for log, cp in line.get("checkpoints", {}).items():
                if cp["public_key"] != self.public_key or not signature_ok(self.public_key, checkpoint_message(cp),
                                                                           cp["signature"]):
                    self.problems.append(f"checkpoint of {log} (size {cp['size']}): bad signature or another key")
            return
        proof = line.get("proof")
        if line.get("type") != "event":
            return
        if proof is None:
            self.problems.append(f"{line.get('tenant')} #{line.get('notification_id')}: no inclusion proof")
            return
        cp = self.head.get("checkpoints", {}).get(line["tenant"])
        same = (proof["notification_id"] == line["notification_id"] and proof["originator_id"] == line["record"]
                and proof["version"] == line["version"])
        if cp is None or not same or not verify_inclusion(
                proof["index"], int(cp["size"]), leaf_hash(proof), [bytes.fromhex(h) for h in proof["path"]],
                bytes.fromhex(cp["root"])):
            self.problems.append(f"{line['tenant']} #{line['notification_id']}: inclusion proof fails")
        else:
            self.proven += 1


def check_stream(open_file: Callable[[], BinaryIO], public_key: str) -> tuple[list[str], int]:
    """(problems, events proven) of the export ``open_file()`` reads, a line at a time (a v1 file's body
    is read a second time, whole, to check its signature). No problems: every byte is as signed and
    every event is in its log."""
    digest, events = hashlib.sha256(), _Events(public_key)
    unreadable: str | None = None
    body_length, last, blank = 0, None, b""   # the last content line is the signature: not yet hashed
    with open_file() as handle:
        for line in handle:
            if not line.rstrip(b"\n"):      # empty lines: part of the body unless they end the file
                blank += line
                continue
            if last is not None:
                digest.update(last + blank)
                body_length += len(last) + len(blank)
                if unreadable is None and last.strip():
                    try:
                        events.add(json.loads(last))
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        unreadable = f"unreadable export: {exc}"
            elif blank:
                digest.update(blank)
                body_length += len(blank)
            last, blank = line, b""
    if last is None:
        return ["the last line is not the export's signature"], 0
    try:
        trailer = json.loads(last)
        if not isinstance(trailer, dict) or trailer.get("type") != "signature" \
                or trailer.get("format") not in (EXPORT_FORMAT, EXPORT_FORMAT_V1):
            return ["the last line is not the export's signature"], 0
        if trailer["format"] == EXPORT_FORMAT:
            signed = digest.hexdigest() == trailer.get("sha256", digest.hexdigest()) and signature_ok(
                public_key, export_message(digest.hexdigest()), trailer["signature"])
        else:
            with open_file() as handle:
                signed = signature_ok(public_key, handle.read(body_length), trailer["signature"])
    except (ValueError, KeyError, TypeError) as exc:
        return [f"unreadable export: {exc}"], 0
    if not signed:
        return ["the file's signature does not match its content or this public key"], 0
    if unreadable or events.head is None:
        return [unreadable or "unreadable export: no content"], 0
    return events.problems, events.proven


def check(data: bytes, public_key: str) -> tuple[list[str], int]:
    """``check_stream`` of an export held in memory."""
    return check_stream(lambda: io.BytesIO(data), public_key)


def check_file(path, public_key: str) -> tuple[list[str], int]:
    """``check_stream`` of an export file: read a line at a time, whatever its size."""
    return check_stream(lambda: open(path, "rb"), public_key)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python exportcheck.py EXPORT.jsonl PUBLIC_KEY_HEX")
        return 2
    problems, proven = check_file(argv[1], argv[2])
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print(f"ok — {proven} events proven included in signed checkpoints")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
