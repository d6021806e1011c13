"""The password policy (密码规则) and the password hash: scrypt (werkzeug's default KDF), salted.

A password has at least ``min_length`` characters (ZHIBU_PASSWORD_MIN_LENGTH, 10 by default) and at
most 128, is not the username, and is not in ``data/common-passwords.txt`` (see the script beside it).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from core.auth.domain import AccountError
from core.errors import N_

MAX_LENGTH = 128
COMMON = Path(__file__).with_name("data") / "common-passwords.txt"


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 10
    max_length: int = MAX_LENGTH

    def check(self, password: str, username: str = "") -> None:
        """Raise AccountError (field ``password``) with the sentence that says what to change."""
        if len(password) < self.min_length:
            raise AccountError(N_("密码至少 %(min_length)s 位"), min_length=self.min_length, field="password")
        if len(password) > self.max_length:
            raise AccountError(N_("密码不能超过 %(max_length)s 位"), max_length=self.max_length, field="password")
        if username and password.strip().lower() == username.strip().lower():
            raise AccountError(N_("密码不能与用户名相同"), field="password")
        if password.lower() in common_passwords():
            raise AccountError(N_("这个密码太常见，容易被猜中，请换一个"), field="password")


@functools.cache
def common_passwords() -> frozenset[str]:
    return frozenset(COMMON.read_text(encoding="utf-8").split())


def hash_password(password: str) -> str:
    return generate_password_hash(password)


@functools.cache
def _dummy_hash() -> str:
    """A hash made exactly as real ones are, so checking against it costs the same."""
    return generate_password_hash("zhibu-no-such-user")


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password``; with no hash (unknown username), do the same work and answer False."""
    if password_hash is None:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(password_hash, password)
