"""Helpers shared by the member registry's tests."""
from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from plugins.members import rules
from plugins.members.schemas import importing


def id_number(birth: date, seq: int, region: str = "110105") -> str:
    first17 = f"{region}{birth:%Y%m%d}{seq % 1000:03d}"
    return first17 + rules.id_check_digit(first17)


def person(name: str, birth: date = date(1980, 5, 6), seq: int = 1, **extra) -> dict:
    fields = {"name": name, "gender": "female", "ethnicity": "汉族", "birth_date": birth,
              "id_number": id_number(birth, seq), "education": "大学本科", "category": "teacher",
              "joined_on": date(2010, 6, 1), "converted_on": date(2011, 6, 1)}
    fields.update(extra)
    return fields


def workbook_bytes(rows: list[list], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or importing.template_headers())
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def register(k, tenant, actor):
    """``register(name, status="full", **fields)`` → the new member (saved)."""
    from plugins.members import services

    counter = {"n": 0}

    def make(name: str, status: str = "full", birth: date = date(1980, 5, 6), **extra):
        counter["n"] += 1
        fields = person(name, birth, counter["n"], **extra)
        if status == "probationary":
            fields.pop("converted_on", None)
        return services.register_member(k, tenant, fields, status=status)
    return make
