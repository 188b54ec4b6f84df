"""The year's plan: key works and measures, indicators and targets, investment domains."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


def default_counted_states() -> list[str]:
    # projects.cycle.DEFAULT_COUNTED_STATES; a literal here so plans imports nothing from projects.
    return ["submitted", "approved"]


class LightSchemeKind(models.TextChoices):
    """How completion is judged against time progress (progress.lights, DESIGN.md §3)."""

    GAP = "gap", _("Gap to time progress, in percentage points")
    RATIO = "ratio", _("Ratio to time progress, in per cent")


class PlanStatus(models.TextChoices):
    """A plan's life (plans.lifecycle): a draft is seen only by the city office until it is
    activated; the active plan is everyone's; a closed plan stays readable as last year's."""

    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    ACTIVE = "active", pgettext_lazy("plan status", "Active")
    CLOSED = "closed", pgettext_lazy("plan status", "Closed")


class Plan(models.Model):
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        "core.Division", models.PROTECT, related_name="plans", verbose_name=_("region")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    summary = models.TextField(_("summary"), blank=True)
    source = models.TextField(_("source"), blank=True)
    # A new plan (from text, a file or the admin) is a draft; plans.lifecycle_services moves
    # it on, keeping one active plan per region and year.
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT,
    )
    # DESIGN.md §3, "Light schemes differ by city": the plan's scheme and its bounds, read by
    # progress.lights through progress.selectors.light_scheme_of. A gap plan is green while
    # completion lags time progress by at most green_band, yellow up to yellow_band, red
    # beyond (tuijin's default: 0 and 10 points; Yinchuan: 10 and 30). A ratio plan is yellow
    # below ratio_yellow_below of time progress and red below ratio_red_below (Wuhan: 80 %
    # and 60 %). The bounds of the scheme not chosen are kept for a switch back.
    light_scheme = models.CharField(
        _("light scheme"), max_length=8, choices=LightSchemeKind.choices,
        default=LightSchemeKind.GAP,
    )
    green_band = models.DecimalField(
        _("green band"), max_digits=5, decimal_places=4, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Gap scheme: lag behind time progress still shown green, e.g. 0.10 = 10 "
                    "points; 0 = green only once time progress is reached."),
    )
    # Also the floor of the indicator targets (progress.targets) and the forecast's margin
    # (progress.forecast), whatever the light scheme.
    yellow_band = models.DecimalField(
        _("yellow band"), max_digits=5, decimal_places=4, default=Decimal("0.10"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Lag behind time progress still shown yellow, e.g. 0.10 = 10 points."),
    )
    ratio_yellow_below = models.DecimalField(
        _("yellow below (ratio)"), max_digits=5, decimal_places=4, default=Decimal("0.80"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Ratio scheme: yellow when completion is below this share of time "
                    "progress, e.g. 0.80 = 80 %."),
    )
    ratio_red_below = models.DecimalField(
        _("red below (ratio)"), max_digits=5, decimal_places=4, default=Decimal("0.60"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("Ratio scheme: red when completion is below this share of time "
                    "progress, e.g. 0.60 = 60 %."),
    )
    approx_tolerance = models.DecimalField(
        _("tolerance of “about” (左右)"), max_digits=5, decimal_places=4,
        default=Decimal("0.10"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("monthly report due day"), default=25,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
    )
    # Which states of a monthly report the dashboards count (projects.cycle); returned reports
    # and drafts never count.
    counted_report_states = models.JSONField(
        _("report states counted"), default=default_counted_states,
        help_text=_("Submitted and approved by default; approved only for a stricter office."),
    )
    # Open data (issue 14, docs/reference/api.md#open-data-oc4ids): the plan's projects as a
    # public OC4IDS package anyone may download. Off until the city office decides to publish.
    is_open_data = models.BooleanField(
        _("publish as open data (OC4IDS)"), default=False,
        help_text=_("Anyone, without logging in, may download the plan's projects, their "
                    "budgets, milestones and monthly investment as an OC4IDS package."),
    )

    # The settings page (plans.services.plan_settings_update) changes how the dashboards count
    # and light: every change is kept with who made it. Read by plan only, so no index on the
    # copied region.
    history = HistoricalRecords(no_db_index=["region"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(yellow_band__gte=0, yellow_band__lte=1),
                name="plan_yellow_band_is_a_share",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values),
                name="plan_status_known",
            ),
            models.CheckConstraint(
                condition=models.Q(light_scheme__in=LightSchemeKind.values),
                name="plan_light_scheme_known",
            ),
            # Green within yellow: the queries count yellow as "not red" minus green.
            models.CheckConstraint(
                condition=models.Q(green_band__gte=0, green_band__lte=models.F("yellow_band")),
                name="plan_green_band_within_yellow_band",
            ),
            models.CheckConstraint(
                condition=models.Q(ratio_red_below__gte=0,
                                   ratio_red_below__lte=models.F("ratio_yellow_below"),
                                   ratio_yellow_below__lte=1),
                name="plan_ratio_bounds_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(report_due_day__gte=1, report_due_day__lte=28),
                name="plan_report_due_day_in_month",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.slug])


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")


class KeyTask(models.Model):
    """重点工作: one of the plan's headline works."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="key_tasks")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    lead_unit = models.ForeignKey(
        "core.Organisation", models.PROTECT, null=True, blank=True,
        related_name="led_key_tasks", verbose_name=_("lead unit"),
    )
    co_units = models.ManyToManyField(
        "core.Organisation", blank=True, related_name="co_key_tasks",
        verbose_name=_("co-responsible units"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )

    class Meta:
        verbose_name = _("key work")
        verbose_name_plural = _("key works")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="key_task_unique_number"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.plan.slug]) + f"#key-task-{self.number}"


class Measure(models.Model):
    """举措: a measure under a key work; measures may nest (a tree)."""

    key_task = models.ForeignKey(KeyTask, models.CASCADE, related_name="measures")
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children",
        verbose_name=_("parent measure"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    lead_unit = models.ForeignKey(
        "core.Organisation", models.PROTECT, null=True, blank=True,
        related_name="led_measures", verbose_name=_("lead unit"),
    )
    co_units = models.ManyToManyField(
        "core.Organisation", blank=True, related_name="co_measures",
        verbose_name=_("co-responsible units"),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["key_task", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_task", "parent", "number"], name="measure_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Domain(models.Model):
    """领域: one of the plan's investment domains (the 8 of "8232")."""

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=64)
    number = models.PositiveSmallIntegerField(_("number"))

    class Meta:
        verbose_name = _("investment domain")
        verbose_name_plural = _("investment domains")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="domain_unique_code"),
            models.UniqueConstraint(fields=["plan", "name"], name="domain_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:list", args=[self.plan.slug]) + f"?domain={self.code}"


class Indicator(models.Model):
    """目标指标: a metric the plan sets a target for.

    ``source`` says where actual values come from: typed in by the owner (manual), or computed
    from the project programme (the 8232 and 三个一批 figures).
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("Reported by the owner")
        PROJECT_COUNT = "project_count", _("Projects under way")
        INVESTMENT = "investment", _("Investment completed")
        INDUSTRIAL_INVESTMENT = "industrial_investment", _("Industrial investment completed")
        SIGNED = "signed", _("Projects newly signed")
        STARTED = "started", _("Projects newly started")
        IN_PRODUCTION = "in_production", _("Projects newly in production")

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="indicators")
    key_task = models.ForeignKey(
        KeyTask, models.SET_NULL, null=True, blank=True, related_name="indicators",
        verbose_name=_("key work"),
    )
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("metric"), max_length=200)
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    source = models.CharField(
        _("source of actuals"), max_length=24, choices=Source.choices, default=Source.MANUAL
    )
    owner = models.ForeignKey(
        "core.Organisation", models.PROTECT, null=True, blank=True, related_name="indicators",
        verbose_name=_("responsible unit"),
    )
    number = models.PositiveSmallIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plan", "number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicator_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.plan.slug]) + f"#indicator-{self.code}"


class Target(models.Model):
    """A target on an indicator: comparator, value, unit, and how binding it is.

    确保 (must) is a hard floor, 力争 (strive) a stretch (DESIGN.md §3). A growth target's value is
    a signed percentage change over ``baseline_value`` (下降3% is growth ≤ -3); a multiple
    target (倍增 = 2) multiplies it.
    """

    class Comparator(models.TextChoices):
        GTE = "gte", "≥"
        LTE = "lte", "≤"
        APPROX = "approx", "≈"
        EQ = "eq", "="

    class Commitment(models.TextChoices):
        MUST = "must", _("must (确保)")
        STRIVE = "strive", _("strive (力争)")
        # Neither 确保 nor 力争 in the text; a context of its own, as "plain" is no "absolute".
        PLAIN = "plain", pgettext_lazy("commitment", "plain")

    class Basis(models.TextChoices):
        LEVEL = "level", _("level")
        GROWTH = "growth", _("growth over baseline (%)")
        MULTIPLE = "multiple", _("multiple of baseline")
        QUALITATIVE = "qualitative", _("qualitative (no number)")

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="targets")
    comparator = models.CharField(_("comparator"), max_length=8, choices=Comparator.choices)
    value = models.DecimalField(
        _("value"), max_digits=20, decimal_places=4, null=True, blank=True,
        help_text=_("Empty only for a qualitative target such as 与经济增长同步."),
    )
    unit = models.CharField(_("unit"), max_length=16, blank=True)
    tolerance = models.DecimalField(
        _("tolerance of ≈"), max_digits=5, decimal_places=4, null=True, blank=True,
        help_text=_("Relative band for “about” (左右); empty means the plan's default."),
    )
    commitment = models.CharField(_("commitment"), max_length=8, choices=Commitment.choices)
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices, default=Basis.LEVEL)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=20, decimal_places=4, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    wording = models.CharField(_("wording"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tolerance__isnull=True)
                | models.Q(tolerance__gte=0, tolerance__lte=1),
                name="target_tolerance_is_a_share",
            ),
            models.CheckConstraint(
                condition=~models.Q(basis="multiple") | models.Q(value__gt=0),
                name="target_multiple_is_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(basis="qualitative") | models.Q(value__isnull=False),
                name="target_has_value_unless_qualitative",
                violation_error_message=_("Only a qualitative target may have no value."),
            ),
        ]

    def __str__(self) -> str:
        return self.wording or f"{self.indicator} {self.get_comparator_display()} {self.value}"


class IndicatorActual(models.Model):
    """An actual value of a manually reported indicator for a month (cumulative to date)."""

    indicator = models.ForeignKey(Indicator, models.CASCADE, related_name="actuals")
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    note = models.TextField(_("note"), blank=True)

    # A reported figure: every change is kept with who made it (DESIGN.md: audit log).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actual value")
        verbose_name_plural = _("actual values")
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="actual_one_per_month"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="actual_month_in_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.month}"
