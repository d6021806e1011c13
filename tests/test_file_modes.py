"""What the app writes under its instance folder is readable by its own user only."""
from __future__ import annotations

import stat

from core import files
from plugins.audit.services import seals


def modes(root):
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in [root, *root.rglob("*")]}


def test_instance_files_are_0600_and_folders_0700(app, k, tenant, login_as, actor):
    root = k.store_config.instance_path
    client = login_as("secretary", tenant)
    client.get(f"/t/{tenant}/")
    files.store_file(k, b"a,b\n1,2\n", "notes.txt")
    seals.load_key(app.config["ZHIBU_SEAL_KEY_PATH"])
    found = modes(root)
    assert any(name.startswith("files/") for name in found), found
    if not k.store_config.is_postgres:
        assert any(name.endswith(".sqlite-wal") for name in found), found
    wrong = {name: oct(mode) for name, mode in found.items()
             if mode != (0o700 if (root / name).is_dir() else 0o600)}
    assert not wrong, wrong
