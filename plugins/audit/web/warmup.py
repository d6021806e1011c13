"""The console's one-off costs of a new process, paid when the app starts instead of on the first
inspector's request (issue 19 point 5): the event-type filter's options, the console's templates
compiled, the translation catalogues loaded, the first page's statements compiled under each filter's
shape and the seal status's, and (SQLite) the log files opened for this thread."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask_babel import force_locale, get_translations

from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit.queries import history, scope as scopes
from plugins.audit.queries.history import logread
from plugins.audit.services import seals

TEMPLATES = ("audit/index.html", "base.html", "macros/ui.html")


def warm_up(app: Flask, k: Kernel) -> None:
    from plugins.audit.web.pages.console import _type_options  # noqa: PLC0415  (the pages import this module's blueprint)
    _type_options(k.registry)
    for name in TEMPLATES:
        app.jinja_env.get_template(name)
    with app.test_request_context("/audit/"):
        for lang in ("zh_CN", "en"):
            with force_locale(lang):
                get_translations()
        try:
            logs = scopes.scope_logs(k, None)
            history.school_names(k)
            logread.open_logs(k, logs)
            seals.seal_status(k, logs)
            school = next((log for log in logs if log != DISTRICT), None)
            now = k.now()
            shapes = [history.Criteria(), history.Criteria(actor="-"), history.Criteria(event_type="-"),
                      history.Criteria(schools=logs, actor="-"),
                      history.Criteria(school=school, since=now - timedelta(days=31), until=now)]
            for c in shapes:
                page = history.list_history(k, c)
                history.describe_rows(k, page.items, "zh_CN")
        finally:
            k.reading.release()
