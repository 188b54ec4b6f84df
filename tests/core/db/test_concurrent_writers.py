"""Writers wait for each other; they do not fail (issue 11 item 2, docs/reference/concurrency.md).

Three processes write the same database at the same moment: one saves reports one by one
through the report service, one imports a month's reports at a time, one imports new projects.
Each must finish, and every write must be there afterwards. On SQLite the database is a file
of the test's own (an in-memory one is private to its process); on PostgreSQL it is the test
database, committed (a transactional test).
"""

import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection

from tests.core.db import writers
from tests.projects.spreadsheets import builders

ROOT = Path(__file__).resolve().parents[3]


def run(role: str, workdir: Path, url: str, start: float = 0) -> subprocess.Popen:
    path = [str(ROOT / "src"), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": os.pathsep.join(path)}
    env.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.db.writers", role, str(workdir), str(start)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen, role: str) -> str:
    out, err = process.communicate(timeout=180)
    assert process.returncode == 0, f"{role} failed:\n{err[-3000:]}"
    return out


@pytest.fixture
def shared_database(request, tmp_path) -> str:
    """A database URL every process can open, migrated and empty."""
    if connection.vendor == "postgresql":
        request.getfixturevalue("transactional_db")
        s = connection.settings_dict
        return (f"postgresql://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or 'localhost'}:"
                f"{s['PORT'] or 5432}/{s['NAME']}")
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    finished(run_manage_migrate(url), "migrate")
    return url


def run_manage_migrate(url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url}
    env.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    return subprocess.Popen([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def write_sheets(workdir: Path) -> None:
    for month in writers.MONTHS:
        rows = [(str(i + 1), "", writers.imported_name(i), writers.DISTRICT, "开封测试建设有限公司",
                 "500", "100", str(writers.month_cumulative(month)), None)
                for i in range(writers.PROJECTS)]
        builders.merged_title_two_header_rows(workdir / f"reports-{month}.xlsx", projects=rows,
                                              month=month)
        builders.project_list(workdir / f"projects-{month}.xlsx", [
            [str(i + 1), "", writers.added_name(month, i), writers.DISTRICT, "先进制造业",
             "开封测试建设有限公司", "500", "100"] for i in range(writers.PROJECTS)])


def test_report_saves_and_two_imports_at_once_all_succeed_and_all_are_kept(shared_database,
                                                                            tmp_path):
    write_sheets(tmp_path)
    finished(run("setup", tmp_path, shared_database), "setup")

    start = time.time() + 4  # every writer has started Django by then
    roles = ("saves", "reports", "projects")
    processes = {role: run(role, tmp_path, shared_database, start) for role in roles}
    for role, process in processes.items():
        finished(process, role)

    held = json.loads(finished(run("check", tmp_path, shared_database), "check"))
    months_bits = sum(1 << month for month in writers.MONTHS)
    reported = {writers.saved_name(i) for i in range(writers.PROJECTS)} | {
        writers.imported_name(i) for i in range(writers.PROJECTS)}
    added = {writers.added_name(r, i) for r in writers.MONTHS for i in range(writers.PROJECTS)}
    assert set(held["projects"]) == reported | added
    assert sorted((name, month, Decimal(cumulative), completion)
                  for name, month, cumulative, completion in held["reports"]) == sorted(
        (name, month, writers.month_cumulative(month), float(writers.month_cumulative(month)) / 100)
        for name in reported for month in writers.MONTHS)
    assert {name: bits for name, bits in held["reported_months"].items() if name in reported} \
        == dict.fromkeys(reported, months_bits)
