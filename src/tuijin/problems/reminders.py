"""督办提醒: the responsible unit's users are told when a problem is assigned to it and when
its deadline light turns yellow or red, in the app (a Notice in the top bar) and by e-mail
where they gave an address: the same mechanism as the report reminders (projects.reminders),
read in Chinese whatever the sender's page was in.

Each event of a problem is sent at most once a day (ProblemReminder's unique constraint,
whoever sends it), and the yellow and red ones once per deadline: the daily run
(`tuijin remind`) sends a light the first day it is on, and again only after a new
assignment with a new deadline. docs/reference/problems.md, "Reminders".
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.core.models import Organisation
from tuijin.problems.days import day_count, days_left, deadline_text
from tuijin.problems.models import Problem, ProblemReminder
from tuijin.problems.rules import DEFAULT_YELLOW_DAYS, WITH_UNIT, Light, deadline_light
from tuijin.problems.selectors import problems_visible_to
from tuijin.projects.models import Notice

Event = ProblemReminder.Event


def unit_users(unit: Organisation):
    """The active users who sign for and answer the unit's problems (accounts.permissions.
    works_for_units, as a query): its own users, and for a district government the users of
    its district."""
    users = User.objects.filter(is_active=True, organisation=unit)
    if unit.kind == Organisation.Kind.DISTRICT_GOVERNMENT and unit.division_id:
        users = users | User.objects.filter(is_active=True, role=User.Role.DISTRICT,
                                            division_id=unit.division_id)
    return users.exclude(role=User.Role.LEADER).distinct().order_by("username")


def notify_unit(problem: Problem, event: str, *, today: date) -> bool:
    """Tell the problem's unit about ``event`` (assigned, yellow, red): a notice to each of
    its users and an e-mail to those with an address, sent once the caller's transaction
    commits. False, and nothing written, when this event of this problem was sent today."""
    users = list(unit_users(problem.assigned_unit))
    url = reverse("problems:detail", args=[problem.pk])
    with translation.override(settings.LANGUAGE_CODE):
        subject, text = _message(problem, event, today=today)
    # The site's public address, where one is configured, makes the link clickable in a mail.
    link = getattr(settings, "TUIJIN_PUBLIC_URL", "").rstrip("/") + url
    mails = [(subject, f"{text}\n\n{link}", settings.DEFAULT_FROM_EMAIL, [user.email])
             for user in users if user.email]
    now = timezone.now()
    try:
        with transaction.atomic():
            ProblemReminder.objects.create(
                problem=problem, event=event, unit=problem.assigned_unit,
                deadline=problem.deadline, sent_on=today, sent_at=now,
                recipients=len(users), emails=len(mails))
            Notice.objects.bulk_create([Notice(user=user, text=text[:500], url=url,
                                               created_at=now) for user in users])
    except IntegrityError:
        return False
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return True


@dataclass
class DeadlineReminders:
    sent: list[tuple[Problem, str]] = field(default_factory=list)
    skipped: int = 0  # already sent today by another run
    emails: int = 0


def remind_deadlines(actor, *, plan, today: date, dry_run: bool = False) -> DeadlineReminders:
    """Send the yellow and red reminders due today for ``plan``'s problems in ``actor``'s
    scope: each problem whose unit owes the work and whose light is yellow or red, unless
    that light was already sent for its current deadline. With ``dry_run``, only says what
    it would send."""
    count = day_count()
    # Yellow starts at most this many calendar days before the deadline even in working
    # days (a week-long holiday and its weekends), so nothing further away is read.
    horizon = today + timedelta(days=DEFAULT_YELLOW_DAYS * 3 + 10)
    candidates = list(problems_visible_to(actor, plan=plan)
                      .filter(state__in=WITH_UNIT, deadline__lte=horizon)
                      .order_by("deadline", "id"))
    sent_before = set(ProblemReminder.objects.filter(
        problem__in=candidates, event__in=[Event.YELLOW, Event.RED])
        .values_list("problem_id", "event", "deadline"))
    result = DeadlineReminders()
    for problem in candidates:
        light = deadline_light(problem.deadline, today=today, state=problem.state, count=count)
        if light not in (Light.YELLOW, Light.RED):
            continue
        if (problem.pk, light.value, problem.deadline) in sent_before:
            continue
        if dry_run:
            result.sent.append((problem, light.value))
            continue
        with transaction.atomic():
            done = notify_unit(problem, light.value, today=today)
        if done:
            result.sent.append((problem, light.value))
            result.emails += sum(1 for user in unit_users(problem.assigned_unit) if user.email)
        else:
            result.skipped += 1
    return result


def _message(problem: Problem, event: str, *, today: date) -> tuple[str, str]:
    values = {"unit": problem.assigned_unit.name, "project": problem.project.name,
              "category": problem.category.name,
              "deadline": problem.deadline.isoformat() if problem.deadline else ""}
    if event == Event.ASSIGNED:
        return (_("Problem assigned to %(unit)s") % values,
                _("Problem assigned to %(unit)s: %(project)s — %(category)s, answer by "
                  "%(deadline)s.") % values)
    if event == Event.YELLOW:
        # "2026-12-01 (2 days left)", or "(due today)" on the day: the page's own words.
        return (_("Problem deadline near: %(project)s") % values,
                _("The deadline of the problem %(project)s — %(category)s assigned to "
                  "%(unit)s is %(deadline)s; please answer in time.")
                % {**values, "deadline": deadline_text(problem.deadline, today=today,
                                                        count=day_count())})
    overdue = -days_left(problem.deadline, today=today, count=day_count())
    return (_("Problem overdue: %(project)s") % values,
            _("The problem %(project)s — %(category)s assigned to %(unit)s is overdue: the "
              "deadline was %(deadline)s (%(days)s days ago). Please answer at once; an "
              "overdue problem may be escalated to the city.") % {**values, "days": overdue})
