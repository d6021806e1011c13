"""The posted forms of the district's school administration, as marshmallow schemas (read by
``core.forms.form_input``)."""
from flask_babel import gettext
from marshmallow import EXCLUDE, Schema, validate
from marshmallow import fields as mfields

from core.errors import N_
from core.fields import Date, Line, Month
from core.forms import needed


class SchoolForm(Schema):
    class Meta:
        unknown = EXCLUDE  # what the page does not ask for is ignored

    slug = Line(**needed(N_("请填写学校代码")), max_length=40, metadata={"label": "学校代码（英文，用于网址）"})
    name = Line(**needed(N_("请填写学校名称")), max_length=120, metadata={"label": "学校名称"})
    records_from = Date(load_default=None, error_messages={"invalid": N_("请填写正确的日期（YYYY-MM-DD）")}, metadata={
        "label": "在本系统记录的起始日期（默认今天）",
        "description": "此日期之前的会议、党费与发展期限不计入合规与欠缴；之前的记录可作为补录录入。"})


# -- a plugin's settings, edited with the control its schema asks for ----------------------------
def _bounds(field) -> tuple:
    """The narrowest min and max of the field's ``Range`` validators (None when open)."""
    low = high = None
    for v in field.validators:
        if isinstance(v, validate.Range):
            if v.min is not None and (low is None or v.min > low):
                low = v.min
            if v.max is not None and (high is None or v.max < high):
                high = v.max
    return low, high


def _choices(field) -> list[tuple[str, str]] | None:
    """A ``OneOf`` field's choices in words: the label of each from ``metadata["choices"]``."""
    for v in field.validators:
        if isinstance(v, validate.OneOf):
            words = field.metadata.get("choices", {})
            return [(str(c), gettext(words.get(c, str(c)))) for c in v.choices]
    return None


def settings_fields(schema_cls) -> list[dict]:
    """Describe a plugin's settings schema as form fields: a choice is a select with its choices in
    words, a number an input with the schema's bounds, a date a date input, a yes/no a checkbox;
    label and help from the field's metadata."""
    if schema_cls is None:
        return []
    out = []
    for name, field in schema_cls().fields.items():
        spec = {"name": name, "label": gettext(field.metadata.get("label", name)),
                "help": gettext(field.metadata["description"]) if field.metadata.get("description") else "",
                "default": field.load_default if field.load_default is not mfields.missing_ else "",
                "min": None, "max": None, "step": None, "choices": None}
        choices = _choices(field)
        if choices is not None:
            spec.update(kind="select", choices=choices)
        elif isinstance(field, mfields.Boolean):
            spec["kind"] = "checkbox"
        elif isinstance(field, (mfields.Integer, mfields.Float, mfields.Decimal)):
            low, high = _bounds(field)
            step = "1" if isinstance(field, mfields.Integer) else "0.01" if isinstance(field, mfields.Decimal) \
                else "any"
            spec.update(kind="number", min=low, max=high, step=step)
        elif isinstance(field, mfields.Date) or field.metadata.get("input") == "date":
            spec["kind"] = "date"
        elif isinstance(field, Month):
            spec["kind"] = "month"
        else:
            spec["kind"] = "text"
        out.append(spec)
    return out


def settings_from_form(schema_cls, form) -> dict:
    """The settings as typed on the page (an unticked checkbox is False; an empty box is left out,
    so its default applies)."""
    data = {}
    for spec in settings_fields(schema_cls):
        if spec["kind"] == "checkbox":
            data[spec["name"]] = form.get(f"s_{spec['name']}") == "on"
        else:
            value = form.get(f"s_{spec['name']}", "").strip()
            if value != "":
                data[spec["name"]] = value
    return data
