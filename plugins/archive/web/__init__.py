"""Pages (``bp``) and API (``api_bp``) of the archive, and what they share."""
from __future__ import annotations

from flask import abort, g
from flask_login import current_user

from core.api import tenant_api_blueprint
from core.files import file_path, send_stored
from core.kernel import kernel
from core.permissions import can
from core.web import tenant_blueprint
from plugins.archive import present, queries

bp = tenant_blueprint("archive", "plugins.archive")
api_bp = tenant_api_blueprint("archive", "plugins.archive",
                              "文书档案：上级来文与本级文件分类归档、由记录生成公文、目录索引、年度档案打包")


def tenant() -> str:
    return g.tenant.slug


def may(action: str) -> bool:
    return can(current_user, f"archive.{action}", tenant())


def found(row):
    if row is None:
        abort(404)
    return row


def send_document(row):
    return send_stored(kernel(), row.sha256, row.name, row.content_type)


def year_zip(year: int) -> bytes:
    k = kernel()

    def read(sha256: str):
        path = file_path(k, sha256)
        return path.read_bytes() if path else None
    return present.year_zip(year, queries.directory_index(k, tenant(), year), queries.category_names(k, tenant()),
                            read)


from plugins.archive.web import api, pages  # noqa: E402,F401  (the routes register on import)
