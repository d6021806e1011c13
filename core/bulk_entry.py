"""The page flow of a bulk entry (补录): rows pasted or uploaded, a preview with each row's problems,
and a write only when the user confirms a preview without problems. One bad row writes nothing.

Plugins give what is theirs: ``read(rows)`` → preview rows (each with ``errors``); optionally
``check(rows)``, which adds to the ``errors`` of rows read well what the records refuse; and
``save(preview, confirm)`` → what was written (it writes nothing unless ``confirm``).
"""
from __future__ import annotations

from typing import Any, Callable

from flask import flash, request
from flask_babel import gettext

from core.errors import DomainError
from core.messages import message_of
from core.table_input import TableInputError, read_text, read_upload


def submitted_rows() -> tuple[list[list[str]], str]:
    """The rows of the form's upload, or else of its text box; and the text to show back."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        rows = read_upload(upload.read(), upload.filename)
        return rows, "\n".join("\t".join(r) for r in rows)
    text = request.form.get("rows", "")
    return read_text(text), text


def preview_then_save(read: Callable[[list], list], save: Callable[[list, bool], Any],
                      check: Callable[[list], None] | None = None):
    """(preview, text, status, saved): ``saved`` is what ``save`` wrote once confirmed, else None."""
    preview, text, status, saved = None, "", 200, None
    try:
        rows, text = submitted_rows()
        preview = read(rows)
        if not preview:
            raise TableInputError("没有可录入的数据行")
        if check is not None:
            check([r for r in preview if not r.errors])
        if not any(r.errors for r in preview):
            confirm = request.form.get("action") == "confirm"
            written = save(preview, confirm)
            saved = written if confirm else None
        if any(r.errors for r in preview):
            flash(gettext("有 %(count)s 行有误，见下表；本次未写入任何数据。", count=sum(bool(r.errors) for r in preview)), "danger")
            status = 422
    except TableInputError as exc:
        flash(message_of(exc), "danger")
        status = 422
    except DomainError as exc:
        flash(message_of(exc), "danger")
        status = 422
    return preview, text, status, saved
