"""What a user reads of a refusal, in the page's language, translated once here.

Two kinds of message reach a page or an API answer:

- a rule's refusal (``DomainError``, ``ConflictError``): raised in framework-free code with its Chinese
  message id and its parameters (``DuesError(N_("月缴金额 %(amount)s 元超出…"), amount=...)``), and
  translated by ``message_of`` where it is shown;
- a form's refusal (marshmallow's ``ValidationError``): marshmallow formats its own English sentences
  ("Not a valid number.", "Must be one of: monthly, quarterly."), so ``validation_message`` reads each
  sentence back through ``VALIDATION`` (its pattern → our message id) and writes it in the page's
  language, with the choices in words. Project messages (Chinese ids) are simply translated.
"""
from __future__ import annotations

import re
from typing import Iterable

from flask import has_app_context
from flask_babel import gettext

from core.errors import N_, Message
from core.kernel import kernel

# marshmallow's (and webargs') sentences, as marshmallow formats them, → our message id.
VALIDATION = {
    "Missing data for required field.": N_("此项为必填项。"),
    "Field may not be null.": N_("此项不能为空。"),
    "Invalid value.": N_("值无效。"),
    "Invalid input.": N_("输入无效。"),
    "Invalid type.": N_("类型无效。"),
    "Invalid input type.": N_("输入类型无效。"),
    "Unknown field.": N_("未知字段。"),
    "Not a valid number.": N_("不是有效的数字。"),
    "Not a valid integer.": N_("不是有效的整数。"),
    "Number too large.": N_("数值过大。"),
    "Special numeric values (nan or infinity) are not permitted.": N_("不允许特殊数值（nan 或 infinity）。"),
    "Not a valid boolean.": N_("不是有效的是/否值。"),
    "Not a valid string.": N_("不是有效的文本。"),
    "Not a valid utf-8 string.": N_("不是有效的 UTF-8 文本。"),
    "Not a valid date.": N_("不是有效的日期。"),
    "Not a valid datetime.": N_("不是有效的日期时间。"),
    "Not a valid time.": N_("不是有效的时间。"),
    "Not a valid {awareness} {obj_type}.": N_("不是有效的日期时间（时区不符）。"),
    '"{input}" cannot be formatted as a {obj_type}.': N_("“%(input)s”无法格式化为日期或时间。"),
    "Not a valid period of time.": N_("不是有效的时长。"),
    "Not a valid list.": N_("不是有效的列表。"),
    "Not a valid tuple.": N_("不是有效的元组。"),
    "Not a valid mapping type.": N_("不是有效的映射。"),
    "Not a valid email address.": N_("不是有效的电子邮件地址。"),
    "Not a valid URL.": N_("不是有效的网址。"),
    "Not a valid UUID.": N_("不是有效的标识（UUID）。"),
    "Not a valid IP address.": N_("不是有效的 IP 地址。"),
    "Must be one of: {choices}.": N_("必须是以下之一：%(choices)s。"),
    "One or more of the choices you made was not in: {choices}.": N_("所选的值不全在以下范围内：%(choices)s。"),
    "One or more of the choices you made was in: {values}.": N_("所选的值不能包含：%(values)s。"),
    "Must be equal to {other}.": N_("必须等于 %(other)s。"),
    "Length must be between {min} and {max}.": N_("长度必须在 %(min)s 到 %(max)s 之间。"),
    "Length must be {equal}.": N_("长度必须为 %(equal)s。"),
    "Longer than maximum length {max}.": N_("长度不能超过 %(max)s。"),
    "Shorter than minimum length {min}.": N_("长度不能少于 %(min)s。"),
    "Must be greater than or equal to {min} and less than or equal to {max}.":
        N_("必须大于或等于 %(min)s 且小于或等于 %(max)s。"),
    "Must be greater than {min} and less than {max}.": N_("必须大于 %(min)s 且小于 %(max)s。"),
    "Must be greater than or equal to {min} and less than {max}.": N_("必须大于或等于 %(min)s 且小于 %(max)s。"),
    "Must be greater than {min} and less than or equal to {max}.": N_("必须大于 %(min)s 且小于或等于 %(max)s。"),
    "Must be greater than or equal to {min}.": N_("必须大于或等于 %(min)s。"),
    "Must be greater than {min}.": N_("必须大于 %(min)s。"),
    "Must be less than or equal to {max}.": N_("必须小于或等于 %(max)s。"),
    "Must be less than {max}.": N_("必须小于 %(max)s。"),
    "String does not match expected pattern.": N_("格式不正确。"),
    # the project's own sentences that carry a number
    "不能超过 {max} 个字符": N_("不能超过 %(max)s 个字符"),
    "月份应在 {low} 至 {high} 之间": N_("月份应在 %(low)s 至 %(high)s 之间"),
    "年份应在 {low} 至 {high} 之间": N_("年份应在 %(low)s 至 %(high)s 之间"),
    "日期应在 {low} 至 {high} 年之间": N_("日期应在 %(low)s 至 %(high)s 年之间"),
}


def _pattern(sentence: str) -> re.Pattern:
    parts = re.split(r"\{(\w+)\}", sentence)
    regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
    return re.compile(f"^{regex}$", re.S)


PATTERNS = [(_pattern(sentence), msgid) for sentence, msgid in VALIDATION.items()]
ENGLISH_SENTENCES = [s for s in VALIDATION if s.isascii()]   # what a zh-CN page must never show


def translated(message: str, **params) -> str:
    """``message`` (a Chinese message id, maybe with %(name)s, or a ``Message``) in the request's
    language."""
    if isinstance(message, Message) and not params:
        message, params = message.template, message.params
    params = {name: translated(value) if isinstance(value, str) else value   # a parameter may be a message id
              for name, value in params.items()}
    if not has_app_context():
        return message % params if params else message
    return gettext(message, **params) if params else gettext(message)


def message_of(exc: Exception) -> str:
    """A refusal's message in the request's language (``DomainError``, ``ConflictError`` or any
    exception whose text is a message id); a validation's refusal field by field."""
    if getattr(exc, "invalid", None):
        return "；".join(invalid_input(exc.invalid, exc.field_labels))
    template = getattr(exc, "template", None) or getattr(exc, "message", None) or str(exc)
    return translated(template, **getattr(exc, "params", {}))


def validation_message(message, words: dict | None = None) -> str:
    """One sentence of a ``ValidationError`` in the request's language; ``words`` turns the field's
    stored choices ("monthly") into words ("按月")."""
    if isinstance(message, Message):
        return translated(message)
    message = str(message)
    for pattern, msgid in PATTERNS:
        found = pattern.match(message)
        if found:
            params = found.groupdict()
            for key in ("choices", "values"):
                if key in params:
                    params[key] = translated(N_("、")).join(_word(c.strip(), words) for c in params[key].split(","))
            return translated(msgid, **params)
    return translated(message)


def _word(choice: str, words: dict | None) -> str:
    word = (words or {}).get(choice)
    if word is None and choice.lstrip("-").isdigit():
        word = (words or {}).get(int(choice))
    return translated(str(word)) if word is not None else choice


def field_messages(messages, words_of=lambda field: None, field: str | None = None):
    """A ``ValidationError``'s messages (str, list or dict, nested), each sentence translated."""
    if isinstance(messages, dict):
        return {key: field_messages(value, words_of, key if isinstance(key, str) and not key.isdigit()
                                    and key != "_schema" else field)
                for key, value in messages.items()}
    if isinstance(messages, (list, tuple)):
        return [field_messages(m, words_of, field) for m in messages]
    return validation_message(messages, words_of(field) if field else None)


def invalid_input(messages: dict, labels: dict | None = None) -> list[str]:
    """A ``ValidationError``'s messages as "label：message" sentences in the request's language: the
    field's label (``labels``, else the one its plugin gives the field), the choices in words."""
    vocabulary = kernel().registry.vocabulary
    out = []
    for field, found in field_messages(messages, lambda f: vocabulary.choices.get(f)).items():
        if field == "_schema":   # the form as a whole
            out += list(sentences(found))
            continue
        label = translated((labels or {}).get(field) or vocabulary.labels.get(field) or str(field))
        out += [gettext("%(label)s：%(message)s", label=label, message=m) for m in sentences(found)]
    return out


def sentences(messages) -> Iterable[str]:
    """Every sentence of a (nested) messages structure, in order."""
    if isinstance(messages, dict):
        for value in messages.values():
            yield from sentences(value)
    elif isinstance(messages, (list, tuple)):
        for value in messages:
            yield from sentences(value)
    else:
        yield str(messages)
