"""Reference data every install shares: administrative divisions and organisations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Division(models.Model):
    """An administrative division (GB/T 2260), or a functional zone a city runs as one.

    Functional zones such as Kaifeng's 城乡一体化示范区 have no GB/T 2260 code; they get an
    internal code starting with Z so that every division can still be named by a code.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        DISTRICT = "district", _("District or county")
        ZONE = "zone", _("Functional zone")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=64)
    short_name = models.CharField(_("short name"), max_length=32, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children",
        verbose_name=_("parent division"),
    )
    is_gb2260 = models.BooleanField(_("has a GB/T 2260 code"), default=True)

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Organisation(models.Model):
    """A bureau, a district government or a project owner (建设单位)."""

    class Kind(models.TextChoices):
        BUREAU = "bureau", _("City bureau")
        DISTRICT_GOVERNMENT = "district_government", _("District government")
        OWNER = "owner", _("Project owner")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=128)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    division = models.ForeignKey(
        Division, models.PROTECT, null=True, blank=True, related_name="organisations",
        verbose_name=_("division"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "division"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
