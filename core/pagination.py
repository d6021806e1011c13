"""Pagination of read-model queries, the same for pages and the API."""
from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.sql import Select


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    total: int
    capped: int | None = None   # the count stopped past this many: ``total`` is then "more than capped"

    @property
    def more_than(self) -> int | None:
        """The cap when the rows were counted only up to it and more matched, else None."""
        return self.capped if self.capped is not None and self.total > self.capped else None

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    def meta(self) -> dict:
        meta = {"page": self.page, "per_page": self.per_page, "total": self.total, "pages": self.pages}
        return meta | ({"more_than": self.more_than} if self.more_than is not None else {})


def paginate(conn, query: Select, page: int = 1, per_page: int = 50) -> Page:
    page, per_page = max(1, int(page or 1)), max(1, min(500, int(per_page or 50)))
    total = conn.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = conn.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return Page(items=items, page=page, per_page=per_page, total=total)
