"""Configuration from ``ZHIBU_*`` environment variables, resolved once by the app factory."""
from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from core.clock import LOCAL_TZ


@dataclass(frozen=True)
class StoreConfig:
    """Where the event logs and the read models live."""

    database_url: str | None  # None: embedded SQLite files under the instance folder
    instance_path: Path
    schema: str = ""          # PostgreSQL schema (tests use one each); "" = public

    @property
    def is_postgres(self) -> bool:
        return bool(self.database_url) and self.database_url.startswith("postgres")

    @property
    def sqlalchemy_url(self) -> str:
        if not self.database_url:
            return f"sqlite:///{self.instance_path / 'zhibu.sqlite'}"
        url = self.database_url
        for prefix in ("postgresql://", "postgres://"):
            if url.startswith(prefix):
                return "postgresql+psycopg://" + url[len(prefix):]
        return url

    def postgres_env(self) -> dict[str, str]:
        """The settings eventsourcing's PostgreSQL module reads."""
        parts = urlparse(self.database_url or "")
        return {
            "POSTGRES_DBNAME": parts.path.lstrip("/") or "postgres",
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": unquote(parts.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(parts.password or ""),
            "POSTGRES_SCHEMA": self.schema,
        }


PRIVATE_UMASK = 0o077


def keep_files_private() -> None:
    """Everything this process creates is its own user's alone: files 0600, folders 0700 (the event
    logs and the read-model database with their -wal/-shm files, uploads, keys, exports). Set once, in
    the app factory, before anything is written; SQLite gives -wal/-shm the mode of their database."""
    os.umask(PRIVATE_UMASK)


def close_instance_folder(instance_path: Path) -> None:
    """The instance folder is 0700, also when an older release created it world-readable: what it
    holds is then out of other users' reach whatever the files' own modes."""
    instance_path.mkdir(parents=True, exist_ok=True)
    if instance_path.stat().st_mode & 0o077:
        try:
            instance_path.chmod(0o700)
        except PermissionError:  # a folder another user owns: say so, and let its owner decide
            logging.getLogger("zhibu").warning("instance folder %s is open to other users (mode %o)",
                                               instance_path, instance_path.stat().st_mode & 0o777)


def instance_path_from_env() -> Path:
    return Path(os.environ.get("ZHIBU_INSTANCE_PATH") or Path.cwd() / "instance").resolve()


def load_secret_key(instance_path: Path) -> str:
    """ZHIBU_SECRET_KEY, or a key generated once into the instance folder."""
    key = os.environ.get("ZHIBU_SECRET_KEY")
    if key:
        return key
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def seal_key_path(instance_path: Path) -> Path:
    """The checkpoint signing key (ZHIBU_SIGNING_KEY_PATH, or the older name ZHIBU_SEAL_KEY_PATH), outside
    the instance folder; unset (``make run``, the demo), a key is generated beside it, with a warning
    (core.app); in production mode a key inside the instance folder refuses to start."""
    return Path(os.environ.get("ZHIBU_SIGNING_KEY_PATH") or os.environ.get("ZHIBU_SEAL_KEY_PATH")
                or instance_path.parent / f"{instance_path.name}-signing.key")


def settings_from_env(overrides: dict | None = None) -> dict:
    """Flask config built from the environment; ``overrides`` wins (tests pass theirs)."""
    overrides = dict(overrides or {})
    instance_path = Path(overrides.pop("INSTANCE_PATH", None) or instance_path_from_env())
    database_url = overrides.pop("DATABASE_URL", None) or os.environ.get("ZHIBU_DATABASE_URL") or None
    schema = overrides.pop("DATABASE_SCHEMA", None) or os.environ.get("ZHIBU_DATABASE_SCHEMA", "")
    secure = os.environ.get("ZHIBU_SECURE_COOKIES", "1").lower() not in ("0", "false", "no")
    config = {
        "SECRET_KEY": overrides.get("SECRET_KEY") or load_secret_key(instance_path),
        "ZHIBU_STORE": StoreConfig(database_url=database_url, instance_path=instance_path,
                                   schema=schema),
        "ZHIBU_INLINE_PROJECTIONS": os.environ.get("ZHIBU_INLINE_PROJECTIONS", "1") != "0",
        "ZHIBU_LOGIN_MAX_FAILURES": int(os.environ.get("ZHIBU_LOGIN_MAX_FAILURES", "5")),
        "ZHIBU_LOGIN_WINDOW_SECONDS": int(os.environ.get("ZHIBU_LOGIN_WINDOW_SECONDS", "900")),
        "ZHIBU_LOGIN_ADDRESS_CEILING": int(os.environ.get("ZHIBU_LOGIN_ADDRESS_CEILING", "20")),
        "ZHIBU_PASSWORD_MIN_LENGTH": int(os.environ.get("ZHIBU_PASSWORD_MIN_LENGTH", "10")),
        "ZHIBU_SESSION_IDLE_MINUTES": int(os.environ.get("ZHIBU_SESSION_IDLE_MINUTES", "30")),
        "ZHIBU_SESSION_MAX_HOURS": int(os.environ.get("ZHIBU_SESSION_MAX_HOURS", "12")),
        "ZHIBU_SEAL_KEY_PATH": seal_key_path(instance_path),
        "ZHIBU_CHECKPOINT_DIR": checkpoint_dir(instance_path),
        # District summaries a page computes itself at most (core.summaries.read); the rest wait for the worker.
        "ZHIBU_SUMMARY_REFRESH_PER_READ": int(os.environ.get("ZHIBU_SUMMARY_REFRESH_PER_READ", "20")),
        # Seconds a user's home widgets are kept while nothing they read changed (core.home); 0: never.
        "ZHIBU_HOME_WIDGETS_TTL": float(os.environ.get("ZHIBU_HOME_WIDGETS_TTL", "300")),
        "ZHIBU_SEAL_INTERVAL_SECONDS": float(os.environ.get("ZHIBU_SEAL_INTERVAL_SECONDS", "30")),
        "ZHIBU_PRODUCTION": os.environ.get("ZHIBU_PRODUCTION", "0").lower() in ("1", "true", "yes"),
        **smtp_settings(),
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "MAX_CONTENT_LENGTH": int(os.environ.get("ZHIBU_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))),
        "BABEL_DEFAULT_LOCALE": "zh_CN",
        "BABEL_DEFAULT_TIMEZONE": LOCAL_TZ.key,
        "WTF_CSRF_TIME_LIMIT": None,
        "API_TITLE": "Zhibu API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.1.0",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
    config.update(overrides)
    return config


def checkpoint_dir(instance_path: Path) -> Path:
    """Where the district's signed checkpoints are also written (ZHIBU_CHECKPOINT_DIR): meant for another
    disk; by default a folder beside the instance, never inside it."""
    return Path(os.environ.get("ZHIBU_CHECKPOINT_DIR") or instance_path.parent / f"{instance_path.name}-checkpoints")


def smtp_settings() -> dict:
    """The mail server notices are sent through (``ZHIBU_SMTP_*``); without a host, no e-mail."""
    env = os.environ.get
    return {"ZHIBU_SMTP_HOST": env("ZHIBU_SMTP_HOST", ""), "ZHIBU_SMTP_PORT": int(env("ZHIBU_SMTP_PORT") or 25),
            "ZHIBU_SMTP_USER": env("ZHIBU_SMTP_USER", ""), "ZHIBU_SMTP_PASSWORD": env("ZHIBU_SMTP_PASSWORD", ""),
            "ZHIBU_SMTP_FROM": env("ZHIBU_SMTP_FROM", ""),
            "ZHIBU_SMTP_STARTTLS": env("ZHIBU_SMTP_STARTTLS", "0").lower() in ("1", "true", "yes")}
