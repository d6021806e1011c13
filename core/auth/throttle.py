"""Sign-in throttling (登录限速) over ``core_login_failures``: operational data, not the audit record.

Failures count per (account, address) pair: after ``max_failures`` the pair waits ``first_wait``, and
each further failure doubles the wait up to ``longest_wait``. Other addresses are not held back, so a
guesser cannot lock the owner out. An address with ``address_ceiling`` failures in ``window`` (a
pupil behind the school's NAT trying many names) gets one wrong try per account before that pair
waits; a correct password of an account not yet failed from there still signs in. A success clears
its pair; an administrator's unlock clears the account; failures older than ``memory`` are forgotten.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, insert, select

from core.db import login_failures
from core.kernel import Kernel


@dataclass(frozen=True)
class ThrottleRules:
    max_failures: int = 5
    address_ceiling: int = 20
    window: timedelta = timedelta(minutes=15)
    first_wait: timedelta = timedelta(minutes=1)
    longest_wait: timedelta = timedelta(hours=1)
    memory: timedelta = timedelta(hours=24)

    @classmethod
    def from_config(cls, config) -> ThrottleRules:
        return cls(max_failures=config["ZHIBU_LOGIN_MAX_FAILURES"],
                   address_ceiling=config["ZHIBU_LOGIN_ADDRESS_CEILING"],
                   window=timedelta(seconds=config["ZHIBU_LOGIN_WINDOW_SECONDS"]))

    def wait(self, failures: int, threshold: int) -> timedelta:
        """How long a pair with ``failures`` waits after its last one (zero below the threshold)."""
        if failures < threshold:
            return timedelta(0)
        return min(self.first_wait * 2 ** min(failures - threshold, 20), self.longest_wait)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)  # SQLite drops the zone


def _threshold(conn, rules: ThrottleRules, address: str, now: datetime) -> int:
    recent = conn.scalar(select(func.count()).select_from(login_failures).where(
        login_failures.c.remote_addr == address, login_failures.c.at >= now - rules.window))
    return 1 if recent >= rules.address_ceiling else rules.max_failures


def _pair(conn, rules: ThrottleRules, username: str, address: str, now: datetime):
    return conn.execute(select(func.count(), func.max(login_failures.c.at)).where(
        login_failures.c.username == username, login_failures.c.remote_addr == address,
        login_failures.c.at >= now - rules.memory)).one()


def waiting_until(k: Kernel, rules: ThrottleRules, username: str, address: str) -> datetime | None:
    """When this pair may try again, or None when it may try now."""
    now = k.wall_now()
    with k.reading() as conn:
        failures, last = _pair(conn, rules, username, address, now)
        if not failures:
            return None
        until = _aware(last) + rules.wait(failures, _threshold(conn, rules, address, now))
    return until if until > now else None


def record_failure(k: Kernel, rules: ThrottleRules, username: str, address: str) -> tuple[int, timedelta]:
    """Count a failure; answer the pair's failures and the wait it now has (zero: none)."""
    now = k.wall_now()
    with k.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.at < now - rules.memory))
        conn.execute(insert(login_failures).values(username=username, remote_addr=address, at=now))
        failures, _last = _pair(conn, rules, username, address, now)
        return failures, rules.wait(failures, _threshold(conn, rules, address, now))


def clear_pair(k: Kernel, username: str, address: str) -> None:
    with k.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.username == username,
                                                  login_failures.c.remote_addr == address))


def clear_account(k: Kernel, username: str) -> None:
    with k.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.username == username))


def held_back(k: Kernel, rules: ThrottleRules) -> dict[str, datetime]:
    """Accounts some address must wait for now: username → the latest such moment (users page)."""
    now = k.wall_now()
    found: dict[str, datetime] = {}
    with k.reading() as conn:
        pairs = conn.execute(select(login_failures.c.username, login_failures.c.remote_addr, func.count(),
                                    func.max(login_failures.c.at))
                             .where(login_failures.c.at >= now - rules.memory)
                             .group_by(login_failures.c.username, login_failures.c.remote_addr)).all()
        thresholds: dict[str, int] = {}
        for username, address, failures, last in pairs:
            if address not in thresholds:
                thresholds[address] = _threshold(conn, rules, address, now)
            until = _aware(last) + rules.wait(failures, thresholds[address])
            if until > now and until > found.get(username, now):
                found[username] = until
    return found
