"""The floor under load (issue 19.5): ``gunicorn benchmarks.core.floor_wsgi:app`` serves the app as
``wsgi.py`` does, except that the pages named by ZHIBU_BENCH_FLOOR_PATHS (comma-separated) answer, from
their third request in a worker on, with the templates their second (warm) request rendered, rendered
again from the context each was given: the same HTML from precomputed rows, through the same server, session,
user, permission and headers. benchmarks/core/load.py measures it beside the real page."""
from __future__ import annotations

import os

from flask import template_rendered

from wsgi import app

_CAPTURED: dict[str, list] = {}   # endpoint → [(template, context)] of its warm request in this worker
_SEEN: dict[str, int] = {}


def _precomputed(endpoint: str, real):
    def view(**arguments):
        found = _CAPTURED.get(endpoint)
        if found is None:
            _SEEN[endpoint] = _SEEN.get(endpoint, 0) + 1
            if _SEEN[endpoint] == 1:   # the first request computes what the page keeps between writes
                return real(**arguments)
            rendered = []

            def record(_sender, template, context, **_extra):
                rendered.append((template, context))
            template_rendered.connect(record, app)
            try:
                answer = real(**arguments)
            finally:
                template_rendered.disconnect(record, app)
            _CAPTURED[endpoint] = rendered
            return answer
        html = ""
        for template, context in found:   # the page's own template is rendered last
            html = template.render(context)
        return html
    view._zhibu_action = real._zhibu_action
    return view


for path in filter(None, os.environ.get("ZHIBU_BENCH_FLOOR_PATHS", "").split(",")):
    name = app.url_map.bind("localhost").match(path)[0]
    app.view_functions[name] = _precomputed(name, app.view_functions[name])
