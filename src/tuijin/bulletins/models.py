"""The monthly bulletin (通报) as the city office issues it: its number, 文号, date, the
paragraph of 下一步工作要求 the office wrote, and, once published, the figures it was made from
(``content``), so a published bulletin never changes (DESIGN.md §3, "Bulletin")."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# 汴发改重点〔2023〕6号: {year} is the plan's year, {number} the bulletin's 第N期.
DEFAULT_DOCUMENT_NUMBER_PATTERN = "〔{year}〕{number}号"


class Bulletin(models.Model):
    plan = models.ForeignKey("plans.Plan", models.CASCADE, related_name="bulletins",
                             verbose_name=_("plan"))
    month = models.PositiveSmallIntegerField(
        _("month"), validators=[MinValueValidator(1), MaxValueValidator(12)])
    # 第N期: numbered per plan, and a plan is one year; kept once given, so a regenerated
    # bulletin keeps its number.
    number = models.PositiveSmallIntegerField(_("issue number"))
    document_number_pattern = models.CharField(
        _("document number pattern"), max_length=64, default=DEFAULT_DOCUMENT_NUMBER_PATTERN,
        help_text=_("For example 汴发改重点〔{year}〕{number}号; {year} and {number} are "
                    "filled in."))
    issuer = models.CharField(_("issuing body"), max_length=100)
    addressees = models.CharField(_("addressees"), max_length=300)
    issued_on = models.DateField(_("date"))
    next_steps = models.TextField(_("next steps"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                     blank=True, related_name="+",
                                     verbose_name=_("published by"))
    # The bulletin's content as published (bulletins.content.content_as_dict): what every
    # reader downloads afterwards, whatever report is corrected later.
    content = models.JSONField(_("content as published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("created by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["plan", "month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "month"], name="bulletin_one_per_plan_month"),
            models.UniqueConstraint(fields=["plan", "number"], name="bulletin_number_per_plan"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12),
                                   name="bulletin_month_in_year"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.month} #{self.number}"

    @property
    def document_number(self) -> str:
        return document_number(self.document_number_pattern, year=self.plan.year,
                               number=self.number)


def document_number(pattern: str, *, year: int, number: int) -> str:
    """The 文号 from its pattern: {year} and {number} replaced, nothing else interpreted."""
    return pattern.replace("{year}", str(year)).replace("{number}", str(number))
