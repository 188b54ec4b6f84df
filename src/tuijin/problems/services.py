"""Writes of problems (督办): raised, then each step of problems.rules. One transaction each;
every step is recorded as a ProblemEvent (who, when, from → to, the comment) and in the
problem's history. Access is the caller's check (accounts.permissions: may_raise_problem,
may_take_problem_step).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.core.models import Organisation
from tuijin.problems.attachments import (
    CheckedFile,
    attachment_limits,
    check_count,
    check_file,
    too_large,
)
from tuijin.problems.days import day_count, days_checked, due_date
from tuijin.problems.models import (
    Problem,
    ProblemAttachment,
    ProblemCategory,
    ProblemEvent,
    ProblemReminder,
)
from tuijin.problems.reminders import notify_unit
from tuijin.problems.rules import Action, Level, State, step_check
from tuijin.problems.selectors import unit_may_take
from tuijin.projects.models import ReportFiling

logger = logging.getLogger(__name__)
# The steps that may carry files: the problem as raised, and the unit's answer.
WITH_FILES = (Action.RAISE, Action.ANSWER)


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the client gave (for display only) and its content."""

    name: str
    file: BinaryIO
    size: int | None = None


@dataclass(frozen=True)
class ProblemInput:
    category_id: int | None
    description: str
    help_requested: str = ""
    source_month: int | None = None


def problem_raise(*, project, user, data: ProblemInput,
                  files: Sequence[Upload] = ()) -> Problem:
    """Raise a problem of ``project``, at the district level, waiting to be accepted. With
    ``source_month`` it is tied to that month's report (its filing when there is one), and
    ``files`` go with it (problems.attachments). Refused (InputError on the field) without a
    description or an offered category, or for a file that is not accepted; nothing is
    written then."""
    checked = _checked(files)
    return _with_files(lambda written: _raise(project=project, user=user, data=data,
                                              checked=checked, written=written))


def _raise(*, project, user, data: ProblemInput, checked: list[CheckedFile],
           written: list[str]) -> Problem:
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
    event = ProblemEvent.objects.create(problem=problem, action=Action.RAISE, from_state="",
                                        to_state=State.RAISED, at=now, by=acting_user(user))
    _attach(problem, event, checked, user=user, written=written)
    return problem


def problem_step(*, problem: Problem, action: str, user, version: int | None,
                 comment: str = "", unit_id: int | None = None, deadline: date | None = None,
                 days: int | None = None, today: date | None = None,
                 files: Sequence[Upload] = ()) -> Problem:
    """Take one step of the problem's life (problems.rules.Action): accept, decline (leave it
    to the project unit), assign (to ``unit_id`` with ``deadline``, or within ``days`` days
    counted as TUIJIN_PROBLEM_DAYS says), sign, answer (the comment is the answer, ``files``
    go with it), send back, check, close, escalate.

    Requires the problem's ``version`` as the user saw it: a step taken on a stale page is
    refused. Writes the problem, one ProblemEvent and its attachments; an assignment notifies
    the unit's users (problems.reminders: in the app and by e-mail). Raises InputError naming
    the field (action, comment, unit, deadline, attachments, version); nothing is written then.
    """
    today = today or timezone.localdate()
    if files and action not in WITH_FILES:
        raise InputError(_("Files go with the problem as raised or with the answer."),
                         field="attachments")
    if days is not None and deadline is not None:
        # Two time limits that need not agree: say which one counts rather than pick one.
        raise InputError(_("Give either a deadline or a number of days, not both."),
                         hint=_("Clear one of the two fields."), field="deadline",
                         value=deadline)
    if days is not None:
        deadline = due_date(today, days_checked(days), count=day_count())
    checked = _checked(files)
    return _with_files(lambda written: _step(
        problem=problem, action=action, user=user, version=version, comment=comment,
        unit_id=unit_id, deadline=deadline, today=today, checked=checked, written=written))


def _step(*, problem: Problem, action: str, user, version: int | None, comment: str,
          unit_id: int | None, deadline: date | None, today: date,
          checked: list[CheckedFile], written: list[str]) -> Problem:
    locked = (Problem.objects.select_for_update(of=("self",))
              .select_related("assigned_unit", "project").get(pk=problem.pk))
    if version is None or locked.version != version:
        raise InputError(_("Someone else has moved this problem on since you opened it."),
                         hint=_("Reload the page to see its current state, then try again."),
                         field="version", value=version)
    unit = None
    if action == Action.ASSIGN and unit_id is not None:
        unit = Organisation.objects.filter(pk=unit_id).select_related("division").first()
        if unit is None:
            raise InputError(_("There is no such unit."),
                             hint=_("Choose the responsible unit from the list."),
                             field="unit", value=unit_id)
        if not unit_may_take(unit, locked.project):
            raise InputError(
                _("%(unit)s cannot take a problem of this project.") % {"unit": unit.name},
                hint=_("Give it to a city bureau, to the government or a unit of the project's "
                       "own district, or leave it to the project's own unit."),
                field="unit", value=unit_id)
    step = step_check(action=action, state=locked.state, comment=comment, deadline=deadline,
                      today=today, level=locked.level, current_deadline=locked.deadline,
                      unit_id=unit.pk if unit else None,
                      current_unit_id=locked.assigned_unit_id)
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
    event = ProblemEvent.objects.create(
        problem=locked, action=step.action, from_state=step.from_state, to_state=step.to_state,
        at=now, by=acting_user(user), comment=(comment or "").strip(), unit=unit,
        deadline=deadline if unit else None)
    _attach(locked, event, checked, user=user, written=written)
    if action == Action.ASSIGN:
        notify_unit(locked, ProblemReminder.Event.ASSIGNED, today=today)
    return locked


# ------------------------------------------------------------------------------ files


def _checked(files: Sequence[Upload]) -> list[CheckedFile]:
    """Every file checked before anything is written: one bad file refuses the step."""
    limits = attachment_limits()
    check_count(len(files), per_step=limits.per_step)
    checked = []
    for upload in files:
        if upload.size is not None and upload.size > limits.max_bytes:
            # Refused before its bytes are read in.
            raise too_large(upload.name, limits.max_bytes)
        checked.append(check_file(upload.file.read(limits.max_bytes + 1),
                                  filename=upload.name, max_bytes=limits.max_bytes))
    return checked


def _with_files(write):
    """Run ``write(written)`` in one transaction; the files it stored are deleted again if
    the transaction fails."""
    written: list[str] = []
    try:
        with transaction.atomic():
            return write(written)
    except BaseException:
        for name in written:
            try:
                default_storage.delete(name)
            except OSError:  # pragma: no cover - the storage is gone; the row is too
                logger.warning("could not delete %s", name)
        raise


def _attach(problem: Problem, event: ProblemEvent, checked: list[CheckedFile], *, user,
            written: list[str]) -> None:
    now = timezone.now()
    for item in checked:
        attachment = ProblemAttachment(
            problem=problem, event=event, original_name=item.original_name,
            content_type=item.content_type, bytes=len(item.data), sha256=item.sha256,
            uploaded_at=now, uploaded_by=acting_user(user))
        attachment.file.save(f"file.{item.extension}", ContentFile(item.data), save=False)
        written.append(attachment.file.name)
        attachment.save()


# ------------------------------------------------------------------------------ categories


@dataclass(frozen=True)
class CategoryInput:
    name: str
    order: int = 0
    is_active: bool = True


@transaction.atomic
def category_save(*, category: ProblemCategory | None, data: CategoryInput) -> ProblemCategory:
    """Add a category (``category`` None) or rename, reorder, deactivate or reactivate one.
    Refused (InputError on ``name``) without a name or with one another category has."""
    name = (data.name or "").strip()
    if not name:
        raise InputError(_("Give the category a name."), field="name")
    clash = ProblemCategory.objects.filter(name=name)
    if category is not None:
        clash = clash.exclude(pk=category.pk)
    if clash.exists():
        raise InputError(_("There is already a category named %(name)s.") % {"name": name},
                         hint=_("Choose another name, or reactivate that one."), field="name",
                         value=name)
    category = category or ProblemCategory()
    category.name, category.order, category.is_active = name, data.order, data.is_active
    category.save()
    return category


@transaction.atomic
def category_delete(*, category: ProblemCategory) -> None:
    """Delete a category no problem uses; one in use is refused (InputError): deactivate it,
    so old problems keep their category and new ones cannot choose it."""
    locked = ProblemCategory.objects.select_for_update().filter(pk=category.pk).first()
    if locked is None:
        return
    used = Problem.objects.filter(category=locked).count()
    if used:
        raise InputError(_("%(name)s is the category of %(count)s problems and cannot be "
                           "deleted.") % {"name": locked.name, "count": used},
                         hint=_("Untick “offered for new problems” instead."), field="name")
    locked.delete()


# ------------------------------------------------------------------------------ from a report


def filing_save_raising(*, project, month: int, data, user, submit: bool, version,
                        needs_coordination: bool, category_id: int | None = None):
    """Save or submit the owner's report (projects.cycle_services.filing_save) and, when it is
    saved or submitted with 需要协调 ticked and blockers written, raise them as a problem of the
    report in the same transaction: both are written or neither. A draft save raises too, so
    the owner's request is never dropped between saving and submitting. Without a category
    the problem is “其他” (the office may reassign it). A report that already has an
    unfinished problem raised from it does not raise a second. Returns (filing, problem or
    None)."""
    from tuijin.projects.cycle_services import filing_save

    with transaction.atomic():
        filing = filing_save(project=project, month=month, data=data, user=user,
                             submit=submit, version=version)
        if not (needs_coordination and (filing.blockers or "").strip()):
            return filing, None
        if Problem.objects.filter(source_filing=filing).exclude(
                state__in=[State.CLOSED, State.SELF_RESOLVE]).exists():
            return filing, None
        category = (ProblemCategory.objects.filter(pk=category_id, is_active=True).first()
                    if category_id else None) or _fallback_category()
        problem = _raise(project=project, user=user, data=ProblemInput(
            category_id=category.pk if category else None, description=filing.blockers,
            help_requested=filing.help_requested, source_month=month),
            checked=[], written=[])
        return filing, problem


def _fallback_category() -> ProblemCategory | None:
    offered = ProblemCategory.objects.filter(is_active=True)
    return offered.filter(name="其他").first() or offered.order_by("-order", "-pk").first()
