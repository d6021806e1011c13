"""A school's public disclosure board (/public/<tenant>/disclosure): no sign-in, only items for
everyone whose window is open, their public text alone; rate-limited per address and cached."""
from __future__ import annotations

import hashlib
import json

from flask import g, make_response, render_template, request
from flask_babel import get_locale
from flask_login import current_user

from core.kernel import kernel
from core.permissions import public
from core.ratelimit import limit_per_address
from core.web import cacheable
from plugins.disclosure import present, queries
from plugins.disclosure.web import public_bp

MAX_AGE = 300   # seconds a browser or proxy may keep the board


@public_bp.route("/")
@public
@cacheable
def board():
    limit_per_address("disclosure.public")
    k = kernel()
    today = k.today()
    items = [present.public_item(r) for r in queries.public_items(k, g.tenant.slug, today)]
    # the answer depends on the school, the day, the items shown and the language only
    tag = hashlib.sha256(json.dumps([g.tenant.slug, g.tenant.name, today.isoformat(), str(get_locale()),
                                     items], default=str, ensure_ascii=False).encode()).hexdigest()[:32]
    if request.if_none_match.contains(tag):
        response = make_response("", 304)
    else:
        response = make_response(render_template("disclosure/public/board.html", items=items, today=today,
                                                 school=g.tenant.name))
    response.set_etag(tag)
    shared = "public" if not current_user.is_authenticated else "private"
    response.headers["Cache-Control"] = f"{shared}, max-age={MAX_AGE}"
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response
