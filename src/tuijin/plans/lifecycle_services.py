"""Moving a plan through its life (plans.lifecycle): activate, close, delete a draft."""

from django.db import transaction
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.plans.lifecycle import lifecycle_errors, next_status
from tuijin.plans.models import Plan, PlanStatus


def plan_has_reports(plan: Plan) -> bool:
    """Whether anyone has reported against the plan: a project's monthly report, a bureau's
    report or an indicator's actual value. Such a plan is never deleted."""
    return (plan.projects.filter(reports__isnull=False).exists()
            or plan.bureau_reports.exists()
            or plan.indicators.filter(actuals__isnull=False).exists())


def plan_lifecycle_step(*, plan: Plan, action: str, user) -> Plan | None:
    """Take ``action`` ("activate", "close" or "delete") on ``plan`` in one transaction.

    Requires that the caller checked accounts.permissions.may_manage_plan. Every plan of the
    same region and year is locked first, so two office users activating two drafts at once
    cannot both succeed: one active plan per region and year. Raises InputError naming what
    is wrong and how to fix it; nothing is written then. Returns the plan as it now is, or
    None once deleted. Each change is kept in the plan's history with ``user``.
    """
    with transaction.atomic():
        siblings = list(Plan.objects.select_for_update()
                        .filter(region_id=plan.region_id, year=plan.year).order_by("pk"))
        current = next((p for p in siblings if p.pk == plan.pk), None)
        if current is None:
            raise InputError(_("This plan no longer exists."), hint=_("Reload the plans page."),
                             field="slug", value=plan.slug)
        other_active = next((p.name for p in siblings
                             if p.pk != current.pk and p.status == PlanStatus.ACTIVE), None)
        errors = lifecycle_errors(
            action, current.status, other_active=other_active,
            has_reports=action == "delete" and plan_has_reports(current))
        if errors:
            raise errors[0]
        current._history_user = acting_user(user)
        current._change_reason = f"tuijin.plan.{action}"
        if action == "delete":
            # A project protects its domain, so the draft's projects go first.
            current.projects.all().delete()
            current.delete()
            return None
        current.status = next_status(action)
        current.save(update_fields=["status"])
        return current

