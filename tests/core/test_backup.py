"""`tuijin backup` and `tuijin restore`: every row and every uploaded file comes back identical,
on the database the suite runs on (SQLite files, or new PostgreSQL databases on the same
server). The commands run as an operator runs them: separate processes, configured by
DATABASE_URL and MEDIA_ROOT."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

TUIJIN = [sys.executable, "-m", "tuijin.cli"]


def _tuijin(*args, env, check=True):
    return subprocess.run([*TUIJIN, *args], env=env, capture_output=True, text=True,
                          check=check, timeout=600)


@pytest.fixture
def databases(tmp_path):
    """Two database URLs of the suite's kind: a source and an empty target."""
    if connection.vendor == "sqlite":
        yield [f"sqlite:///{tmp_path / name}.sqlite3" for name in ("source", "target")]
        return
    db = settings.DATABASES["default"]
    names = [f"tuijin_backup_{name}_{uuid.uuid4().hex[:8]}" for name in ("source", "target")]
    admin = psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"],
                            password=db["PASSWORD"], dbname="postgres", autocommit=True)
    for name in names:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = f"postgresql://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}"
    yield [f"{base}/{name}" for name in names]
    for name in names:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _env(url: str, media: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DATABASE_URL": url, "MEDIA_ROOT": str(media),
                "TUIJIN_DEMO_PASSWORD": "backup-test-password-7"})
    return env


def _rows(url: str) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    if url.startswith("sqlite"):
        import sqlite3

        con = sqlite3.connect(url.removeprefix("sqlite:///"))
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        out = {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}
        con.close()
        return out
    with psycopg.connect(url) as con:
        tables = [r[0] for r in con.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"'))) for t in tables}


def test_a_backup_restores_every_row_and_file_into_an_empty_database(databases, tmp_path):
    source, target = databases
    source_media, target_media = tmp_path / "media-a", tmp_path / "media-b"
    env = _env(source, source_media)
    _tuijin("migrate", "--noinput", env=env)
    _tuijin("bootstrap", "--projects", "40", "--months", "4", env=env)
    photo = source_media / "photos" / "kaifeng-2023" / "1" / "site.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(2048))
    archive = tmp_path / "tuijin.tar.gz"
    out = _tuijin("backup", str(archive), env=env).stdout
    # The demo brings uploads of its own (problem attachments, report photos): all go along.
    files = sorted(p.relative_to(source_media) for p in source_media.rglob("*") if p.is_file())
    assert f" {len(files)} files" in out and archive.stat().st_size > 0
    refused = _tuijin("backup", str(archive), env=env, check=False)
    # Commands speak the interface's language, Chinese by default.
    assert refused.returncode != 0 and "已存在" in refused.stderr

    target_env = _env(target, target_media)
    _tuijin("restore", str(archive), env=target_env)
    assert _rows(target) == _rows(source)
    for name in files:
        assert (target_media / name).read_bytes() == (source_media / name).read_bytes(), name

    again = _tuijin("restore", str(archive), env=target_env, check=False)
    assert again.returncode != 0 and "不是空的" in again.stderr
    _tuijin("restore", str(archive), "--force", env=target_env)
    assert _rows(target) == _rows(source)


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, databases):
    bogus = tmp_path / "notes.tar.gz"
    bogus.write_text("not an archive")
    result = _tuijin("restore", str(bogus), env=_env(databases[1], tmp_path / "m"), check=False)
    assert result.returncode != 0 and "不是 tuijin 的备份文件" in result.stderr
