"""PostgreSQL restarted under tuijin (issue 11, item 9), on a throw-away cluster of the test's
own (tests/pgcluster.py), with persistent connections as in production: while the server is
down, an owner's submission answers 503 with the retry message and writes nothing; once it is
back, the next request reconnects by itself and the same submission goes through.
bench/load_bench.py --restart-at restarts it under load (docs/reference/operations.md)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgcluster import Clusters

ROOT = Path(__file__).resolve().parents[3]

PROBE = r'''
import json
import django

django.setup()
from django.core.management import call_command
from django.db import close_old_connections
from django.test import Client

from tuijin.accounts.models import User
from tuijin.demo.loader import demo_load
from tuijin.plans.models import Plan
from tuijin.projects.cycle_services import period_open
from tuijin.projects.models import Project, ReportFiling

call_command("migrate", verbosity=0)
call_command("plan", "load", "kaifeng-2023", verbosity=0)
plan = Plan.objects.get(slug="kaifeng-2023")
demo_load(plan, projects=20, months=2, seed=3)
admin = User.objects.create_user(username="admin", password="x-Restart-1",
                                 role=User.Role.CITY_ADMIN)
period_open(plan=plan, month=3, user=admin)
project = Project.objects.filter(plan=plan, owner__isnull=False).order_by("pk").first()
owner = User.objects.create_user(username="owner", password="x-Restart-1", role=User.Role.OWNER,
                                 organisation=project.owner)
client = Client()
client.force_login(owner)
url = f"/projects/p/{project.pk}/month/3/"
submission = {"investment_month_wan": "", "cumulative_wan": "987654.32",
              "progress_text": "主体完工", "blockers": "", "help_requested": "", "do": "submit"}

def step(name, **values):
    print(json.dumps({"step": name, **values}), flush=True)
    input()

def request(method, *args):
    # What Django's request handler does before and after every request, which its test
    # client leaves out: close a connection that errored or outlived CONN_MAX_AGE (checking
    # a kept one first, CONN_HEALTH_CHECKS).
    close_old_connections()
    try:
        return getattr(client, method)(*args)
    finally:
        close_old_connections()

step("up", status=request("get", url).status_code)
response = request("post", url, submission)  # the server is down now
step("down", status=response.status_code, retry_after=response.get("Retry-After"),
     page=response.content.decode())
reopened = request("get", url)  # the server is back: a new connection
written_before = ReportFiling.objects.filter(project=project, month=3).count()
again = request("post", url, submission)
filing = ReportFiling.objects.get(project=project, month=3)
step("back", status=reopened.status_code, written_before=written_before,
     again=again.status_code, state=filing.state, cumulative=str(filing.cumulative_wan))
'''


@pytest.fixture
def cluster():
    clusters = Clusters()
    try:
        server = clusters.new("restart").initdb().start()
        server.execute("CREATE DATABASE tuijin")
        yield server
    finally:
        clusters.close()


def _next_step(child) -> dict:
    line = child.stdout.readline()
    while line and not line.startswith("{"):  # the commands' own summary lines
        line = child.stdout.readline()
    assert line, "the probe ended early"
    return json.loads(line)


def test_a_write_while_the_database_is_down_is_refused_whole_and_service_resumes(cluster):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tuijin.settings",
           "DATABASE_URL": cluster.url("tuijin"), "DATABASE_CONN_MAX_AGE": "60",
           "PYTHONPATH": str(ROOT / "src"), "DEBUG": "false"}
    env.pop("DATABASE_REPLICA_URL", None)
    child = subprocess.Popen([sys.executable, "-c", PROBE], env=env, cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert _next_step(child) == {"step": "up", "status": 200}
        cluster.stop("fast")
        child.stdin.write("\n")
        child.stdin.flush()
        down = _next_step(child)
        cluster.start()
        child.stdin.write("\n")
        child.stdin.flush()
        back = _next_step(child)
        child.stdin.write("\n")
        child.stdin.flush()
        child.wait(60)
    finally:
        child.kill()
    # While down: a clear "try again", in Chinese by default, and not a 500.
    assert down["status"] == 503 and down["retry_after"] == "5"
    assert "数据库暂时无法连接" in down["page"] and "未保存" in down["page"]
    # Back: the same process serves again without a restart of its own, nothing of the
    # refused submission was written, and sending it again is saved whole.
    assert back["status"] == 200
    assert back["written_before"] == 0
    assert back["again"] == 302
    assert back["state"] == "submitted" and back["cumulative"] == "987654.3200"
