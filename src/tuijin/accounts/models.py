"""Users and their roles (DESIGN.md §1). A role plus its districts or organisation is a scope."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserHistory(HistoricalRecords):
    """Every change of a user (role, districts, organisation, contact, active, password reset)
    is kept, except the ``last_login`` stamp Django writes at each log-in: a copy of the whole
    row per log-in would bury the changes an auditor looks for."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("update_fields") == frozenset({"last_login"}):
            return
        super().post_save(instance, created, using=using, **kwargs)


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
        help_text=_("Required for district users: their main district, where their "
                    "dashboard opens."),
    )
    # A district user may look after several districts (e.g. a county and a functional zone);
    # ``division`` stays the main one, so the constraint below still means "at least one".
    extra_divisions = models.ManyToManyField(
        "core.Division", blank=True, related_name="extra_users",
        verbose_name=_("other districts"),
        help_text=_("Further districts a district user sees and reviews."),
    )
    organisation = models.ForeignKey(
        "core.Organisation", models.PROTECT, null=True, blank=True, related_name="users",
        verbose_name=_("organisation"),
        help_text=_("Required for project owners and bureaus."),
    )
    # Chinese names are one field (姓名), not a first and a last name.
    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    # The district's late list shows each owner's contact person and phone.
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    # The password hash is not copied into the history; a reset shows there as its reason.
    history = UserHistory(excluded_fields=["password", "last_login"],
                          m2m_fields=["extra_divisions"])

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

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()

    def get_short_name(self) -> str:
        return self.full_name or super().get_short_name()

    @cached_property
    def division_ids(self) -> frozenset[int]:
        """The districts of a district user: the main one and the others (one query, then
        cached on this instance; a service that changes them drops the cache)."""
        ids = {self.division_id} if self.division_id else set()
        if self.pk is not None:
            ids |= {division.pk for division in self.extra_divisions.all()}
        return frozenset(ids)

    def clean(self) -> None:
        super().clean()
        if self.role == self.Role.DISTRICT and not self.division_id:
            raise ValidationError({"division": _("A district user needs a district.")})
        if self.role in (self.Role.OWNER, self.Role.BUREAU) and not self.organisation_id:
            raise ValidationError(
                {"organisation": _("A project owner or bureau user needs an organisation.")}
            )


class ApiToken(models.Model):
    """A user's key for the JSON API (docs/reference/api.md): other systems act as that user,
    with exactly the user's scope. Only the SHA-256 of the secret is kept, so a leaked
    database does not leak working tokens; the first characters stay in clear so the owner
    can tell their tokens apart."""

    user = models.ForeignKey(User, models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=64)
    prefix = models.CharField(_("token starts with"), max_length=16)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A name tells the user's live tokens apart; a revoked token frees its name.
            models.UniqueConstraint(fields=["user", "name"],
                                    condition=models.Q(revoked_at__isnull=True),
                                    name="api_token_live_name_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"
