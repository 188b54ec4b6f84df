"""The demo's bureau reports and problems: the tourism bureau's month and targets, and
problems in every state, so those pages have something to show after `make run`."""

from datetime import date

import pytest

from tuijin.accounts.models import User
from tuijin.demo.accounts import demo_accounts_ensure
from tuijin.demo.bureaus import demo_bureaus_set
from tuijin.demo.cycle import demo_cycle_set
from tuijin.demo.loader import demo_load
from tuijin.demo.problems import demo_problems_set
from tuijin.plans.services import plan_load_builtin
from tuijin.problems.models import Problem, ProblemAttachment
from tuijin.problems.rules import Level, Light, State, deadline_light
from tuijin.problems.selectors import my_problems, problems_visible_to
from tuijin.progress.selectors import indicator_actuals
from tuijin.projects.bureau_selectors import bureau_rows_visible_to

TODAY = date(2025, 3, 10)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = plan_load_builtin("kaifeng-2023")
    demo_load(plan, projects=200, months=6, seed=3)
    demo_cycle_set(plan, months=6, seed=3)
    demo_accounts_ensure(password="demo-password-42")
    bureaus = demo_bureaus_set(plan)
    problems = demo_problems_set(plan, today=TODAY)
    return plan, bureaus, problems


def test_the_bureau_month_has_a_submitted_and_a_returned_report_with_its_comment(demo):
    plan, bureaus, _problems = demo
    bureau = User.objects.get(username="bureau-tourism")
    rows = bureau_rows_visible_to(bureau, plan=plan, month=6)
    states = [row.state for row in rows]
    assert {"submitted", "returned", "approved", "draft", None} <= set(states)
    assert all(row.report.review_comment for row in rows if row.state == "returned")
    assert bureaus["locked"] == 5 * len(rows)
    earlier = bureau_rows_visible_to(bureau, plan=plan, month=5)
    assert {row.state for row in earlier} == {"approved"}


def test_the_tourism_targets_show_growth_to_date_for_the_approved_months(demo):
    plan, _bureaus, _problems = demo
    actuals = {indicator.code: values for indicator in plan.indicators.all()
               if (values := indicator_actuals(plan).get(indicator.pk))}
    assert set(actuals["tourist-arrivals"]) == {1, 2, 3, 4, 5, 6}  # the 6th is submitted
    assert set(actuals["tourism-revenue"]) == {1, 2, 3, 4, 5}  # the 6th was returned
    assert all(30 <= value <= 46 for values in actuals.values() for value in values.values())


def test_problems_reach_every_state_with_lights_and_escalations(demo):
    plan, _bureaus, counts = demo
    problems = list(Problem.objects.filter(project__plan=plan))
    assert 12 <= len(problems) <= 20
    assert {problem.state for problem in problems} == set(State.values)
    lights = {deadline_light(p.deadline, today=TODAY, state=p.state) for p in problems}
    assert {Light.GREEN, Light.YELLOW, Light.RED} <= lights
    assert counts["escalated"] == sum(p.level == Level.CITY for p in problems) >= 1
    assert len({p.project.district_id for p in problems}) >= 5
    assert all(p.raised_at.year == plan.year for p in problems)
    for problem in problems:
        steps = list(problem.events.order_by("id"))
        assert [step.at for step in steps] == sorted(step.at for step in steps)
        assert steps[-1].to_state == problem.state


def test_problems_go_to_bureaus_and_district_governments(demo):
    plan, _bureaus, _counts = demo
    kinds = {p.assigned_unit.kind for p in Problem.objects.filter(
        project__plan=plan, assigned_unit__isnull=False)}
    assert kinds == {"bureau", "district_government"}


def test_the_demo_owner_and_its_district_see_problems(demo):
    plan, _bureaus, _counts = demo
    owner = User.objects.get(username="owner-demo")
    assert problems_visible_to(owner, plan=plan).count() >= 2
    district = User.objects.get(username="district-longting")
    assert problems_visible_to(district, plan=plan).exists()


def test_a_second_run_adds_nothing(demo):
    plan, _bureaus, _counts = demo
    problems = Problem.objects.count()
    assert demo_bureaus_set(plan)["locked"] == 0
    assert sum(demo_problems_set(plan, today=TODAY).values()) == 0
    assert Problem.objects.count() == problems


def test_two_problems_carry_files_and_the_tourism_bureau_has_work(demo):
    plan, _bureaus, _counts = demo
    files = {(a.event.action, a.original_name, a.content_type.split("/")[0])
             for a in ProblemAttachment.objects.select_related("event")}
    assert ("raise", "现场照片.png", "image") in files
    assert ("answer", "复函.docx", "application") in files
    bureau = User.objects.get(username="bureau-tourism")
    mine = my_problems(bureau, plan=plan, today=TODAY)
    assert len(mine.to_sign) == 1 and len(mine.overdue) == 1 and len(mine.to_answer) == 1
