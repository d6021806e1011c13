"""Read side of the archive: search, one document, a year's directory index."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import func, or_, select

from core.kernel import Kernel
from core.tenancy.models import school_plugins, schools
from plugins.archive import rules
from plugins.archive import models as m
from plugins.archive.models import documents


def settings(k: Kernel, tenant: str) -> dict:
    return k.settings(tenant, "archive")


def categories(k: Kernel, tenant: str) -> list[rules.Category]:
    return rules.categories_or_default(settings(k, tenant)["categories"])


def category_names(k: Kernel, tenant: str) -> dict[str, str]:
    return {c.code: c.name for c in categories(k, tenant)}


def search_query(tenant: str, year: int | None = None, category: str | None = None, q: str | None = None,
                 withdrawn: bool = False):
    query = select(documents).where(documents.c.tenant == tenant)
    if year:
        query = query.where(documents.c.year == year)
    if category:
        query = query.where(documents.c.category == category)
    if not withdrawn:
        query = query.where(documents.c.withdrawn.is_(False))
    if q:
        like = f"%{q.replace('%', '').replace('_', '')}%"
        query = query.where(or_(documents.c.title.like(like), documents.c.number.like(like),
                                documents.c.issuer.like(like)))
    return query.order_by(documents.c.year.desc(), documents.c.issued_on.desc(), documents.c.id)


def search(k: Kernel, tenant: str, **criteria) -> list:
    with k.reading() as conn:
        return conn.execute(search_query(tenant, **criteria).limit(500)).all()


def get_document(k: Kernel, tenant: str, document_id: UUID):
    with k.reading() as conn:
        return conn.execute(select(documents).where(documents.c.tenant == tenant,
                                                    documents.c.id == document_id)).first()


def year_documents(k: Kernel, tenant: str, year: int, withdrawn: bool = False) -> list:
    query = select(documents).where(documents.c.tenant == tenant, documents.c.year == year)
    if not withdrawn:
        query = query.where(documents.c.withdrawn.is_(False))
    with k.reading() as conn:
        return conn.execute(query).all()


def directory_index(k: Kernel, tenant: str, year: int) -> list[tuple[int, object]]:
    """The year's directory index (目录索引): every document still filed, numbered in the order of the
    category tree, then by date, then by filing."""
    return rules.number_index(year_documents(k, tenant, year), categories(k, tenant))


def years(k: Kernel, tenant: str) -> list[int]:
    with k.reading() as conn:
        return sorted(set(conn.scalars(select(documents.c.year).where(documents.c.tenant == tenant)
                                       .distinct())), reverse=True)


def file_of(k: Kernel, tenant: str, sha256: str):
    with k.reading() as conn:
        return conn.execute(select(documents).where(documents.c.tenant == tenant,
                                                    documents.c.sha256 == sha256)).first()


def index_outputs(k: Kernel, tenant: str, year: int) -> list:
    """When the year's directory index was printed or exported, latest first."""
    t = m.index_outputs
    with k.reading() as conn:
        return conn.execute(select(t).where(t.c.tenant == tenant, t.c.year == year)
                            .order_by(t.c.at.desc()).limit(50)).all()


def year_counts(k: Kernel, tenant: str, year: int) -> dict[str, int]:
    """Documents of the year still filed, per category (one grouped statement)."""
    t = documents
    with k.reading() as conn:
        return dict(conn.execute(select(t.c.category, func.count()).where(
            t.c.tenant == tenant, t.c.year == year, t.c.withdrawn.is_(False)).group_by(t.c.category)).all())


# -- the district's view: every school's archive of a year ---------------------------------------------
def schools_enabled(k: Kernel) -> list:
    """The schools that have the archive enabled (slug, name), in slug order: two statements for any number."""
    with k.reading() as conn:
        rows = conn.execute(select(schools.c.slug, schools.c.name).order_by(schools.c.slug)).all()
        enabled = set(conn.scalars(select(school_plugins.c.tenant).where(
            school_plugins.c.tenant.in_([r.slug for r in rows]), school_plugins.c.plugin == "archive",
            school_plugins.c.enabled.is_(True))))
    return [r for r in rows if r.slug in enabled]


def district_year(k: Kernel, slugs: list[str], year: int) -> dict[str, dict]:
    """Per school of ``slugs``: its documents of ``year`` still filed by category, the last filing, and
    the last time the year's directory index was printed or exported — one grouped statement for the
    documents and one for the outputs, whatever the number of schools."""
    out = {slug: {"counts": {}, "last_filed": None, "last_output": None, "output_form": None, "outputs": 0}
           for slug in slugs}
    if not slugs:
        return out
    d, o = documents, m.index_outputs
    with k.reading() as conn:
        for tenant, category, n, last in conn.execute(
                select(d.c.tenant, d.c.category, func.count(), func.max(d.c.filed_at))
                .where(d.c.tenant.in_(slugs), d.c.year == year, d.c.withdrawn.is_(False))
                .group_by(d.c.tenant, d.c.category)):
            school = out[tenant]
            school["counts"][category] = n
            school["last_filed"] = max(filter(None, (school["last_filed"], last)), default=None)
        latest = (select(o.c.tenant, func.max(o.c.at).label("at"), func.count().label("n"))
                  .where(o.c.tenant.in_(slugs), o.c.year == year).group_by(o.c.tenant).subquery())
        for tenant, at, n, form in conn.execute(
                select(latest.c.tenant, latest.c.at, latest.c.n, func.max(o.c.form))
                .join(o, (o.c.tenant == latest.c.tenant) & (o.c.year == year) & (o.c.at == latest.c.at))
                .group_by(latest.c.tenant, latest.c.at, latest.c.n)):
            out[tenant].update(last_output=at, outputs=n, output_form=form)
    return out
