"""Problems (督办, DESIGN.md §3): a blocker a project cannot solve alone, raised from a report
or by hand, assigned to a responsible unit with a deadline, answered, checked and closed.

The rules of its life are problems.rules; the writes problems.services (one transaction and
one ProblemEvent per step); who may take which step accounts.permissions.
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tuijin.problems.rules import Action, Level, State


class ProblemCategory(models.Model):
    """A kind of problem (用地, 资金, 手续审批 …): a list the city office edits in the admin."""

    name = models.CharField(_("name"), max_length=32, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered for new problems"), default=True)

    class Meta:
        verbose_name = _("problem category")
        verbose_name_plural = _("problem categories")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Problem(models.Model):
    """问题: one blocker of one project and where it stands. ``version`` grows with every step,
    so a step taken on a stale page is refused instead of undoing someone else's."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="problems",
                                verbose_name=_("project"))
    category = models.ForeignKey(ProblemCategory, models.PROTECT, related_name="problems",
                                 verbose_name=_("category"))
    description = models.TextField(_("problem"))
    help_requested = models.TextField(_("help requested"), blank=True)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("raised by"))
    raised_at = models.DateTimeField(_("raised at"))
    # The report it came from: the month's filing when there is one, else only the month of
    # the counted report (imported reports have no filing).
    source_filing = models.ForeignKey("projects.ReportFiling", models.SET_NULL, null=True,
                                      blank=True, related_name="problems",
                                      verbose_name=_("from the report"))
    source_month = models.PositiveSmallIntegerField(_("from the report of month"), null=True,
                                                    blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices,
                             default=State.RAISED)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices,
                             default=Level.DISTRICT)
    assigned_unit = models.ForeignKey("core.Organisation", models.PROTECT, null=True,
                                      blank=True, related_name="problems",
                                      verbose_name=_("responsible unit"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source_month__isnull=True)
                | models.Q(source_month__gte=1, source_month__lte=12),
                name="problem_source_month_in_year"),
            models.CheckConstraint(
                condition=~models.Q(state__in=["assigned", "signed", "answered", "returned",
                                               "checked"])
                | models.Q(assigned_unit__isnull=False, deadline__isnull=False),
                name="problem_assigned_has_unit_and_deadline"),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="problem_state_deadline")]

    def __str__(self) -> str:
        return f"{self.project} · {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("problems:detail", args=[self.pk])


class ProblemEvent(models.Model):
    """One step of a problem's life: who, when, from which state to which, with the comment
    (and the unit and deadline an assignment set). Append-only."""

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=State.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    comment = models.TextField(_("comment"), blank=True)
    unit = models.ForeignKey("core.Organisation", models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("responsible unit"))
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("problem step")
        verbose_name_plural = _("problem steps")
        ordering = ["problem", "at", "id"]

    def __str__(self) -> str:
        return f"{self.problem} · {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A problem step is never changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A problem step is never deleted.")


class ProblemReminder(models.Model):
    """A notice sent to a problem's responsible unit: assigned to it, its deadline near
    (yellow) or passed (red). Recorded with the deadline it was about, so the daily run sends
    each light once per deadline (a new assignment with a new deadline starts again); the
    unique constraint is the rule "never twice a day for the same problem and event", whoever
    sends it (problems.reminders)."""

    class Event(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        YELLOW = "yellow", _("Deadline near")
        RED = "red", _("Overdue")

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="reminders")
    event = models.CharField(_("event"), max_length=16, choices=Event.choices)
    unit = models.ForeignKey("core.Organisation", models.CASCADE, related_name="+",
                             verbose_name=_("responsible unit"))
    deadline = models.DateField(_("deadline"))
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveSmallIntegerField(_("people reached"), default=0)
    emails = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)

    class Meta:
        verbose_name = _("problem reminder")
        verbose_name_plural = _("problem reminders")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["problem", "event", "sent_on"],
                                               name="problem_reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.problem} · {self.event} · {self.sent_on}"


def attachment_upload_to(attachment: "ProblemAttachment", filename: str) -> str:
    """problems/<plan>/<problem>/<uuid>.<ext>: nothing of the client's file name, which is
    neither trusted nor revealed; the extension is the one of the kind detected."""
    problem = attachment.problem
    ext = filename.rpartition(".")[2].lower()
    return f"problems/{problem.project.plan_id}/{problem.pk}/{attachment.uuid}.{ext}"


class ProblemAttachment(models.Model):
    """A file given with a step of a problem: a document or a photo with the raise (the
    approval that is missing, the red-line map), or with the answer (the reply letter). Checked
    by content (problems.attachments), stored through Django's storage API and served only
    through problems.views.attachment_file to whoever may see the problem."""

    problem = models.ForeignKey(Problem, models.CASCADE, related_name="attachments")
    event = models.ForeignKey(ProblemEvent, models.CASCADE, related_name="attachments",
                              verbose_name=_("step"))
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    original_name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("type"), max_length=100)
    bytes = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("uploaded by"))

    class Meta:
        verbose_name = _("problem attachment")
        verbose_name_plural = _("problem attachments")
        ordering = ["problem", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
