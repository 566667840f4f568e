"""``rasid keys``: a key is printed once, stored only as its sha256, and revocation is immediate."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from rasid.cli.main import main


def test_create_list_revoke(db_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "create", "--db", str(db_copy), "--name", "dashboard"]) == 0
    token = capsys.readouterr().out.splitlines()[0]
    assert len(token) > 40
    conn = sqlite3.connect(db_copy)
    rows = conn.execute("SELECT name, key_hash, revoked_at FROM api_keys").fetchall()
    assert rows == [("dashboard", hashlib.sha256(token.encode()).hexdigest(), None)]
    assert main(["keys", "list", "--db", str(db_copy)]) == 0
    listed = capsys.readouterr().out
    assert "dashboard" in listed and token not in listed
    assert main(["keys", "revoke", "--db", str(db_copy), "--name", "dashboard"]) == 0
    assert conn.execute("SELECT revoked_at FROM api_keys").fetchone()[0] is not None
    assert main(["keys", "revoke", "--db", str(db_copy), "--name", "dashboard"]) == 2  # nothing left to revoke
    assert main(["keys", "create", "--db", str(db_copy)]) == 2  # a name is required


def test_serve_refuses_a_bad_port(db_copy: Path) -> None:
    assert main(["serve", "--db", str(db_copy), "--port", "70000"]) == 2
