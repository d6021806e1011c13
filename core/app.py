"""The application factory: nothing happens at import time."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from flask import Flask, current_app, flash, g, has_request_context, redirect, request, session, url_for
from flask_babel import Babel, gettext
from flask_smorest import Blueprint as ApiBlueprint
from flask_wtf.csrf import CSRFError, CSRFProtect
from jinja2 import FileSystemBytecodeCache
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from core import api as api_shell
from core import web
from core.auth.login import init_login
from core.config import close_instance_folder, keep_files_private, settings_from_env
from core.errors import N_, ConflictError, DomainError, NotFoundError
from core.formatting import register_filters
from core.kernel import STORED, Kernel
from core.messages import message_of
from core.plugins import Registry

ROOT = Path(__file__).resolve().parent.parent
csrf = CSRFProtect()
babel = Babel()


def select_locale() -> str:
    """Chinese first; English when the user switched to it. The API, which has no session, answers
    in the language its caller asks for (Accept-Language), Chinese by default. Outside a request (the
    command line, a worker, a service called directly) the source language, Chinese."""
    if not has_request_context():
        return "zh_CN"
    if api_shell.is_api_request():
        return "en" if request.accept_languages.best_match(["zh", "zh_CN", "en"]) == "en" else "zh_CN"
    return session.get("lang", "zh_CN")


def create_app(config: dict | None = None, extra_plugins: tuple = ()) -> Flask:
    keep_files_private()
    settings = settings_from_env(config)
    store = settings["ZHIBU_STORE"]
    close_instance_folder(store.instance_path)
    app = Flask(__name__, instance_path=str(store.instance_path))
    app.json = web.JSONProvider(app)
    app.url_map.converters.update(int=web.BoundedIntegerConverter, year=web.YearConverter)
    app.config.update(settings)
    if not app.config.get("TESTING"):
        # Compiled templates kept beside the data: a new process (a worker restarted, a second app
        # server) renders its first page without parsing and compiling the templates again (the
        # console's first request spent ~200 ms there). Jinja checks each template's source.
        cache = store.instance_path / "template-cache"
        cache.mkdir(exist_ok=True)
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache(str(cache))

    _check_signing_key(settings)
    registry = Registry(extra_plugins=extra_plugins)
    k = Kernel(store, registry)
    k.config = app.config
    k.inline_projections = app.config["ZHIBU_INLINE_PROJECTIONS"]
    app.extensions["zhibu"] = k
    app.teardown_request(lambda _exc: k.reading.release())      # the request's read connection
    app.teardown_appcontext(lambda _exc: k.reading.release())   # a CLI command's (core.reading)

    # One English catalogue for the core, and one beside each plugin that has one.
    catalogues = [ROOT / "translations", *sorted(ROOT.glob("plugins/*/translations"))]
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(p) for p in catalogues)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    init_login(app, k)
    api = api_shell.ZhibuApi(app)
    register_filters(app)

    plugin_of_blueprint: dict[str, str] = {}
    for impl in registry.hook.zhibu_blueprints.get_hookimpls():
        info = registry.info_of(impl.plugin)
        for blueprint in impl.function() or ():
            if isinstance(blueprint, ApiBlueprint):
                if not isinstance(blueprint, api_shell.Blueprint):
                    raise TypeError(f"API blueprint {blueprint.name} must be a core.api.Blueprint")
                api.register_blueprint(blueprint)
                csrf.exempt(blueprint)  # the API authenticates with bearer tokens, not cookies
            else:
                app.register_blueprint(blueprint)
            if info is not None and not info.always_on:
                plugin_of_blueprint[blueprint.name] = info.name
    web.install(app, k, plugin_of_blueprint)
    _register_error_handlers(app)
    if k.inline_projections and k.is_initialised():
        k.catch_up_everything()  # what a crash left unapplied (with a worker, the worker does it)
    if app.config.get("ZHIBU_WARM_UP", not app.config.get("TESTING")) and k.is_initialised():
        warm_up(app, k)
    return app


def warm_up(app: Flask, k: Kernel) -> None:
    """Run the warm-ups plugins' blueprints registered (``app.extensions["zhibu.warm_ups"]``, each
    ``fn(app, k)``): a new process's one-off costs (catalogues, templates, compiled statements, files)
    paid at start rather than by its first request. A failing warm-up is logged, never fatal."""
    for fn in app.extensions.get("zhibu.warm_ups", ()):
        try:
            fn(app, k)
        except Exception:  # noqa: BLE001
            app.logger.exception("warm-up %s failed", getattr(fn, "__qualname__", fn))


def _check_signing_key(settings: dict) -> None:
    """The checkpoint signing key must live apart from the data it vouches for: whoever can edit the
    instance folder could otherwise re-sign an edited log. Production refuses a key inside it."""
    key, instance = Path(settings["ZHIBU_SEAL_KEY_PATH"]).resolve(), settings["ZHIBU_STORE"].instance_path.resolve()
    inside = key.is_relative_to(instance)
    if inside and settings.get("ZHIBU_PRODUCTION"):
        raise RuntimeError(f"the signing key {key} is inside the instance folder {instance}; "
                           "set ZHIBU_SIGNING_KEY_PATH to a path outside it")
    if inside or not (os.environ.get("ZHIBU_SIGNING_KEY_PATH") or os.environ.get("ZHIBU_SEAL_KEY_PATH")):
        logging.getLogger("zhibu").warning("the signing key %s is on the data's disk (ZHIBU_SIGNING_KEY_PATH "
                                           "unset or inside the instance): fine for a demo, weak evidence", key)


STORED_ANYWAY = N_("已保存。部分页面数据暂未更新，区级管理员可在“系统状态”页面查看原因。")


def _stored_anyway():
    """The answer to a write request that stored its events and then could not build its answer
    (its read model stopped at the event, or a bug after the save): success, never an error — a client
    that retried would write twice. The cause is logged; None when nothing was stored."""
    stored = g.get(STORED)
    if not stored or request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    current_app.logger.exception("request %s %s stored %d event(s) and then failed to answer",
                                 request.method, request.path, len(stored))
    if api_shell.is_api_request():
        body = api_shell.json_error(202, gettext(STORED_ANYWAY))[0]
        body["stored"] = [{"log": log, "id": id_, "version": version} for log, id_, version in stored]
        return body, 202
    flash(gettext(STORED_ANYWAY), "warning")
    return redirect(request.referrer or url_for("shell.index"))


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        answer = _stored_anyway()
        if answer is None:
            raise exc  # nothing was stored: the ordinary 500 (and, in tests, the traceback)
        return answer

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if isinstance(exc, MethodNotAllowed) and not _path_matches(app, exc.valid_methods or ()):
            exc = NotFound()
        if exc.code in (404, 500):
            answer = _stored_anyway()
            if answer is not None:
                return answer
        if isinstance(exc, CSRFError):
            if api_shell.is_api_request():
                return api_shell.json_error(400, "CSRF token missing or invalid")
            return web.render_error(exc, description=gettext("表单已过期或缺少安全令牌，请刷新页面后重试。"))
        if api_shell.is_api_request():
            return api_shell.http_error_json(exc)
        return web.render_error(exc)

    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        if api_shell.is_api_request():
            return api_shell.domain_error_json(exc)
        flash(message_of(exc), "danger")
        return redirect(request.referrer or request.path) if request.method == "POST" \
            else web.render_error(_Unprocessable(message_of(exc)))

    @app.errorhandler(ConflictError)
    def _conflict(exc: ConflictError):
        if api_shell.is_api_request():
            return api_shell.conflict_json(exc)
        flash(message_of(exc), "danger")
        return web.render_error(_Conflict(message_of(exc)))

    @app.errorhandler(NotFoundError)
    def _not_found(exc: NotFoundError):
        answer = _stored_anyway()
        if answer is not None:
            return answer
        if api_shell.is_api_request():
            return api_shell.not_found_json(exc)
        return web.render_error(_NotFound())


def _path_matches(app: Flask, methods) -> bool:
    """Whether the request's path names something for one of ``methods``.

    werkzeug answers 405 when another method's rule has the same shape but this method's converter
    refuses the value (``PUT …/sets/7440`` beside ``GET …/sets/<year>``): such a path names nothing,
    which is a 404, as it is for GET.
    """
    adapter = app.url_map.bind_to_environ(request.environ)
    for method in methods:
        try:
            adapter.match(method=method)
        except RequestRedirect:
            return True
        except HTTPException:
            continue
        return True
    return False


class _Unprocessable(HTTPException):
    code = 422


class _Conflict(HTTPException):
    code = 409


class _NotFound(HTTPException):
    code = 404
    description = "记录不存在。"
