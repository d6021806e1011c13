"""Flask-Login wiring: session users and API bearer tokens, and sign-in throttling."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import g, request
from flask_login import LoginManager
from sqlalchemy import delete, func, insert, select

from core.auth.queries import load_user, user_id_for_token_hash
from core.auth.services import hash_token
from core.db import login_failures
from core.kernel import Kernel

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录"
login_manager.session_protection = "strong"


def init_login(app, k: Kernel) -> None:
    login_manager.init_app(app)

    @login_manager.user_loader
    def _load(user_id: str):
        try:
            uid = UUID(user_id)
        except ValueError:
            return None
        with k.engine.connect() as conn:
            return load_user(conn, uid)

    @login_manager.request_loader
    def _from_token(req):
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        with k.engine.connect() as conn:
            uid = user_id_for_token_hash(conn, hash_token(header[7:].strip()))
            user = load_user(conn, uid) if uid else None
        if user is not None:
            user.via_token = True
            g.via_token = True
        return user


def is_throttled(k: Kernel, username: str, remote_addr: str, max_failures: int, window: int) -> bool:
    since = k.now() - timedelta(seconds=window)
    with k.engine.connect() as conn:
        by_user = conn.scalar(select(func.count()).select_from(login_failures).where(
            login_failures.c.username == username, login_failures.c.at >= since))
        by_addr = conn.scalar(select(func.count()).select_from(login_failures).where(
            login_failures.c.remote_addr == remote_addr, login_failures.c.at >= since))
    return by_user >= max_failures or by_addr >= max_failures * 4


def record_failure(k: Kernel, username: str, remote_addr: str) -> None:
    with k.engine.begin() as conn:
        conn.execute(insert(login_failures).values(username=username, remote_addr=remote_addr,
                                                   at=k.now()))


def clear_failures(k: Kernel, username: str) -> None:
    with k.engine.begin() as conn:
        conn.execute(delete(login_failures).where(login_failures.c.username == username))


def remote_addr() -> str:
    return request.remote_addr or "unknown"
