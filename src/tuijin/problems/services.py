"""Writes of problems (督办): raised, then each step of problems.rules. One transaction each;
every step is recorded as a ProblemEvent (who, when, from → to, the comment) and in the
problem's history. Access is the caller's check (accounts.permissions: may_raise_problem,
may_take_problem_step).
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.core.models import Organisation
from tuijin.problems.models import Problem, ProblemCategory, ProblemEvent
from tuijin.problems.rules import Action, Level, State, step_check
from tuijin.projects.models import Notice, ReportFiling


@dataclass(frozen=True)
class ProblemInput:
    category_id: int | None
    description: str
    help_requested: str = ""
    source_month: int | None = None


@transaction.atomic
def problem_raise(*, project, user, data: ProblemInput) -> Problem:
    """Raise a problem of ``project``, at the district level, waiting to be accepted. With
    ``source_month`` it is tied to that month's report (its filing when there is one).
    Refused (InputError on the field) without a description or an offered category."""
    description = (data.description or "").strip()
    if not description:
        raise InputError(_("Describe the problem."),
                         hint=_("Say what blocks the project and since when."),
                         field="description")
    category = ProblemCategory.objects.filter(pk=data.category_id, is_active=True).first()
    if category is None:
        raise InputError(_("Choose a category from the list."), field="category",
                         value=data.category_id)
    month = data.source_month
    if month is not None and not 1 <= month <= 12:
        raise InputError(_("The month must be between 1 and 12."), field="source_month",
                         value=month)
    filing = (ReportFiling.objects.filter(project=project, month=month).first()
              if month is not None else None)
    now = timezone.now()
    problem = Problem(project=project, category=category, description=description,
                      help_requested=(data.help_requested or "").strip(),
                      raised_by=acting_user(user), raised_at=now, source_filing=filing,
                      source_month=month)
    problem._history_user = acting_user(user)
    problem._change_reason = "tuijin.problem.raise"
    problem.save()
    ProblemEvent.objects.create(problem=problem, action=Action.RAISE, from_state="",
                                to_state=State.RAISED, at=now, by=acting_user(user))
    return problem


@transaction.atomic
def problem_step(*, problem: Problem, action: str, user, version: int | None,
                 comment: str = "", unit_id: int | None = None, deadline: date | None = None,
                 today: date | None = None) -> Problem:
    """Take one step of the problem's life (problems.rules.Action): accept, decline (leave it
    to the project unit), assign (to ``unit_id`` with ``deadline``), sign, answer (the comment
    is the answer), send back, check, close, escalate.

    Requires the problem's ``version`` as the user saw it: a step taken on a stale page is
    refused. Writes the problem and one ProblemEvent; an assignment notifies the unit's users
    in the app. Raises InputError naming the field (action, comment, unit, deadline, version).
    """
    today = today or timezone.localdate()
    locked = Problem.objects.select_for_update(of=("self",)).select_related("assigned_unit").get(
        pk=problem.pk)
    if version is None or locked.version != version:
        raise InputError(_("Someone else has moved this problem on since you opened it."),
                         hint=_("Reload the page to see its current state, then try again."),
                         field="version", value=version)
    unit = None
    if action == Action.ASSIGN and unit_id is not None:
        unit = Organisation.objects.filter(pk=unit_id).first()
        if unit is None:
            raise InputError(_("There is no such unit."),
                             hint=_("Choose the responsible unit from the list."),
                             field="unit", value=unit_id)
    step = step_check(action=action, state=locked.state, comment=comment, deadline=deadline,
                      today=today, level=locked.level, current_deadline=locked.deadline)
    if action == Action.ASSIGN and unit is None:
        raise InputError(_("Choose the responsible unit."), field="unit")
    now = timezone.now()
    locked.state = step.to_state
    if action == Action.ASSIGN:
        locked.assigned_unit = unit
        locked.assigned_by = acting_user(user)
        locked.assigned_at = now
        locked.deadline = deadline
    elif action == Action.ANSWER:
        locked.answer = comment.strip()
        locked.answered_at = now
    elif action == Action.ESCALATE:
        locked.level = Level.CITY
        locked.escalated_at = now
    elif action == Action.CLOSE:
        locked.closed_at = now
    locked.version += 1
    locked._history_user = acting_user(user)
    locked._change_reason = f"tuijin.problem.{step.action}"
    locked.save()
    ProblemEvent.objects.create(problem=locked, action=step.action, from_state=step.from_state,
                                to_state=step.to_state, at=now, by=acting_user(user),
                                comment=(comment or "").strip(),
                                unit=unit, deadline=deadline if unit else None)
    if action == Action.ASSIGN:
        _notify_unit(locked)
    return locked


def unit_users(unit: Organisation):
    """The active users who sign for and answer the unit's problems (accounts.permissions.
    works_for_units, as a query): its own users, and for a district government the users of
    its district."""
    users = User.objects.filter(is_active=True, organisation=unit)
    if unit.kind == Organisation.Kind.DISTRICT_GOVERNMENT and unit.division_id:
        users = users | User.objects.filter(is_active=True, role=User.Role.DISTRICT,
                                            division_id=unit.division_id)
    return users.exclude(role=User.Role.LEADER).distinct()


def _notify_unit(problem: Problem) -> None:
    # Read in Chinese, the interface's default, whatever the assigner's page was in (as the
    # report reminders are).
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Problem assigned to %(unit)s: %(project)s — %(category)s, answer by "
                 "%(deadline)s.") % {"unit": problem.assigned_unit.name,
                                     "project": problem.project.name,
                                     "category": problem.category.name,
                                     "deadline": problem.deadline.isoformat()}
    url = reverse("problems:detail", args=[problem.pk])
    now = timezone.now()
    Notice.objects.bulk_create([Notice(user=user, text=text[:500], url=url, created_at=now)
                                for user in unit_users(problem.assigned_unit)])
