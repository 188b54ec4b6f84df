"""Writes of bulletins: save the office's header and 下一步工作要求 for a locked month (giving
the bulletin its number the first time), and publish it with the figures it was made from."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.bulletins.content import HeaderInput, content_as_dict
from tuijin.bulletins.models import Bulletin
from tuijin.bulletins.selectors import bulletin_content, require_locked
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.plans.models import Plan


@dataclass(frozen=True)
class BulletinInput:
    issuer: str
    addressees: str
    issued_on: date
    document_number_pattern: str
    next_steps: str = ""


def _user_or_none(user):
    return user if getattr(user, "pk", None) else None


def check_pattern(pattern: str) -> None:
    if "{number}" not in pattern:
        raise InputError(_("The document number pattern has no {number}."),
                         hint=_("Write it as 汴发改重点〔{year}〕{number}号."),
                         field="document_number_pattern", value=pattern)


@transaction.atomic
def bulletin_save(*, plan: Plan, month: int, user, data: BulletinInput) -> Bulletin:
    """Create or update the month's bulletin. Requires a locked month and an unpublished
    bulletin; the first save numbers it after the plan's last (第N期), and the number stays.
    Writes the Bulletin with its history. Raises InputError otherwise."""
    require_locked(plan, month)
    check_pattern(data.document_number_pattern)
    Plan.objects.select_for_update().filter(pk=plan.pk).first()  # one numbering at a time
    bulletin = Bulletin.objects.filter(plan=plan, month=month).first()
    if bulletin is not None and bulletin.is_published:
        raise InputError(_("The bulletin of month %(month)s is published and no longer "
                           "changes.") % {"month": month}, field="month", value=month)
    if bulletin is None:
        number = (Bulletin.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1
        bulletin = Bulletin(plan=plan, month=month, number=number,
                            created_by=_user_or_none(user))
    bulletin.issuer = data.issuer
    bulletin.addressees = data.addressees
    bulletin.issued_on = data.issued_on
    bulletin.document_number_pattern = data.document_number_pattern
    bulletin.next_steps = data.next_steps
    bulletin._history_user = _user_or_none(user)
    bulletin._change_reason = "tuijin.bulletin.saved"
    bulletin.save()
    return bulletin


@transaction.atomic
def bulletin_publish(*, bulletin: Bulletin, user) -> Bulletin:
    """Publish a saved bulletin: its content is built now, inside ``user``'s scope (the city
    office's: the whole city), and kept, so the bulletin never changes afterwards. Raises
    InputError when it is already published or its month is not locked (a draft)."""
    bulletin = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
    if bulletin.is_published:
        raise InputError(_("The bulletin of month %(month)s is already published.")
                         % {"month": bulletin.month}, field="month", value=bulletin.month)
    plan = bulletin.plan
    # Only a locked month's figures are final; a draft is never published.
    require_locked(plan, bulletin.month)
    header = HeaderInput(issuer=bulletin.issuer, number=bulletin.number,
                         document_number=bulletin.document_number,
                         issued_on=bulletin.issued_on, addressees=bulletin.addressees)
    content = bulletin_content(user, plan=plan, period=Period(plan.year, bulletin.month),
                               header=header, next_steps=bulletin.next_steps)
    bulletin.content = content_as_dict(content)
    bulletin.is_published = True
    bulletin.published_at = timezone.now()
    bulletin.published_by = _user_or_none(user)
    bulletin._history_user = _user_or_none(user)
    bulletin._change_reason = "tuijin.bulletin.published"
    bulletin.save()
    return bulletin
