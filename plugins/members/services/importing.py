"""The roster import (all or nothing): preview a workbook, then register every row as one batch."""
from __future__ import annotations

from uuid import uuid4

from core.errors import N_
from core.kernel import Kernel
from core.messages import translated
from core.retrying import retrying
from plugins.members import queries, rules
from plugins.members.domain import ImportBatch, Member, MemberError
from plugins.members.schemas import importing
from plugins.members.services.members import implausible
from plugins.members.services.register import RETRIES, save_members


def preview_import(k: Kernel, tenant: str, data: bytes) -> importing.Preview:
    """Read a workbook and list every row's errors (each row's data plausible as a registration
    typed on the page must be); nothing is written."""
    preview = importing.read_workbook(data)
    for row in preview.rows:
        said = rules.field_errors(row.fields)
        for field, message in implausible(k, row.fields).items():
            if field not in said:
                row.errors.append(f"{translated(rules.FIELD_LABELS.get(field, field))}：{message}")
    known = queries.id_numbers(k, tenant)
    importing.check_existing(preview, lambda number: number if number in known else None)
    return preview


def import_members(k: Kernel, tenant: str, data: bytes, filename: str) -> ImportBatch:
    """Register every row of the workbook as one batch, or nothing at all.

    The rows are checked again here; any error refuses the whole file. Members and the batch
    record (file name and content hash) are saved in one transaction.
    """
    preview = preview_import(k, tenant, data)
    if not preview.rows:
        raise MemberError(N_("文件中没有可导入的数据行"), field="file")
    if preview.has_errors:
        raise MemberError(N_("有 %(error_count)s 行存在错误，未导入任何数据；请修改后重新上传"), error_count=preview.error_count,
                          field="file")

    def attempt() -> ImportBatch:
        batch_id = uuid4()
        aggregates = [Member.register(row.fields, status=row.status, source="import", batch=str(batch_id))
                      for row in preview.rows]
        batch = ImportBatch(batch_id=str(batch_id), filename=filename, sha256=preview.sha256,
                            member_ids=[str(a.id) for a in aggregates], rows=len(aggregates))
        with k.deferred_projections():
            save_members(k, tenant, [(a, None, False) for a in aggregates], batch)
        return batch
    batch = retrying(attempt, RETRIES)
    k.catch_up(tenant)
    return batch
