"""`tuijin demo` and `tuijin bootstrap` through call_command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tuijin.accounts.models import User
from tuijin.plans.models import Plan
from tuijin.projects.models import MonthlyReport, Project


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), verbosity=0)
    return out.getvalue()


def test_demo_fills_the_plan_and_prints_one_summary_and_the_generated_password(plan, monkeypatch):
    monkeypatch.delenv("TUIJIN_DEMO_PASSWORD", raising=False)
    output = run("demo", "--plan", plan.slug, "--projects", "30", "--months", "2")
    assert Project.objects.filter(plan=plan, is_demo=True).count() == 30
    assert "30" in output.splitlines()[0]
    password = output.strip().rsplit(" ", 1)[-1]
    assert User.objects.get(username="admin").check_password(password)


def test_demo_refuses_a_second_run_without_replace(plan):
    run("demo", "--projects", "10", "--months", "1")
    with pytest.raises(CommandError, match="--replace"):
        run("demo", "--projects", "10", "--months", "1")
    run("demo", "--projects", "12", "--months", "1", "--replace")
    assert Project.objects.filter(plan=plan).count() == 12


def test_demo_names_the_plans_when_the_slug_is_unknown(plan):
    with pytest.raises(CommandError, match=plan.slug):
        run("demo", "--plan", "nope")


def test_bootstrap_loads_the_builtin_plan_demo_and_accounts_then_changes_nothing(
        db, monkeypatch):
    monkeypatch.setenv("TUIJIN_DEMO_PASSWORD", "demo-password-42")
    output = run("bootstrap", "--projects", "40", "--months", "3")
    plan = Plan.objects.get(slug="kaifeng-2023")
    assert Project.objects.filter(plan=plan, is_demo=True).count() == 40
    assert "TUIJIN_DEMO_PASSWORD" in output
    assert User.objects.get(username="owner-demo").check_password("demo-password-42")
    reports = MonthlyReport.objects.count()

    again = run("bootstrap", "--projects", "40", "--months", "3")
    assert Plan.objects.count() == 1
    assert Project.objects.count() == 40
    assert MonthlyReport.objects.count() == reports
    assert User.objects.count() == 6
    assert "admin" in again
