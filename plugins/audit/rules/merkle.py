"""Merkle tree maths of the transparency logs (RFC 6962 / RFC 9162 section 2), pure stdlib.

Leaves are hashed as SHA-256(0x00 || data) and interior nodes as SHA-256(0x01 || left || right);
the tree over n leaves splits at the largest power of two smaller than n. Inclusion and
consistency proofs follow RFC 9162 2.1.3 and 2.1.4 (generation) and their verification steps.
``leaf_data`` says what one stored event contributes: its notification id, identity, type and
exact stored bytes.
"""
from __future__ import annotations

import hashlib
import struct


def leaf_data(notification_id: int, originator_id, version: int, topic: str, state: bytes) -> bytes:
    """The bytes of one stored event as a leaf: length-prefixed fields, the stored bytes by their
    SHA-256 (an export can then prove an event without carrying its unmasked content)."""
    return leaf_data_of_digest(notification_id, originator_id, version, topic, hashlib.sha256(bytes(state)).digest())


def leaf_data_of_digest(notification_id: int, originator_id, version: int, topic: str, state_sha256: bytes) -> bytes:
    out = [struct.pack(">q", int(notification_id))]
    for part in (str(originator_id).encode(), str(int(version)).encode(), topic.encode(), state_sha256):
        out.append(struct.pack(">I", len(part)))
        out.append(part)
    return b"".join(out)


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = hashlib.sha256(b"").digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root(leaves: list[bytes]) -> bytes:
    """The tree head over leaf hashes (MTH of RFC 9162), computed bottom-up without recursion."""
    if not leaves:
        return EMPTY_ROOT
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    return frontier.root()


class Frontier:
    """The right edge of a growing tree: one perfect subtree root per set bit of the size, so the
    root after every appended leaf costs O(log n) (verifying many checkpoints in one pass)."""

    def __init__(self):
        self.size = 0
        self.stack: list[tuple[int, bytes]] = []   # (subtree height, hash), left to right

    def append(self, leaf: bytes) -> None:
        height, node = 0, leaf
        while self.stack and self.stack[-1][0] == height:
            _, left = self.stack.pop()
            node, height = node_hash(left, node), height + 1
        self.stack.append((height, node))
        self.size += 1

    def root(self) -> bytes:
        if not self.stack:
            return EMPTY_ROOT
        node = self.stack[-1][1]
        for _, left in reversed(self.stack[:-1]):
            node = node_hash(left, node)
        return node


class Tree:
    """Every level of the tree over ``leaves`` (an unpaired last node moves up unchanged, which gives
    RFC 6962's hashes), so that many inclusion proofs cost O(log n) each. Each level is one bytes
    object, 32 bytes a node: the tree of a million leaves takes 64 MB, not the 200 MB of a list of
    hashes."""

    def __init__(self, leaves: list[bytes] | bytes):
        level = bytes(leaves) if isinstance(leaves, (bytes, bytearray)) else b"".join(leaves)
        self.size = len(level) // 32
        self.levels = [level]
        while len(level) > 32:
            above = bytearray()
            for at in range(0, len(level) - 63, 64):   # a pair is 64 adjacent bytes: left, right
                above += hashlib.sha256(b"\x01" + level[at:at + 64]).digest()
            if len(level) % 64:
                above += level[-32:]
            level = bytes(above)
            self.levels.append(level)

    def root(self) -> bytes:
        return self.levels[-1] if self.size else EMPTY_ROOT

    def proof(self, index: int) -> list[bytes]:
        path = []
        for level in self.levels[:-1]:
            sibling = (index ^ 1) * 32
            if sibling < len(level):
                path.append(level[sibling:sibling + 32])
            index //= 2
        return path


def inclusion_proof(index: int, leaves: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]): the audit path of leaf ``index`` in the tree over ``leaves``."""
    if len(leaves) <= 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return inclusion_proof(index, leaves[:k]) + [root(leaves[k:])]
    return inclusion_proof(index - k, leaves[k:]) + [root(leaves[:k])]


def verify_inclusion(index: int, size: int, leaf: bytes, proof: list[bytes], expected_root: bytes) -> bool:
    """RFC 9162 2.1.3.2: whether ``leaf`` is at ``index`` of the tree of ``size`` with this root."""
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
    return sn == 0 and r == expected_root


def consistency_proof(old_size: int, leaves: list[bytes]) -> list[bytes]:
    """PROOF(m, D[n]): that the tree of ``old_size`` leaves is a prefix of the tree over ``leaves``."""
    if old_size == 0 or old_size == len(leaves):
        return []
    return _subproof(old_size, leaves, True)


def _subproof(m: int, leaves: list[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [root(leaves)]
    k = _split(n)
    if m <= k:
        return _subproof(m, leaves[:k], complete) + [root(leaves[k:])]
    return _subproof(m - k, leaves[k:], False) + [root(leaves[:k])]


def verify_consistency(old_size: int, new_size: int, old_root: bytes, new_root: bytes,
                       proof: list[bytes]) -> bool:
    """RFC 9162 2.1.4.2: whether the tree of ``new_size`` with ``new_root`` extends the older one."""
    if old_size > new_size:
        return False
    if old_size == new_size:
        return not proof and old_root == new_root
    if old_size == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if old_size & (old_size - 1) == 0:   # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root
