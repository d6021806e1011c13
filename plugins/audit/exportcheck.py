"""Stand-alone check of an exported event file (JSONL): needs Python's standard library and `cryptography`.

Copy this one file anywhere and run ``python exportcheck.py EXPORT.jsonl PUBLIC_KEY_HEX``. It checks
1. the file's signature (its last line) over every byte before it: one changed byte fails;
2. each checkpoint's Ed25519 signature (log, size, root hash, time) by the same public key;
3. each event's inclusion proof (RFC 6962/9162) against its log's checkpoint, from the event's
   notification id, record id, version, type and the SHA-256 of its stored bytes.
It deliberately imports nothing from Zhibu (the hashing is repeated from plugins/audit/merkle.py).
"""
from __future__ import annotations

import hashlib
import json
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

CHECKPOINT_FORMAT = "zhibu-checkpoint-v1"
EXPORT_FORMAT = "zhibu-export-v1"


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


def check(data: bytes, public_key: str) -> tuple[list[str], int]:
    """(problems, events proven). No problems: every byte is as signed and every event is in its log."""
    body, _, last = data.rstrip(b"\n").rpartition(b"\n")
    try:
        trailer = json.loads(last)
        if trailer.get("type") != "signature" or trailer.get("format") != EXPORT_FORMAT:
            return ["the last line is not the export's signature"], 0
        if not signature_ok(public_key, body + b"\n", trailer["signature"]):
            return ["the file's signature does not match its content or this public key"], 0
        lines = [json.loads(line) for line in body.split(b"\n") if line.strip()]
    except (ValueError, KeyError, TypeError) as exc:
        return [f"unreadable export: {exc}"], 0
    head = lines[0]
    problems, proven = [], 0
    cps = head.get("checkpoints", {})
    for log, cp in cps.items():
        if cp["public_key"] != public_key or not signature_ok(public_key, checkpoint_message(cp), cp["signature"]):
            problems.append(f"checkpoint of {log} (size {cp['size']}): bad signature or another key")
    for line in lines[1:]:
        proof = line.get("proof")
        if line.get("type") != "event":
            continue
        if proof is None:
            problems.append(f"{line.get('tenant')} #{line.get('notification_id')}: no inclusion proof")
            continue
        cp = cps.get(line["tenant"])
        same = (proof["notification_id"] == line["notification_id"] and proof["originator_id"] == line["record"]
                and proof["version"] == line["version"])
        if cp is None or not same or not verify_inclusion(
                proof["index"], int(cp["size"]), leaf_hash(proof), [bytes.fromhex(h) for h in proof["path"]],
                bytes.fromhex(cp["root"])):
            problems.append(f"{line['tenant']} #{line['notification_id']}: inclusion proof fails")
        else:
            proven += 1
    return problems, proven


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python exportcheck.py EXPORT.jsonl PUBLIC_KEY_HEX")
        return 2
    with open(argv[1], "rb") as handle:
        problems, proven = check(handle.read(), argv[2])
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print(f"ok — {proven} events proven included in signed checkpoints")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
