"""Reading a roster workbook (.xlsx) for import: every row checked, every error listed.

No writes here: ``services.import_members`` saves the rows when, and only when, none has an error.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from openpyxl import load_workbook

from core.fields import INT_MAX, INT_MIN, normalise_text, text_problem
from plugins.members import rules

# Column headers of the import template (and of the roster export), Chinese first.
COLUMNS: dict[str, str] = {**rules.FIELD_LABELS, "status": "党籍状态"}
HEADER_TO_FIELD = {label: name for name, label in COLUMNS.items()}
STATUS_BY_LABEL = {"正式党员": "full", "预备党员": "probationary"}
GENDER_BY_LABEL = {label: code for code, label in rules.GENDERS.items()}
CATEGORY_BY_LABEL = {label: code for code, label in rules.CATEGORIES.items()}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
MAX_ROWS = 5000


@dataclass
class ImportRow:
    number: int                      # the row number in the sheet (header = 1)
    fields: dict
    status: str
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields.get("name") or ""

    @property
    def masked_id(self) -> str:
        return rules.mask_id_number(self.fields.get("id_number"))


@dataclass
class Preview:
    sha256: str
    rows: list[ImportRow] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors) + (1 if self.file_errors else 0)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(r.errors for r in self.rows)


def parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    return date(int(match[1]), int(match[2]), int(match[3]))


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def parse_row(number: int, raw: dict) -> ImportRow:
    """One sheet row (header → cell value) → fields, status and the sentences of its errors."""
    fields: dict = {}
    errors: list[str] = []
    for name in rules.FIELD_LABELS:
        value = raw.get(name)
        label = rules.FIELD_LABELS[name]
        if name in rules.DATE_FIELDS:
            try:
                parsed = parse_date(value)
            except ValueError:
                errors.append(f"{label}不是有效日期：{value}")
                continue
            if parsed:
                fields[name] = parsed
            continue
        text = _text(value)
        if text is None:
            continue
        problem = text_problem(normalise_text(text))
        if problem:
            errors.append(f"{label}：{problem}")
            continue
        if name == "gender":
            text = GENDER_BY_LABEL.get(text, text)
        elif name == "category":
            text = CATEGORY_BY_LABEL.get(text, text)
        elif name == "id_number":
            text = text.upper()
        elif name == "party_age_correction":
            try:
                text = int(text)
            except ValueError:
                errors.append(f"{label}应为整数（月）")
                continue
            if not INT_MIN <= text <= INT_MAX:
                errors.append(f"{label}超出范围")
                continue
        fields[name] = text
    status_text = _text(raw.get("status")) or ("正式党员" if fields.get("converted_on") else "预备党员")
    status = STATUS_BY_LABEL.get(status_text, status_text)
    if status not in ("full", "probationary"):
        errors.append(f"党籍状态应为 正式党员 或 预备党员：{status_text}")
    missing = [rules.FIELD_LABELS[f] for f in rules.REQUIRED_FIELDS if not fields.get(f)]
    if missing:
        errors.append("缺少必填项：" + "、".join(missing))
    if status == "full" and not fields.get("converted_on"):
        errors.append("正式党员须填写转正日期")
    if fields.get("id_number") and not fields.get("birth_date") and not rules.id_number_error(fields["id_number"]):
        fields["birth_date"] = rules.birth_date_from_id(fields["id_number"])
    for name, message in rules.field_errors(fields).items():
        errors.append(f"{rules.FIELD_LABELS.get(name, name)}：{message}")
    return ImportRow(number=number, fields=fields, status=status, errors=errors)


def read_workbook(data: bytes) -> Preview:
    """Check every row of the first sheet; duplicate ID numbers inside the file are errors."""
    preview = Preview(sha256=hashlib.sha256(data).hexdigest())
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001  (any unreadable file is the user's error, said in words)
        preview.file_errors.append("无法读取该文件，请上传 .xlsx 格式的 Excel 工作簿")
        return preview
    ws = wb.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = [HEADER_TO_FIELD.get(_text(h) or "") for h in header]
    missing = [COLUMNS[f] for f in rules.REQUIRED_FIELDS if f not in columns]
    if missing:
        preview.file_errors.append("表头缺少列：" + "、".join(missing) + "（请使用导入模板）")
        return preview
    seen: dict[str, int] = {}
    for number, values in enumerate(rows, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        if len(preview.rows) >= MAX_ROWS:
            preview.file_errors.append(f"一次最多导入 {MAX_ROWS} 行")
            break
        raw = {name: value for name, value in zip(columns, values) if name}
        row = parse_row(number, raw)
        number_id = row.fields.get("id_number")
        if number_id:
            if number_id in seen:
                row.errors.append(f"身份证号与第 {seen[number_id]} 行重复")
            else:
                seen[number_id] = number
        preview.rows.append(row)
    wb.close()
    return preview


def check_existing(preview: Preview, find: Callable[[str], object]) -> None:
    """Mark rows whose ID number is already on this branch's register."""
    for row in preview.rows:
        number = row.fields.get("id_number")
        if number and not rules.id_number_error(number) and find(number) is not None:
            row.errors.append("身份证号已在本支部名册中")


def template_headers() -> list[str]:
    return list(COLUMNS.values())
