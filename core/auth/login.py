"""Flask-Login wiring: server-side sessions for pages, API bearer tokens, and the password policy."""
from __future__ import annotations

from datetime import timedelta
from uuid import UUID

from flask import g, request
from flask.sessions import SessionInterface, SessionMixin
from flask.sessions import session_json_serializer as serializer
from flask_login import LoginManager
from werkzeug.datastructures import CallbackDict

from core.auth import sessions
from core.auth.passwords import PasswordPolicy
from core.auth.queries import load_user, user_id_for_token_hash
from core.auth.services import hash_token
from core.kernel import Kernel

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录"
login_manager.session_protection = "strong"

EXPIRED_NOTICE = "长时间未操作或登录已超过时限，已自动退出（登录已超时），请重新登录。"


def init_login(app, k: Kernel) -> None:
    login_manager.init_app(app)
    k.password_policy = PasswordPolicy(min_length=app.config["ZHIBU_PASSWORD_MIN_LENGTH"])
    app.session_interface = ServerSessionInterface(k, sessions.Limits(
        idle=timedelta(minutes=app.config["ZHIBU_SESSION_IDLE_MINUTES"]),
        lifetime=timedelta(hours=app.config["ZHIBU_SESSION_MAX_HOURS"])))

    @login_manager.user_loader
    def _load(user_id: str):
        try:
            uid = UUID(user_id)
        except ValueError:
            return None
        with k.reading() as conn:
            user = load_user(conn, uid)
        return user if user is not None and user.is_active else None

    @login_manager.request_loader
    def _from_token(req):
        header = req.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return None
        with k.reading() as conn:
            uid = user_id_for_token_hash(conn, hash_token(header[7:].strip()))
            user = load_user(conn, uid) if uid else None
        if user is None or not user.is_active:
            return None
        user.via_token = True
        g.via_token = True
        return user


def remote_addr() -> str:
    return request.remote_addr or "unknown"


class ServerSession(CallbackDict, SessionMixin):
    """The session of one browser; only its random id travels in the cookie."""

    def __init__(self, initial=None, session_id: str | None = None, public_id: str | None = None):
        def on_update(self):
            self.modified = True
        super().__init__(initial, on_update)
        self.session_id, self.public_id = session_id, public_id
        self.modified = self.rotated = self.ended = False

    def rotate(self) -> None:
        """Give this session a new id at the end of the request (sign-in: no fixation; sign-out)."""
        self.rotated = self.modified = True


class ServerSessionInterface(SessionInterface):
    """Sessions kept in ``core_sessions``; an unknown, ended or expired id opens an empty session."""

    def __init__(self, k: Kernel, limits: sessions.Limits):
        self.k, self.limits = k, limits

    def open_session(self, app, request):
        session_id = request.cookies.get(self.get_cookie_name(app))
        if not session_id:
            return ServerSession()
        row = sessions.find(self.k, session_id)
        if row is None:
            return ServerSession()
        if self.limits.expired(row, self.k.wall_now()):
            sessions.end(self.k, session_id)
            fresh = ServerSession()
            if row.user_id is not None:
                fresh["_flashes"] = [("warning", EXPIRED_NOTICE)]
            return fresh
        found = ServerSession(serializer.loads(row.data), session_id, row.public_id)
        found.last_seen = sessions.aware(row.last_seen)
        return found

    def save_session(self, app, session: ServerSession, response) -> None:
        name, domain, path = self.get_cookie_name(app), self.get_cookie_domain(app), self.get_cookie_path(app)
        response.vary.add("Cookie")  # answers differ by session: no shared cache may mix them
        user_id = _uuid(session.get("_user_id"))
        if session.rotated and session.session_id:
            sessions.end(self.k, session.session_id)
            session.session_id = None
        if not session and session.session_id is None:
            if request.cookies.get(name):
                response.delete_cookie(name, domain=domain, path=path)
            return
        if session.session_id is None:
            session.session_id = sessions.new_id()
            sessions.start(self.k, session.session_id, user_id, serializer.dumps(dict(session)),
                           remote_addr(), request.headers.get("User-Agent", ""))
        elif session.modified:
            sessions.save(self.k, session.session_id, user_id, serializer.dumps(dict(session)))
            return
        elif self.k.wall_now() - session.last_seen >= sessions.TOUCH_EVERY:
            sessions.touch(self.k, session.session_id)
            return
        else:
            return
        response.set_cookie(name, session.session_id, domain=domain, path=path,
                            httponly=self.get_cookie_httponly(app), secure=self.get_cookie_secure(app),
                            samesite=self.get_cookie_samesite(app))


def _uuid(value) -> UUID | None:
    try:
        return UUID(str(value)) if value else None
    except ValueError:
        return None
