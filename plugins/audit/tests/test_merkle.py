"""The Merkle tree maths (RFC 6962 / 9162), pure: reference vectors, proofs, and what a leaf covers."""
from __future__ import annotations

import hashlib

import pytest

from plugins.audit.rules import merkle

# The eight leaves of certificate-transparency's reference tests, and their tree heads.
CT_LEAVES = [b"", b"\x00", b"\x10", b"\x20\x21", b"\x30\x31", b"\x40\x41\x42\x43", bytes(range(0x50, 0x58)),
             bytes(range(0x60, 0x70))]
CT_ROOTS = {1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"}


def leaves(n: int) -> list[bytes]:
    return [merkle.leaf_hash(str(i).encode()) for i in range(n)]


def mth(hashes: list[bytes]) -> bytes:
    """RFC 9162's recursive definition, to compare the iterative code with."""
    if len(hashes) == 1:
        return hashes[0]
    k = 1
    while k * 2 < len(hashes):
        k *= 2
    return merkle.node_hash(mth(hashes[:k]), mth(hashes[k:]))


def test_the_tree_heads_match_the_certificate_transparency_reference_vectors():
    hashed = [merkle.leaf_hash(d) for d in CT_LEAVES]
    assert merkle.root(hashed[:1]).hex() == CT_ROOTS[1]
    assert merkle.root(hashed).hex() == CT_ROOTS[8]
    assert merkle.root([]) == hashlib.sha256(b"").digest()


@pytest.mark.parametrize("n", [1, 2, 3, 5, 7, 8, 9, 16, 17, 33])
def test_every_leaf_has_an_inclusion_proof_and_a_wrong_leaf_has_none(n):
    hashes = leaves(n)
    root, tree = merkle.root(hashes), merkle.Tree(hashes)
    assert root == mth(hashes) == tree.root()
    for i in range(n):
        proof = tree.proof(i)
        assert proof == merkle.inclusion_proof(i, hashes)
        assert merkle.verify_inclusion(i, n, hashes[i], proof, root)
        assert not merkle.verify_inclusion(i, n, merkle.leaf_hash(b"forged"), proof, root)
        if n > 1:
            assert not merkle.verify_inclusion((i + 1) % n, n, hashes[i], proof, root)


@pytest.mark.parametrize("n", [1, 2, 3, 6, 8, 11, 32])
def test_a_newer_tree_is_proven_to_extend_every_older_one(n):
    hashes = leaves(n)
    for m in range(0, n + 1):
        proof = merkle.consistency_proof(m, hashes)
        assert merkle.verify_consistency(m, n, merkle.root(hashes[:m]), merkle.root(hashes), proof)
        if 0 < m < n:
            rewritten = [merkle.leaf_hash(b"x"), *hashes[1:]]
            assert not merkle.verify_consistency(m, n, merkle.root(rewritten[:m]), merkle.root(hashes), proof)


def test_a_leaf_changes_with_every_part_of_the_stored_event():
    base = (7, "6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b10", 3, "plugins.x:Y.Z", b'{"a":1}')
    leaf = merkle.leaf_hash(merkle.leaf_data(*base))
    for i, other in enumerate((8, "6f1c2e1e-8a53-4d8e-9a44-0b6f6f7d2b11", 4, "plugins.x:Y.W", b'{"a":2}')):
        changed = list(base)
        changed[i] = other
        assert merkle.leaf_hash(merkle.leaf_data(*changed)) != leaf


def test_the_frontier_gives_the_root_after_every_leaf():
    hashes, frontier = leaves(40), merkle.Frontier()
    for i, h in enumerate(hashes):
        frontier.append(h)
        assert frontier.root() == merkle.root(hashes[:i + 1])
