"""督办提醒 (problems.reminders): the unit is told when a problem is assigned to it and when
its light turns yellow or red, in the app and by e-mail, never twice a day for the same
problem and event, each light once per deadline."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from tests.problems.conftest import TODAY
from tuijin.accounts.scopes import Scope
from tuijin.problems.models import Problem, ProblemReminder
from tuijin.problems.reminders import notify_unit, remind_deadlines
from tuijin.problems.services import problem_step
from tuijin.projects.models import Notice

CITY = Scope.city_wide_for_system()


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def take(problem, action, user, **kw):
    kw.setdefault("today", TODAY)
    return problem_step(problem=problem, action=action, user=user,
                        version=Problem.objects.get(pk=problem.pk).version, **kw)


@pytest.fixture
def assigned(raised, cast, land_bureau, django_capture_on_commit_callbacks):
    cast["bureau"].organisation = land_bureau
    cast["bureau"].email = "land@kaifeng.gov.cn"
    cast["bureau"].save()
    problem = take(raised, "accept", cast["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        return take(problem, "assign", cast["admin"], unit_id=land_bureau.pk,
                    deadline=TODAY + timedelta(days=10))


def test_the_unit_is_told_of_the_assignment_in_the_app_and_by_email(assigned, cast):
    notice = Notice.objects.get(user=cast["bureau"])
    assert notice.url == assigned.get_absolute_url()
    message, = mail.outbox
    assert message.to == ["land@kaifeng.gov.cn"]
    assert message.subject == "问题已交办开封市自然资源和规划局"
    assert message.body.startswith(
        "交办给开封市自然资源和规划局的问题：宋都古城保护项目 — 用地，请于2023-06-25前办理反馈。")
    assert assigned.get_absolute_url() in message.body


def test_the_daily_run_sends_yellow_once_then_red_once(assigned, cast,
                                                       django_capture_on_commit_callbacks):
    mail.outbox.clear()
    green = remind_deadlines(CITY, plan=assigned.project.plan, today=TODAY)
    assert green.sent == []
    with django_capture_on_commit_callbacks(execute=True):
        yellow = remind_deadlines(CITY, plan=assigned.project.plan,
                                  today=TODAY + timedelta(days=8))
    assert [light for _, light in yellow.sent] == ["yellow"]
    assert mail.outbox[-1].subject == "问题临近办理时限：宋都古城保护项目"
    assert "2023-06-25（还剩 2 天）" in mail.outbox[-1].body
    again = remind_deadlines(CITY, plan=assigned.project.plan, today=TODAY + timedelta(days=9))
    assert again.sent == []  # yellow is sent once per deadline
    with django_capture_on_commit_callbacks(execute=True):
        red = remind_deadlines(CITY, plan=assigned.project.plan,
                               today=TODAY + timedelta(days=12))
    assert [light for _, light in red.sent] == ["red"]
    assert mail.outbox[-1].subject == "问题已超期：宋都古城保护项目"
    assert "已超期" in mail.outbox[-1].body and "2天" in mail.outbox[-1].body
    assert len(mail.outbox) == 2
    assert Notice.objects.filter(user=cast["bureau"]).count() == 3


def test_a_new_deadline_starts_the_lights_again(assigned, cast, land_bureau):
    plan = assigned.project.plan
    remind_deadlines(CITY, plan=plan, today=TODAY + timedelta(days=11))
    problem = take(assigned, "assign", cast["admin"], unit_id=land_bureau.pk,
                   deadline=TODAY + timedelta(days=20), today=TODAY + timedelta(days=11))
    result = remind_deadlines(CITY, plan=plan, today=TODAY + timedelta(days=21))
    assert [(p.pk, light) for p, light in result.sent] == [(problem.pk, "red")]


def test_never_twice_a_day_for_the_same_problem_and_event(assigned):
    day = TODAY + timedelta(days=11)
    assert notify_unit(assigned, "red", today=day) is True
    assert notify_unit(assigned, "red", today=day) is False
    assert ProblemReminder.objects.filter(problem=assigned, event="red").count() == 1


def test_a_dry_run_sends_nothing(assigned):
    mail.outbox.clear()
    result = remind_deadlines(CITY, plan=assigned.project.plan,
                              today=TODAY + timedelta(days=11), dry_run=True)
    assert len(result.sent) == 1 and mail.outbox == []
    assert not ProblemReminder.objects.filter(event="red").exists()


def test_the_remind_command_tells_the_units_of_overdue_problems(assigned, capsys):
    Problem.objects.filter(pk=assigned.pk).update(deadline=TODAY - timedelta(days=1000))
    call_command("remind", "--plan", assigned.project.plan.slug)
    out = capsys.readouterr().out
    assert "no report reminders" in out
    assert "Told 开封市自然资源和规划局: problem" in out and "is red" in out
    assert "Told the units of 1 problems turned yellow or red (1 e-mails)" in out
    call_command("remind", "--plan", assigned.project.plan.slug)
    assert "Told the units of 0 problems" in capsys.readouterr().out
