"""The project library (重点项目) and monthly reports (月报). Money is exact 万元 everywhere."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tuijin.core.codes import division_is_within, parse_project_code
from tuijin.core.errors import InputError
from tuijin.plans.models import Status as PlanStatus
from tuijin.projects.cycle import Action, FilingState, PeriodState
from tuijin.projects.evidence import PlaceCheck, TimeCheck
from tuijin.projects.geo import Datum
from tuijin.projects.identity import ProjectKey, find_twin, twin_error
from tuijin.projects.locations import check_project_point


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    # 18 digits with 4 places: up to 99,999,999,999,999万元, exact to one yuan.
    return models.DecimalField(verbose_name, max_digits=18, decimal_places=4, **kwargs)


class Project(models.Model):
    class Nature(models.TextChoices):
        NEW = "new", _("New")
        CONTINUING = "continuing", _("Continuing")

    # No index of its own: project_plan_district and the other (plan, …) indexes start with it.
    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="projects",
                             db_index=False)
    code = models.CharField(
        _("project code"), max_length=24, null=True, blank=True,
        help_text=_("National project code, YYYY-AAAAAA-II-TT-NNNNNN; leave empty if none yet."),
    )
    name = models.CharField(_("project name"), max_length=200)
    # No index of their own either: every query by domain or district is within a plan
    # (project_plan_domain, project_plan_district); a domain or division is deleted rarely
    # enough that the PROTECT check may scan.
    domain = models.ForeignKey(
        "plans.Domain", models.PROTECT, related_name="projects", verbose_name=_("domain"),
        db_index=False,
    )
    district = models.ForeignKey(
        "core.Division", models.PROTECT, related_name="projects", verbose_name=_("district"),
        db_index=False,
    )
    owner = models.ForeignKey(
        "core.Organisation", models.PROTECT, null=True, blank=True, related_name="projects",
        verbose_name=_("project owner"),
    )
    is_industrial = models.BooleanField(_("industrial project"), default=False)
    nature = models.CharField(
        _("nature"), max_length=16, choices=Nature.choices, default=Nature.NEW
    )
    description = models.TextField(_("scope of construction"), blank=True)
    # The site's point as it was entered, in the datum it was given in (projects.geo: WGS-84
    # from GPS, GCJ-02 from Amap or Tencent, BD-09 from Baidu); converted when shown or
    # exported, never rewritten. Checked by projects.locations.check_point wherever it comes in.
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True,
                                    blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                                   blank=True)
    # A database default too: the import and the demo insert rows in bulk, naming only the
    # columns they fill (projects.bulk).
    location_datum = models.CharField(_("datum"), max_length=8, choices=Datum.choices,
                                      blank=True, default="", db_default="")
    total_investment_wan = money_field(_("total investment (万元)"))
    annual_plan_wan = money_field(_("planned investment this year (万元)"))
    planned_signed_on = models.DateField(_("planned signing"), null=True, blank=True)
    planned_started_on = models.DateField(_("planned start"), null=True, blank=True)
    planned_in_production_on = models.DateField(
        _("planned production / completion"), null=True, blank=True
    )
    actual_signed_on = models.DateField(_("signed"), null=True, blank=True)
    actual_started_on = models.DateField(_("started"), null=True, blank=True)
    actual_in_production_on = models.DateField(
        _("in production / completed"), null=True, blank=True
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bit m is set when the project has a report for month m. Kept by database triggers
    # (migration 0005), whoever writes the reports, so that the month's missing reports are
    # found from the projects alone (progress.selectors). Never written by the application.
    reported_months = models.PositiveIntegerField(db_default=0, editable=False)

    # History is read by project (id) and by user only: no index on the copied relations,
    # which every imported row would otherwise maintain.
    history = HistoricalRecords(no_db_index=["plan", "domain", "district", "owner"],
                                excluded_fields=["reported_months"])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], condition=models.Q(code__isnull=False),
                name="project_unique_code_per_plan",
                violation_error_message=_("Another project in this plan has this project code."),
            ),
            models.CheckConstraint(
                condition=models.Q(total_investment_wan__gte=0),
                name="project_total_investment_not_negative",
                violation_error_message=_("Total investment cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(annual_plan_wan__gte=0),
                name="project_annual_plan_not_negative",
                violation_error_message=_("Planned investment cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~models.Q(code=""), name="project_code_null_not_blank",
            ),
            # A point is whole: both coordinates and the datum they are in, or none of them.
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True, latitude__isnull=True,
                                   location_datum="")
                | models.Q(longitude__isnull=False, latitude__isnull=False,
                           longitude__gte=-180, longitude__lte=180, latitude__gte=-90,
                           latitude__lte=90, location_datum__in=Datum.values),
                name="project_point_whole",
            ),
        ]
        indexes = [
            models.Index(fields=["plan", "district"], name="project_plan_district"),
            models.Index(fields=["plan", "domain"], name="project_plan_domain"),
            # The missing-report list: largest planned amount first, read from the index
            # alone on PostgreSQL.
            models.Index(fields=["plan", "-annual_plan_wan", "id"], name="project_plan_planned",
                         include=["reported_months"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.code == "":
            self.code = None
        if self.code:
            try:
                parsed = parse_project_code(self.code)
            except InputError as exc:
                errors["code"] = str(exc)
            else:
                self.code = str(parsed)
                if self.plan_id and not division_is_within(parsed.division, self.plan.region.code):
                    errors["code"] = _(
                        "Project code %(code)s was issued by division %(division)s, which is "
                        "outside %(region)s."
                    ) % {"code": self.code, "division": parsed.division,
                         "region": self.plan.region}
        if self.plan_id and self.district_id:
            region = self.plan.region
            if self.district_id != region.pk and self.district.parent_id != region.pk:
                errors["district"] = _(
                    "%(district)s is not within the plan's region %(region)s."
                ) % {"district": self.district, "region": region}
        if self.longitude is not None or self.latitude is not None:
            errors.update(self._point_errors())
        if self.plan_id and self.domain_id and self.domain.plan_id != self.plan_id:
            errors["domain"] = _("This domain belongs to another plan.")
        if self.plan_id and self.district_id and self.name and "district" not in errors:
            twin = self._twin()
            if twin is not None:
                error = twin_error(other=twin, district=self.district)
                errors["name"] = f"{error.message} {error.hint}"
        if errors:
            raise ValidationError(errors)

    def _point_errors(self) -> dict:
        """projects.locations' rule, the one the form and the import apply (the admin edits
        the three fields directly)."""
        if self.longitude is None or self.latitude is None:
            return {"longitude": _("Give both the longitude and the latitude, or neither.")}
        if not self.plan_id:
            return {}
        try:
            check_project_point(self.longitude, self.latitude,
                                self.location_datum or Datum.WGS84, plan=self.plan)
        except InputError as exc:
            return {"longitude": f"{exc.message} {exc.hint}"}
        if not self.location_datum:
            self.location_datum = Datum.WGS84
        return {}

    def _twin(self):
        """Another project of the plan this one could not be told apart from (projects.identity)."""
        others = (Project.objects.filter(plan_id=self.plan_id, district_id=self.district_id,
                                         name=self.name.strip())
                  .exclude(pk=self.pk).values_list("id", "name", "district_id", "code"))
        return find_twin(ProjectKey(self.pk, self.name.strip(), self.district_id, self.code),
                         [ProjectKey(*values) for values in others])


class MonthlyReport(models.Model):
    """月报: one project's report for one month of its plan's year.

    ``cumulative_wan`` is January to this month; it must equal the previous month's cumulative
    plus ``investment_month_wan`` (projects/rules.py). Written only through projects.services,
    which every path calls; the admin shows reports read-only.
    """

    project = models.ForeignKey(Project, models.CASCADE, related_name="reports")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    investment_month_wan = money_field(_("investment this month (万元)"))
    cumulative_wan = money_field(_("cumulative investment this year (万元)"))
    progress_text = models.TextField(_("physical progress"), blank=True)
    blockers = models.TextField(_("problems (存在问题)"), blank=True)
    help_requested = models.TextField(_("help requested"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("submitted by"),
    )
    # cumulative ÷ the project's annual plan (NULL when nothing is planned), and that annual
    # plan, kept by database triggers (migrations 0005, 0009) when either changes, so the
    # lagging list is read in its full order (completion, then largest plan) from an index.
    # They order and narrow; the light itself is judged on the exact amounts.
    completion = models.FloatField(null=True, editable=False)
    planned_wan = models.DecimalField(max_digits=18, decimal_places=4, null=True,
                                      editable=False)

    history = HistoricalRecords(excluded_fields=["completion", "planned_wan"])

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month"], name="report_one_per_project_month",
                violation_error_message=_("This project already has a report for this month."),
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="report_month_in_year",
                violation_error_message=_("The month must be between 1 and 12."),
            ),
            models.CheckConstraint(
                condition=models.Q(investment_month_wan__gte=0),
                name="report_month_investment_not_negative",
                violation_error_message=_("Investment this month cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(cumulative_wan__gte=models.F("investment_month_wan")),
                name="report_cumulative_covers_month",
                violation_error_message=_(
                    "The cumulative investment cannot be less than this month's investment."
                ),
            ),
        ]
        # The progress pages read a month of reports from the first index alone (an
        # index-only scan), in project order, which SQLite's nested loops over the projects
        # need; the second gives the lagging list in completion order (on PostgreSQL from the
        # index alone as well).
        indexes = [models.Index(fields=["month", "project", "cumulative_wan", "completion"],
                                name="report_month_project_cum"),
                   models.Index(fields=["month", "completion", "-planned_wan", "project"],
                                name="report_month_completion", include=["cumulative_wan"])]

    def __str__(self) -> str:
        return f"{self.project} · {self.month}"

    def get_absolute_url(self) -> str:
        return self.project.get_absolute_url() + f"#report-{self.month}"


class ColumnMapping(models.Model):
    """A saved column mapping for a recurring spreadsheet layout (issue 3).

    ``columns`` maps a header as normalised by the importer (two-row headers as "group/sub")
    to a field name, or to "" to ignore that column; unmapped headers still go by synonyms.
    """

    class Kind(models.TextChoices):
        PROJECTS = "projects", _("Project library")
        REPORTS = "reports", _("Monthly reports")

    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="column_mappings")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=64)
    columns = models.JSONField(_("columns"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["plan", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "name"],
                                    name="column_mapping_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ReportingPeriod(models.Model):
    """One month of a plan's reporting cycle (填报周期): opened with a due date, later locked.

    No row means the month is not open yet. Reopening a locked month, or one report of it, is
    the city office's, with a reason kept in the history (projects.cycle_services)."""

    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="periods")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    state = models.CharField(_("state"), max_length=16, choices=PeriodState.choices,
                             default=PeriodState.OPEN)
    due_on = models.DateField(_("due date"))
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("opened by"))
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True)
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                  blank=True, related_name="+", verbose_name=_("locked by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["plan", "month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="period_one_per_plan_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12),
                                   name="period_month_in_year"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.month}"


class ReportFiling(models.Model):
    """填报: a project's report for a month as it goes through the cycle.

    It holds the figures as the owner entered them, the state and the review. The figures the
    dashboards read are the project's MonthlyReport, which the cycle's service writes through
    projects.services while the filing is in a counted state and withdraws when it leaves one
    (a returned report counts as missing). ``version`` grows with every write, so a stale edit
    is refused instead of overwriting someone else's (DESIGN.md §3, no lost updates)."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="filings")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    state = models.CharField(_("state"), max_length=16, choices=FilingState.choices,
                             default=FilingState.DRAFT)
    investment_month_wan = money_field(_("investment this month (万元)"), null=True, blank=True)
    cumulative_wan = money_field(_("cumulative investment this year (万元)"), null=True,
                                 blank=True)
    progress_text = models.TextField(_("physical progress"), blank=True)
    blockers = models.TextField(_("problems (存在问题)"), blank=True)
    help_requested = models.TextField(_("help requested"), blank=True)
    version = models.PositiveIntegerField(default=1)
    is_reopened = models.BooleanField(_("reopened after the lock"), default=False)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("updated by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("submitted by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("reviewed by"))
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report filing")
        verbose_name_plural = _("report filings")
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "month"],
                                    name="filing_one_per_project_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12),
                                   name="filing_month_in_year"),
        ]
        indexes = [models.Index(fields=["month", "state"], name="filing_month_state")]

    def __str__(self) -> str:
        return f"{self.project} · {self.month}"

    def get_absolute_url(self) -> str:
        return reverse("projects:filing", args=[self.project_id, self.month])


def photo_upload_to(photo: "ReportPhoto", filename: str) -> str:
    """photos/<plan>/<project>/<uuid>.<ext>: nothing of the client's file name, which is
    neither trusted nor revealed; the extension is the one of the format detected."""
    return _photo_path(photo, filename, "")


def thumbnail_upload_to(photo: "ReportPhoto", filename: str) -> str:
    return _photo_path(photo, filename, ".thumb")


def _photo_path(photo: "ReportPhoto", filename: str, suffix: str) -> str:
    ext = filename.rpartition(".")[2].lower()
    if ext not in ("jpg", "png", "webp"):
        raise ValueError(f"not a stored photo's extension: {ext!r}")
    project = photo.filing.project
    return f"photos/{project.plan_id}/{project.pk}/{photo.uuid}{suffix}.{ext}"


class ReportPhoto(models.Model):
    """A photo of physical progress (形象进度) attached to a month's report.

    The file is a re-encoded copy of what was uploaded (upright, without metadata) stored
    through Django's storage API, with a JPEG thumbnail; both are served only through
    projects.photo_views, which checks the reader may see the project. What was read from the
    photo's EXIF before it was dropped is kept here: the time taken and the GPS point (its
    datum as the camera gave it, WGS-84 by default). Added and removed through
    projects.photo_services, each step recorded in the filing's step log (docs/reference/
    photos.md)."""

    filing = models.ForeignKey(ReportFiling, models.CASCADE, related_name="photos")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    image = models.FileField(_("photo"), upload_to=photo_upload_to, max_length=200)
    thumbnail = models.FileField(_("thumbnail"), upload_to=thumbnail_upload_to,
                                 max_length=200)
    original_name = models.CharField(_("file name"), max_length=120, blank=True)
    source_type = models.CharField(_("uploaded as"), max_length=32)
    content_type = models.CharField(_("stored as"), max_length=32)
    width = models.PositiveIntegerField(_("width (px)"))
    height = models.PositiveIntegerField(_("height (px)"))
    bytes = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256 of the upload"), max_length=64)
    taken_at = models.DateTimeField(_("taken at"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                                   blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6,
                                    null=True, blank=True)
    gps_datum = models.CharField(_("datum"), max_length=16, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+",
                                    verbose_name=_("uploaded by"))
    # The evidence checks (projects.evidence), run at upload by projects.evidence_services;
    # empty until they have run. ``is_flagged`` sums them up for the review lists.
    perceptual_hash = models.CharField(_("perceptual hash"), max_length=16, blank=True)
    time_check = models.CharField(_("when"), max_length=8, choices=TimeCheck.choices,
                                  blank=True)
    place_check = models.CharField(_("where"), max_length=8, choices=PlaceCheck.choices,
                                   blank=True)
    distance_km = models.DecimalField(_("distance from the site (km)"), max_digits=9,
                                      decimal_places=3, null=True, blank=True)
    reused_photo = models.ForeignKey("self", models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("same photo as"))
    check_note = models.CharField(_("check note"), max_length=200, blank=True)
    is_flagged = models.BooleanField(_("flagged"), default=False)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["filing", "uploaded_at", "id"]
        constraints = [
            # The same photo twice on one report is a slip of the finger, not more evidence.
            models.UniqueConstraint(fields=["filing", "sha256"], name="photo_once_per_filing"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="photo_latitude_in_range"),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="photo_longitude_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.filing} · {self.original_name}"


class FilingEvent(models.Model):
    """One step of a filing's life: who, when, from which state to which, with the comment.
    Append-only: the cycle's history cannot be edited or deleted (DESIGN.md §3)."""

    filing = models.ForeignKey(ReportFiling, models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_state = models.CharField(_("from"), max_length=16, choices=FilingState.choices,
                                  blank=True)
    to_state = models.CharField(_("to"), max_length=16, choices=FilingState.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                           related_name="+", verbose_name=_("by"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("filing step")
        verbose_name_plural = _("filing steps")
        ordering = ["filing", "at", "id"]

    def __str__(self) -> str:
        return f"{self.filing} · {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A filing step is never changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A filing step is never deleted.")


class Notice(models.Model):
    """An in-app message to one user (a reminder to report, later a problem assigned): shown
    in the top bar until read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notices")
    text = models.CharField(_("text"), max_length=500)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return self.text


class Reminder(models.Model):
    """催报: one reminder sent to an owner organisation for a month, on a day. The unique
    constraint is the rule "never remind one owner twice a day", whoever sends it."""

    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="reminders")
    month = models.PositiveSmallIntegerField(_("month"))
    organisation = models.ForeignKey("core.Organisation", models.CASCADE,
                                     related_name="reminders")
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("sent by"))
    recipients = models.PositiveSmallIntegerField(_("people reached"), default=0)
    emails = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(
            fields=["plan", "month", "organisation", "sent_on"], name="reminder_once_a_day")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.month} · {self.sent_on}"


class BureauReport(models.Model):
    """责任单位月报: a responsible bureau's report for a month on one item of the plan it answers
    for: an indicator's actual value to date (in the unit its targets read, projects.bureau
    .entry_unit), or a key work's or measure's status and progress note.

    It goes through the reporting cycle like a project's filing (projects.cycle), reviewed by
    the city office. While it is in a state the plan counts, its value is the indicator's
    actual for the month and its status the work's, written through plans.services (the one
    write path the dashboards read); leaving a counted state withdraws the actual. ``version``
    grows with every write, so a stale edit is refused (DESIGN.md §3, no lost updates)."""

    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="bureau_reports")
    # Exactly one of the three (bureau_report_has_one_subject).
    indicator = models.ForeignKey("plans.Indicator", models.CASCADE, null=True, blank=True,
                                  related_name="bureau_reports", verbose_name=_("indicator"))
    key_task = models.ForeignKey("plans.KeyTask", models.CASCADE, null=True, blank=True,
                                 related_name="bureau_reports", verbose_name=_("key work"))
    measure = models.ForeignKey("plans.Measure", models.CASCADE, null=True, blank=True,
                                related_name="bureau_reports", verbose_name=_("measure"))
    # The bureau that reported: the item's lead unit when the report was first saved.
    organisation = models.ForeignKey("core.Organisation", models.PROTECT,
                                     related_name="bureau_reports",
                                     verbose_name=_("responsible unit"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    state = models.CharField(_("state"), max_length=16, choices=FilingState.choices,
                             default=FilingState.DRAFT)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4, null=True,
                                blank=True)
    status = models.CharField(_("status"), max_length=16, choices=PlanStatus.choices,
                              blank=True)
    note = models.TextField(_("progress note"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("updated by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("submitted by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("reviewed by"))
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bureau report")
        verbose_name_plural = _("bureau reports")
        ordering = ["plan", "month", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(indicator__isnull=False, key_task__isnull=True,
                             measure__isnull=True)
                    | models.Q(indicator__isnull=True, key_task__isnull=False,
                               measure__isnull=True)
                    | models.Q(indicator__isnull=True, key_task__isnull=True,
                               measure__isnull=False)),
                name="bureau_report_has_one_subject"),
            models.UniqueConstraint(fields=["indicator", "month"],
                                    name="bureau_report_one_per_indicator_month"),
            models.UniqueConstraint(fields=["key_task", "month"],
                                    name="bureau_report_one_per_key_task_month"),
            models.UniqueConstraint(fields=["measure", "month"],
                                    name="bureau_report_one_per_measure_month"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12),
                                   name="bureau_report_month_in_year"),
        ]
        indexes = [models.Index(fields=["plan", "month", "state"],
                                name="bureau_report_month_state")]

    def __str__(self) -> str:
        return f"{self.subject} · {self.month}"

    @property
    def subject(self):
        return self.indicator or self.key_task or self.measure
