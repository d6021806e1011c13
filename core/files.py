"""Uploaded files (attachments, evidence), stored once by content hash under the instance folder.

The record that refers to a file (an event) keeps its hash, name, type and size; the bytes live in
``<instance>/files/<aa>/<sha256>``. Uploads are checked against a type allow-list and a size limit,
and their content against the type their name claims (an Office file is a zip of that kind, an image
decodes, a PDF starts as one); control and bidirectional characters are dropped from their names (and
from names stored before that rule, when a file is sent). Only images and PDFs are shown in the
browser; every other file is a download.
"""
from __future__ import annotations

import hashlib
import io
import mimetypes
import unicodedata
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

from flask import abort, send_file
from PIL import Image

from core.errors import N_, DomainError
from core.fields import clean_name
from core.kernel import Kernel

DEFAULT_TYPES = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".txt": "text/plain",
}
# Every type a school may allow (meetings' settings), of which DEFAULT_TYPES is the default allow-list.
CONTENT_TYPES = {**DEFAULT_TYPES, ".gif": "image/gif", ".webp": "image/webp"}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 200  # the narrowest column a file's name is projected into

# Leading bytes of the binary types we accept, so a renamed executable is refused.
_MAGIC = {".pdf": (b"%PDF-",), ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",),
          ".jpeg": (b"\xff\xd8\xff",), ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",),
          ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
          ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",)}
# The part an Office (OOXML) file of each kind cannot be without.
_OFFICE_MAIN_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml"}
# What Pillow must find when it decodes an image of each kind.
_IMAGE_FORMAT = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
# Shown in the browser; anything else is sent as a download.
INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"})


class UploadError(DomainError):
    pass


@dataclass(frozen=True)
class FileRef:
    sha256: str
    name: str
    content_type: str
    size: int

    def as_dict(self) -> dict:
        return asdict(self)


def _root(k: Kernel) -> Path:
    return k.store_config.instance_path / "files"


def store_file(k: Kernel, data: bytes, filename: str, allowed: dict[str, str] | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> FileRef:
    """Check and store an upload; the same bytes are stored once."""
    allowed = allowed or DEFAULT_TYPES
    name = clean_name(Path(filename or "").name)
    suffix = Path(name).suffix.lower()
    if not name:
        raise UploadError(N_("请选择要上传的文件"), field="file")
    if len(name) > MAX_NAME_LENGTH:
        raise UploadError(N_("文件名太长（最多 %(max)s 个字符）"), max=MAX_NAME_LENGTH, field="file")
    if suffix not in allowed:
        raise UploadError(N_("不支持的文件类型 %(suffix)s；允许：%(allowed)s"),
                          suffix=suffix or N_('（无扩展名）'), allowed='、'.join(sorted(allowed)),
                          field="file")
    if not data:
        raise UploadError(N_("文件是空的"), field="file")
    if len(data) > max_bytes:
        raise UploadError(N_("文件太大（%(size)s MB），上限 %(limit)s MB"),
                          size=format(len(data) / 1048576, ".1f"), limit=format(max_bytes / 1048576, ".0f"),
                          field="file")
    if not content_matches(data, suffix):
        raise UploadError(N_("文件内容与扩展名 %(suffix)s 不符，请上传真正的 %(suffix)s 文件"), suffix=suffix, field="file")
    digest = hashlib.sha256(data).hexdigest()
    path = _root(k) / digest[:2] / digest
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return FileRef(sha256=digest, name=name, content_type=allowed[suffix] or
                   mimetypes.guess_type(name)[0] or "application/octet-stream", size=len(data))


def content_matches(data: bytes, suffix: str) -> bool:
    """Whether the bytes are what a file named ``*<suffix>`` claims to be (a type with no rule here,
    such as .txt, is taken as it is)."""
    magic = _MAGIC.get(suffix)
    if magic and not any(data.startswith(m) for m in magic):
        return False
    if suffix == ".webp" and data[8:12] != b"WEBP":
        return False
    if suffix in _OFFICE_MAIN_PART:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except Exception:  # noqa: BLE001  (a hostile zip may break zipfile in many ways: refuse, never 500)
            return False
        return "[Content_Types].xml" in names and _OFFICE_MAIN_PART[suffix] in names
    if suffix in _IMAGE_FORMAT:
        try:
            with Image.open(io.BytesIO(data)) as image:
                found = image.format
                image.verify()
        except Exception:  # noqa: BLE001  (Pillow raises many kinds for a broken or hostile image)
            return False
        return found == _IMAGE_FORMAT[suffix]
    return True


def content_disposition(name: str, inline: bool = False) -> str:
    """An RFC 6266 Content-Disposition: an ASCII fallback name and the UTF-8 name (``filename*``)."""
    name = clean_name(name) or "file"
    stem, suffix = Path(name).stem, Path(name).suffix

    def ascii_only(text: str) -> str:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        return "".join(c if c.isalnum() or c in "._-" else "_" for c in text).strip("._")
    fallback = (ascii_only(stem) or "file") + ("." + ascii_only(suffix) if ascii_only(suffix) else "")
    return f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def send_stored(k: Kernel, sha256: str, name: str | None, content_type: str | None):
    """The response for a stored file named by a record the caller has found and may show (404 when
    the bytes are gone): images and PDFs shown in the browser, anything else a download."""
    path = file_path(k, sha256)
    if path is None:
        abort(404)
    mimetype = content_type or "application/octet-stream"
    inline = mimetype in INLINE_TYPES
    response = send_file(path, mimetype=mimetype, as_attachment=not inline)
    response.headers["Content-Disposition"] = content_disposition(name or sha256, inline)
    return response


def file_path(k: Kernel, sha256: str) -> Path | None:
    """The stored bytes of a file, or None (also for anything that is not a hash)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        return None
    path = _root(k) / sha256[:2] / sha256
    return path if path.exists() else None
