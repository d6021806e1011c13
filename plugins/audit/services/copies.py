"""Where each checkpoint is kept, so that deleting or rolling back seal rows is caught.

- The seal table (``audit_checkpoints``) and the leaves recorded as events were written.
- A school's checkpoint is recorded in the district log (``SealRegister.CheckpointRecorded``), where
  the district's own Merkle tree covers it.
- The district's checkpoint is appended to ``<ZHIBU_CHECKPOINT_DIR>/district.jsonl``, outside the
  instance folder (meant for another disk), and shown to inspectors.
Key rotations are events of ``SigningKeys`` in the district log, signed by both keys.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from uuid import UUID

from sqlalchemy import select

from core import context
from core.config import checkpoint_dir
from core.errors import NotFoundError, SaveCollided
from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit.domain import SealRegister, SigningKeys
from plugins.audit.models import checkpoints, leaves
from plugins.audit.services import signing

logger = logging.getLogger("zhibu")
KEYS_ID = SigningKeys.create_id()


@dataclass(frozen=True)
class SignedCheckpoint:
    """A checkpoint as signed, wherever it was read from (``source``: table, district, file)."""

    log: str
    size: int
    last_notification_id: int
    root: str
    signed_at: str
    public_key: str
    signature: str
    source: str = "table"
    leaves: tuple = ()   # (notification id, leaf hash) added since the copy before: not signed, a locator


    @property
    def message(self) -> bytes:
        return signing.checkpoint_message(self.log, self.size, self.root, self.signed_at)

    def signature_ok(self) -> bool:
        return signing.signature_ok(self.public_key, self.message, self.signature)

    def as_dict(self, with_leaves: bool = False) -> dict:
        data = asdict(self)
        data.pop("source")
        added = data.pop("leaves")
        if with_leaves:
            data["leaves"] = [list(pair) for pair in added]
        return data


def register_id(log: str) -> UUID:
    return SealRegister.create_id(log)


def _acting():
    return context.acting(context.get() or context.system("seal", source="seal"))


# -- the seal table (audit_checkpoints, audit_leaves) ------------------------------------------------------
def table_checkpoints(k: Kernel, log: str) -> list[SignedCheckpoint]:
    with k.reading() as conn:
        rows = conn.execute(select(checkpoints).where(checkpoints.c.log == log).order_by(checkpoints.c.size)).all()
    return [SignedCheckpoint(log, r.size, r.last_notification_id, r.root, r.signed_at, r.public_key, r.signature)
            for r in rows]


def recorded_leaves(k: Kernel, log: str) -> dict[int, str]:
    """The leaf hash of every event as it was written or first sealed, by notification id."""
    with k.reading() as conn:
        return dict(conn.execute(select(leaves.c.notification_id, leaves.c.hash).where(leaves.c.log == log)).all())


# -- the district log's copy of school checkpoints ----------------------------------------------------
def record_in_district(k: Kernel, cp: SignedCheckpoint, added: list) -> None:
    """Record a school checkpoint in the district log (two tries: another process may record at once)."""
    for _attempt in range(2):
        try:
            register = k.get(DISTRICT, register_id(cp.log), SealRegister)
        except NotFoundError:
            register = SealRegister(log=cp.log)
        if register.size >= cp.size:
            return
        register.record_checkpoint(size=cp.size, last_notification_id=cp.last_notification_id, root=cp.root,
                                   signed_at=cp.signed_at, public_key=cp.public_key, signature=cp.signature,
                                   leaves=[[nid, h] for nid, h in added], log=cp.log)
        try:
            with _acting():
                k.save(DISTRICT, register)
            return
        except SaveCollided:
            continue
    logger.warning("checkpoint %s/%s not recorded in the district log: it kept colliding", cp.log, cp.size)


def district_copies(k: Kernel, log: str) -> list[SignedCheckpoint]:
    out = []
    for e in k.stores.log(DISTRICT).repository.event_store.get(register_id(log)):
        if type(e).__name__ == "CheckpointRecorded":
            out.append(SignedCheckpoint(log, e.size, e.last_notification_id, e.root, e.signed_at, e.public_key,
                                        e.signature, "district", tuple(tuple(p) for p in e.leaves)))
    return out


# -- the file copy of district checkpoints --------------------------------------------------------------
def checkpoint_file(k: Kernel, log: str = DISTRICT) -> Path:
    return checkpoint_dir(k.store_config.instance_path) / f"{log}.jsonl"


def write_to_file(k: Kernel, cp: SignedCheckpoint, added: list) -> None:
    path = checkpoint_file(k, cp.log)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({**cp.as_dict(), "leaves": [[nid, h] for nid, h in added]}, sort_keys=True) + "\n")


def file_copies(k: Kernel, log: str = DISTRICT) -> list[SignedCheckpoint]:
    path = checkpoint_file(k, log)
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                data = json.loads(line)
                data["leaves"] = tuple(tuple(p) for p in data.get("leaves", ()))
                out.append(SignedCheckpoint(**data, source="file"))
            except (TypeError, ValueError):
                out.append(SignedCheckpoint(log, -1, 0, "", "", "", "", source="file"))  # an unreadable line
    return out


def copies_of(k: Kernel, log: str) -> list[SignedCheckpoint]:
    return file_copies(k, log) if log == DISTRICT else district_copies(k, log)


def leaves_of(found: list[SignedCheckpoint]) -> dict[int, str]:
    """The leaves the copies carry, by notification id (to locate a bad row when the seal table's are gone)."""
    return {int(nid): h for cp in found for nid, h in cp.leaves}


# -- keys -------------------------------------------------------------------------------------------------
def rotate_key(k: Kernel, old, new) -> None:
    """Record that checkpoints are signed from now on with ``new`` (both keys sign the change)."""
    old_public, new_public = signing.public_hex(old), signing.public_hex(new)
    try:
        keys = k.get(DISTRICT, KEYS_ID, SigningKeys)
    except NotFoundError:
        keys = SigningKeys(public_key=old_public)
    keys.check_rotation(old_public, new_public)
    message = signing.rotation_message(old_public, new_public)
    keys.rotate(old_public=old_public, new_public=new_public, old_signature=signing.sign(old, message),
                new_signature=signing.sign(new, message))
    with _acting():
        k.save(DISTRICT, keys)


def trusted_keys(k: Kernel, current_public: str) -> set[str]:
    """The current public key and every key it succeeded through rotations signed by both keys."""
    trusted = {current_public}
    rotations = [e for e in k.stores.log(DISTRICT).repository.event_store.get(KEYS_ID)
                 if type(e).__name__ == "KeyRotated"]
    for e in reversed(rotations):
        message = signing.rotation_message(e.old_public, e.new_public)
        if (e.new_public in trusted and signing.signature_ok(e.new_public, message, e.new_signature)
                and signing.signature_ok(e.old_public, message, e.old_signature)):
            trusted.add(e.old_public)
    return trusted
