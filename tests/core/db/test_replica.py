"""A read replica for the heavy read-only pages (issue 11): the router against a real
PostgreSQL primary and a streaming replica made from it with pg_basebackup, both started by the
test on loopback (tests/pgcluster.py). Writes go to the primary, the dashboard and the project
list read the replica, and a browser that has just written reads the primary
(docs/reference/operations.md, "A read replica").

The application runs in a child process, configured as a deployment would be
(DATABASE_URL and DATABASE_REPLICA_URL), and reports what it saw as JSON.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgcluster import Clusters, wait_for
from tuijin.core.db.replica import is_pinned, is_replica_page

ROOT = Path(__file__).resolve().parents[3]

PROBE = r'''
import json
import django

django.setup()
from django.core.management import call_command
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tuijin.accounts.models import User
from tuijin.demo.loader import demo_load
from tuijin.plans.models import Plan
from tuijin.projects.models import Project

call_command("migrate", verbosity=0)
call_command("plan", "load", "kaifeng-2023", verbosity=0)
plan = Plan.objects.get(slug="kaifeng-2023")
demo_load(plan, projects=40, months=6, seed=1)
admin = User.objects.create_user(username="admin", password="Replica-test-1",
                                 role=User.Role.CITY_ADMIN)
print(json.dumps({"step": "written"}), flush=True)
input()  # the test waits for the replica to replay everything

def tables(queries):
    found = set()
    for query in queries:
        for word in query["sql"].replace('"', " ").split():
            if word.startswith(("projects_", "plans_", "progress_")):
                found.add(word.split(".")[0])
    return sorted(found)

def visit(client, url):
    with CaptureQueriesContext(connections["default"]) as primary, \
            CaptureQueriesContext(connections["replica"]) as replica:
        response = client.get(url)
    return {"status": response.status_code, "primary_tables": tables(primary.captured_queries),
            "replica_tables": tables(replica.captured_queries),
            "body": response.content.decode() if not response.streaming else ""}

out = {}
reader = Client()
reader.force_login(admin)  # a session made directly: no request wrote, nothing pinned
out["dashboard"] = visit(reader, "/progress/kaifeng-2023/")
out["list"] = visit(reader, "/projects/kaifeng-2023/")
out["detail"] = visit(reader, f"/projects/p/{Project.objects.first().pk}/")

# The replica a moment behind: replay paused, then a project renamed on the primary.
with connections["replica"].cursor() as cursor:
    cursor.execute("SELECT pg_wal_replay_pause()")
project = Project.objects.order_by("pk").first()
with CaptureQueriesContext(connections["default"]) as primary, \
        CaptureQueriesContext(connections["replica"]) as replica:
    Project.objects.filter(pk=project.pk).update(name="副本测试改名项目")
out["write"] = {"primary": len(primary.captured_queries), "replica": len(replica.captured_queries)}
out["stale_list"] = "副本测试改名项目" in visit(reader, "/projects/kaifeng-2023/")["body"]

writer = Client()
response = writer.post("/accounts/login/", {"username": "admin", "password": "Replica-test-1"})
out["login_status"] = response.status_code
out["pin_cookie"] = "tuijin_primary" in response.cookies
after = visit(writer, "/projects/kaifeng-2023/")
out["after_write"] = {k: after[k] for k in ("status", "primary_tables", "replica_tables")}
out["after_write_sees_rename"] = "副本测试改名项目" in after["body"]

try:
    with connections["replica"].cursor() as cursor:
        cursor.execute("UPDATE projects_project SET name = 'x' WHERE id = %s", [project.pk])
    out["replica_refused_write"] = ""
except Exception as exc:
    out["replica_refused_write"] = str(exc)
with connections["replica"].cursor() as cursor:
    cursor.execute("SELECT pg_is_in_recovery()")
    out["replica_in_recovery"] = cursor.fetchone()[0]
for item in ("dashboard", "list", "detail"):
    out[item].pop("body")
print(json.dumps(out), flush=True)
'''


def test_pin_cookie_holds_until_it_runs_out():
    assert is_pinned("1000", now=999.0)
    assert not is_pinned("1000", now=1000.5)
    assert not is_pinned(None, now=0) and not is_pinned("junk", now=0)


def test_the_replica_pages_are_the_heavy_read_only_ones():
    assert is_replica_page("progress", "progress:city")
    assert is_replica_page("projects", "projects:list")
    assert is_replica_page("spreadsheets", "spreadsheets:export")
    assert is_replica_page("api", "api:project_list")
    assert not is_replica_page("projects", "projects:detail")
    assert not is_replica_page("projects", "projects:filing")


@pytest.fixture
def primary_and_replica():
    clusters = Clusters()
    try:
        primary = clusters.new("primary").initdb().start()
        primary.execute("CREATE DATABASE tuijin")
        replica = clusters.new("replica").basebackup_of(primary).start()
        yield primary, replica
    finally:
        clusters.close()


def test_writes_go_to_the_primary_and_the_dashboard_reads_the_replica(primary_and_replica):
    primary, replica = primary_and_replica
    assert replica.execute("SELECT pg_is_in_recovery()") == [(True,)]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tuijin.settings",
           "DATABASE_URL": primary.url("tuijin"), "DATABASE_REPLICA_URL": replica.url("tuijin"),
           "PYTHONPATH": str(ROOT / "src"), "DEBUG": "false"}
    child = subprocess.Popen([sys.executable, "-c", PROBE], env=env, cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        line = child.stdout.readline()
        while line and not line.startswith("{"):  # the commands' own summary lines
            line = child.stdout.readline()
        assert json.loads(line) == {"step": "written"}
        # Everything the primary wrote has been replayed by the replica.
        [(lsn,)] = primary.execute("SELECT pg_current_wal_lsn()::text")
        wait_for(lambda: replica.execute(
            f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn") == [(True,)],
            what="the replica to catch up")
        output, _ = child.communicate("\n", timeout=300)
    finally:
        child.kill()
    assert child.returncode == 0
    seen = json.loads(output.strip().splitlines()[-1])

    # The dashboard and the project list read projects, reports and plans on the replica only.
    for page in ("dashboard", "list"):
        assert seen[page]["status"] == 200
        assert "projects_project" in seen[page]["replica_tables"]
        assert seen[page]["primary_tables"] == []
    # A project's own page (where people go to edit) stays on the primary.
    assert seen["detail"]["status"] == 200
    assert seen["detail"]["replica_tables"] == []
    assert "projects_project" in seen["detail"]["primary_tables"]
    # The write went to the primary; the replica, paused, does not show it yet.
    assert seen["write"] == {"primary": 1, "replica": 0}
    assert seen["stale_list"] is False
    # A browser that has just written (here: logged in) reads the primary, and sees it.
    assert seen["login_status"] == 302 and seen["pin_cookie"]
    assert seen["after_write"]["status"] == 200
    assert seen["after_write"]["replica_tables"] == []
    assert "projects_project" in seen["after_write"]["primary_tables"]
    assert seen["after_write_sees_rename"] is True
    # It is a real standby: it refuses writes.
    assert seen["replica_in_recovery"] is True
    assert "read-only transaction" in seen["replica_refused_write"]
