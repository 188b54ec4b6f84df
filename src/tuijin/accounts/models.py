"""Users and their roles (DESIGN.md §1). A role plus a division or organisation is a scope."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        CITY_ADMIN = "city_admin", _("City administrator")
        LEADER = "leader", _("Leader")
        DISTRICT = "district", _("District user")
        OWNER = "owner", _("Project owner")
        BUREAU = "bureau", _("Responsible bureau")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OWNER)
    division = models.ForeignKey(
        "core.Division", models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("district"),
        help_text=_("Required for district users: the only district they see."),
    )
    organisation = models.ForeignKey(
        "core.Organisation", models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("organisation"),
        help_text=_("Required for project owners and bureaus."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="district") | models.Q(division__isnull=False),
                name="user_district_role_has_division",
                violation_error_message=_("A district user needs a district."),
            ),
            models.CheckConstraint(
                condition=~models.Q(role__in=["owner", "bureau"])
                | models.Q(organisation__isnull=False),
                name="user_owner_role_has_organisation",
                violation_error_message=_("A project owner or bureau user needs an organisation."),
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.role == self.Role.DISTRICT and not self.division_id:
            raise ValidationError({"division": _("A district user needs a district.")})
        if self.role in (self.Role.OWNER, self.Role.BUREAU) and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("A project owner or bureau user needs an organisation.")}
            )
