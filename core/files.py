"""Uploaded files (attachments, evidence), stored once by content hash under the instance folder.

The record that refers to a file (an event) keeps its hash, name, type and size; the bytes live in
``<instance>/files/<aa>/<sha256>``. Uploads are checked against a type allow-list and a size limit;
control and bidirectional characters are dropped from their names (and from names stored before that
rule, when a file is sent).
"""
from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import asdict, dataclass
from pathlib import Path

from flask import abort, send_file

from core.errors import DomainError
from core.fields import clean_name
from core.kernel import Kernel

DEFAULT_TYPES = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".txt": "text/plain",
}
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_NAME_LENGTH = 200  # the narrowest column a file's name is projected into

# Leading bytes of the binary types we accept, so a renamed executable is refused.
_MAGIC = {".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
          ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
          ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",)}


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
        raise UploadError("请选择要上传的文件", field="file")
    if len(name) > MAX_NAME_LENGTH:
        raise UploadError(f"文件名太长（最多 {MAX_NAME_LENGTH} 个字符）", field="file")
    if suffix not in allowed:
        raise UploadError(f"不支持的文件类型 {suffix or '（无扩展名）'}；允许：{'、'.join(sorted(allowed))}",
                          field="file")
    if not data:
        raise UploadError("文件是空的", field="file")
    if len(data) > max_bytes:
        raise UploadError(f"文件太大（{len(data) / 1048576:.1f} MB），上限 {max_bytes / 1048576:.0f} MB",
                          field="file")
    magic = _MAGIC.get(suffix)
    if magic and not any(data.startswith(m) for m in magic):
        raise UploadError(f"文件内容与扩展名 {suffix} 不符", field="file")
    digest = hashlib.sha256(data).hexdigest()
    path = _root(k) / digest[:2] / digest
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(path)
    return FileRef(sha256=digest, name=name, content_type=allowed[suffix] or
                   mimetypes.guess_type(name)[0] or "application/octet-stream", size=len(data))


def send_stored(k: Kernel, sha256: str, name: str | None, content_type: str | None,
                as_attachment: bool = True):
    """The response for a stored file named by a record the caller has found and may show (404 when
    the bytes are gone)."""
    path = file_path(k, sha256)
    if path is None:
        abort(404)
    return send_file(path, mimetype=content_type, as_attachment=as_attachment,
                     download_name=clean_name(name or "") or sha256)


def file_path(k: Kernel, sha256: str) -> Path | None:
    """The stored bytes of a file, or None (also for anything that is not a hash)."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        return None
    path = _root(k) / sha256[:2] / sha256
    return path if path.exists() else None
