"""Ed25519 signatures over checkpoints (log, size, root hash, time): verifying needs the public key only.

The private key is a 32-byte seed, hex, in a file kept apart from the data (``ZHIBU_SIGNING_KEY_PATH``,
formerly ``ZHIBU_SEAL_KEY_PATH``: an old HMAC key file is read as a seed). The message format is
plain text so that the stand-alone verifier (``exportcheck``) rebuilds it byte for byte.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

FORMAT = "zhibu-checkpoint-v1"
ROTATION = "zhibu-key-rotation-v1"


class SigningKeyPlacementError(RuntimeError):
    """The signing key sits inside the instance folder, beside the data it vouches for."""


def load_key(path: str | Path) -> Ed25519PrivateKey:
    """The signing key at ``path``, generated on first use (mode 600)."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(path.read_text().strip())[:32])


def is_inside(path: str | Path, folder: str | Path) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def checkpoint_message(log: str, size: int, root_hex: str, signed_at: str) -> bytes:
    return f"{FORMAT}\n{log}\n{int(size)}\n{root_hex}\n{signed_at}\n".encode()


def rotation_message(old_public: str, new_public: str) -> bytes:
    return f"{ROTATION}\n{old_public}\n{new_public}\n".encode()


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return key.sign(message).hex()


def signature_ok(public_key_hex: str, message: bytes, signature_hex: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(bytes.fromhex(signature_hex), message)
    except (InvalidSignature, ValueError):
        return False
    return True
