"""Writes of problems (problems.services): the whole life by the cast's roles, every step
recorded, and each refusal with nothing changed."""

from datetime import date, timedelta

import pytest

from tests.problems.conftest import TODAY
from tuijin.core.errors import InputError
from tuijin.problems.models import Problem, ProblemCategory, ProblemEvent
from tuijin.problems.services import ProblemInput, problem_raise, problem_step
from tuijin.projects.models import Notice, ReportFiling


def take(problem, action, user, **kw):
    kw.setdefault("today", TODAY)
    return problem_step(problem=problem, action=action, user=user,
                        version=Problem.objects.get(pk=problem.pk).version, **kw)


def test_the_categories_are_seeded_in_order(db):
    assert list(ProblemCategory.objects.values_list("name", flat=True)) == [
        "用地", "资金", "手续审批", "征迁", "环评能评", "水电气配套", "施工条件", "其他"]


def test_the_whole_life_of_a_problem_by_the_cast(raised, cast, land_bureau):
    cast["bureau"].organisation = land_bureau
    cast["bureau"].save()
    problem = take(raised, "accept", cast["longting"])
    problem = take(problem, "assign", cast["longting"], unit_id=land_bureau.pk,
                   deadline=TODAY + timedelta(days=10), comment="请于10日内反馈")
    problem = take(problem, "sign", cast["bureau"])
    problem = take(problem, "answer", cast["bureau"], comment="已安排用地指标，7月初下达")
    problem = take(problem, "check", cast["longting"])
    problem = take(problem, "close", cast["longting"], comment="销号")
    assert problem.state == "closed" and problem.closed_at is not None
    assert problem.answer == "已安排用地指标，7月初下达"
    steps = list(problem.events.values_list("action", "from_state", "to_state", "by__username"))
    assert steps == [
        ("raise", "", "raised", "owner-demo"),
        ("accept", "raised", "accepted", "district-longting"),
        ("assign", "accepted", "assigned", "district-longting"),
        ("sign", "assigned", "signed", "bureau-tourism"),
        ("answer", "signed", "answered", "bureau-tourism"),
        ("check", "answered", "checked", "district-longting"),
        ("close", "checked", "closed", "district-longting"),
    ]
    assert problem.history.count() == 7


def test_the_unit_is_notified_in_the_app_when_assigned(raised, cast):
    problem = take(raised, "accept", cast["admin"])
    take(problem, "assign", cast["admin"], unit_id=cast["bureau"].organisation_id,
         deadline=TODAY + timedelta(days=5))
    notice = Notice.objects.get(user=cast["bureau"])
    assert "宋都古城保护项目" in notice.text and notice.url == problem.get_absolute_url()


def test_a_problem_raised_from_a_report_keeps_its_filing(project, cast, land):
    filing = ReportFiling.objects.create(project=project, month=5, blockers="缺电",
                                         updated_at="2023-05-20T10:00+08:00")
    problem = problem_raise(project=project, user=cast["owner"], data=ProblemInput(
        category_id=land.pk, description="缺电", source_month=5))
    assert problem.source_filing == filing and problem.source_month == 5


def test_a_problem_needs_a_description_and_a_category(project, cast, land):
    with pytest.raises(InputError) as no_text:
        problem_raise(project=project, user=cast["owner"],
                      data=ProblemInput(category_id=land.pk, description=" "))
    assert no_text.value.field == "description"
    with pytest.raises(InputError) as no_category:
        problem_raise(project=project, user=cast["owner"],
                      data=ProblemInput(category_id=None, description="缺电"))
    assert no_category.value.field == "category"
    assert not Problem.objects.exists()


def test_a_stale_step_is_refused_and_changes_nothing(raised, cast):
    take(raised, "accept", cast["admin"])
    with pytest.raises(InputError) as stale:
        problem_step(problem=raised, action="decline", user=cast["longting"],
                     version=raised.version, comment="自行解决")
    assert stale.value.field == "version"
    assert Problem.objects.get(pk=raised.pk).state == "accepted"
    assert ProblemEvent.objects.filter(problem=raised).count() == 2


def test_closing_without_an_answer_is_refused(raised, cast):
    problem = take(raised, "accept", cast["admin"])
    problem = take(problem, "assign", cast["admin"], unit_id=cast["bureau"].organisation_id,
                   deadline=TODAY)
    with pytest.raises(InputError) as refusal:
        take(problem, "close", cast["admin"])
    assert refusal.value.field == "action"
    assert Problem.objects.get(pk=raised.pk).state == "assigned"


def test_assigning_to_a_unit_that_does_not_exist_is_refused(raised, cast):
    problem = take(raised, "accept", cast["admin"])
    with pytest.raises(InputError) as refusal:
        take(problem, "assign", cast["admin"], unit_id=10**6, deadline=TODAY)
    assert refusal.value.field == "unit"
    with pytest.raises(InputError) as missing:
        take(problem, "assign", cast["admin"], deadline=TODAY)
    assert missing.value.field == "unit"


def test_a_deadline_before_today_is_refused(raised, cast):
    problem = take(raised, "accept", cast["admin"])
    with pytest.raises(InputError) as refusal:
        take(problem, "assign", cast["admin"], unit_id=cast["bureau"].organisation_id,
             deadline=date(2023, 6, 14))
    assert refusal.value.field == "deadline"
    assert Problem.objects.get(pk=raised.pk).assigned_unit is None


def test_a_deadline_and_a_number_of_days_together_are_refused(raised, cast):
    """The walk found both accepted and the days silently winning."""
    problem = take(raised, "accept", cast["admin"])
    with pytest.raises(InputError) as refusal:
        take(problem, "assign", cast["admin"], unit_id=cast["bureau"].organisation_id,
             deadline=TODAY + timedelta(days=30), days=5)
    assert refusal.value.field == "deadline" and refusal.value.hint
    assert Problem.objects.get(pk=raised.pk).assigned_unit is None


def test_a_number_of_days_out_of_range_is_named_on_the_days(raised, cast):
    problem = take(raised, "accept", cast["admin"])
    with pytest.raises(InputError) as refusal:
        take(problem, "assign", cast["admin"], unit_id=cast["bureau"].organisation_id, days=400)
    assert refusal.value.field == "days"


def test_assigning_again_with_nothing_changed_writes_nothing(raised, cast):
    """The walk found a second, identical 交办 step logged."""
    problem = take(raised, "accept", cast["admin"])
    unit = cast["bureau"].organisation_id
    problem = take(problem, "assign", cast["admin"], unit_id=unit, days=10)
    steps, version = problem.events.count(), problem.version
    with pytest.raises(InputError) as refusal:
        take(problem, "assign", cast["admin"], unit_id=unit, deadline=problem.deadline)
    assert refusal.value.field == "unit"
    problem.refresh_from_db()
    assert (problem.events.count(), problem.version) == (steps, version)
    moved = take(problem, "assign", cast["admin"], unit_id=unit, days=11)
    assert moved.events.count() == steps + 1


def test_an_overdue_district_problem_is_escalated_to_the_city(raised, cast):
    problem = take(raised, "accept", cast["longting"])
    problem = take(problem, "assign", cast["longting"], unit_id=cast["bureau"].organisation_id,
                   deadline=TODAY)
    with pytest.raises(InputError):
        take(problem, "escalate", cast["longting"], comment="超期", today=TODAY)
    problem = take(problem, "escalate", cast["longting"], comment="超期未办结",
                   today=TODAY + timedelta(days=1))
    assert problem.level == "city" and problem.state == "assigned"
    assert problem.events.last().action == "escalate"


def test_problem_steps_are_append_only(raised):
    event = raised.events.get()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_a_problem_is_never_given_to_another_districts_unit_or_another_projects_owner(
        raised, cast, land_bureau):
    """The walk found other counties' governments and a company offered as 责任单位; the rule
    (problems.rules.may_take_problem) holds on every path, the API's included."""
    from tests.factories import make_owner
    from tuijin.core.models import Division, Organisation

    lankao = Organisation.objects.create(
        name="兰考县人民政府", kind=Organisation.Kind.DISTRICT_GOVERNMENT,
        division=Division.objects.get(code="410225"))
    stranger = make_owner("别家建设公司")
    problem = take(raised, "accept", cast["longting"])
    for unit in (lankao, stranger):
        with pytest.raises(InputError) as error:
            take(problem, "assign", cast["longting"], unit_id=unit.pk,
                 deadline=TODAY + timedelta(days=5))
        assert error.value.field == "unit" and unit.name in error.value.message
    assert Problem.objects.get(pk=problem.pk).state == "accepted"
    assert not problem.events.filter(action="assign").exists()
    # The project's own district government, a city bureau and the project's owner may.
    longting = Organisation.objects.create(
        name="龙亭区人民政府", kind=Organisation.Kind.DISTRICT_GOVERNMENT,
        division=Division.objects.get(code="410202"))
    for unit in (longting, land_bureau, raised.project.owner):
        problem = take(Problem.objects.get(pk=problem.pk), "assign", cast["longting"],
                       unit_id=unit.pk, deadline=TODAY + timedelta(days=5 + unit.pk % 7))
        assert problem.assigned_unit == unit
