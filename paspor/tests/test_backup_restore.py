"""Backups: a pg_dump of a database in use restores into a fresh database whose audit trail
still verifies (docs/backup.md). PostgreSQL only; the commands run as the operator would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from paspor.audit.models import AuditEntry
from paspor.cases.models import CaseStatus
from paspor.cases.tests.conftest import case_at

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="backup and restore are PostgreSQL procedures",
    ),
]


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_a_dump_restores_into_a_fresh_database_whose_audit_trail_verifies(
    tmp_path, settings, office, intake_officer, biometrics_officer
):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not installed")
    settings.MEDIA_ROOT = tmp_path / "media"
    case_at(
        CaseStatus.INTERVIEW,
        office,
        intake_officer=intake_officer,
        biometrics_officer=biometrics_officer,
    )
    rows = AuditEntry.objects.count()
    assert rows > 5

    db = connection.settings_dict
    restored = f"{db['NAME']}_restored"
    env = {
        "PATH": os.environ["PATH"],
        "PGHOST": db["HOST"] or "127.0.0.1",
        "PGPORT": str(db["PORT"] or 5432),
        "PGUSER": db["USER"],
        "PGPASSWORD": db["PASSWORD"] or "",
    }
    dump = tmp_path / "paspor.dump"
    result = _run("pg_dump", "--format=custom", f"--file={dump}", db["NAME"], env=env)
    assert result.returncode == 0, result.stderr
    _run("dropdb", "--if-exists", restored, env=env)
    assert _run("createdb", restored, env=env).returncode == 0
    try:
        result = _run(
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={restored}",
            str(dump),
            env=env,
        )
        assert result.returncode == 0, result.stderr
        url = f"postgres://{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']}/{restored}"
        if env["PGPASSWORD"]:
            url = url.replace("@", f":{env['PGPASSWORD']}@", 1)
        verify = _run(
            sys.executable,
            str(ROOT / "manage.py"),
            "audit_verify",
            env={**env, "DATABASE_URL": url, "PASPOR_VAR_DIR": str(tmp_path), "HOME": "/tmp"},
        )
        assert verify.returncode == 0, verify.stderr
        assert f"Jejak audit utuh: {rows} baris diperiksa." in verify.stdout
    finally:
        _run("dropdb", "--if-exists", restored, env=env)
