"""催报: remind the owners whose report for the open month is not in.

An owner organisation is late for a month when one of its projects (inside the sender's
scope) has no report submitted or approved: not filed, a draft, or returned. Each of its
active users gets an in-app notice and, where they gave an address, an e-mail through
Django's mail backend. One owner is never reminded twice on one day for one month, whoever
sends the reminder (the Reminder table's unique constraint); the daily cron
(`tuijin remind`) and a district clicking 催报 the same day reach each owner once.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tuijin.accounts.models import User
from tuijin.accounts.scopes import acting_user
from tuijin.projects.cycle import FilingState
from tuijin.projects.cycle_selectors import month_rows_visible_to
from tuijin.projects.models import Notice, Reminder

REPORTED = (FilingState.SUBMITTED.value, FilingState.APPROVED.value)


@dataclass
class LateOwner:
    """An owner organisation with the projects it has not reported, and whom to call."""

    organisation: object
    projects: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    reminded_today: bool = False


def late_owners(actor, *, plan, month: int, today: date, rows=None) -> list[LateOwner]:
    """The late owner organisations in ``actor``'s scope, with their contact people.

    ``rows`` are ``month_rows_visible_to(actor, plan=plan, month=month)`` when the caller has
    them already (the month page), so the month is not read twice."""
    if rows is None:
        rows = month_rows_visible_to(actor, plan=plan, month=month)
    by_org: dict[int, LateOwner] = {}
    for row in rows:
        if row.state in REPORTED or row.project.owner_id is None:
            continue
        late = by_org.setdefault(row.project.owner_id, LateOwner(row.project.owner))
        late.projects.append(row)
    if not by_org:
        return []
    for user in User.objects.filter(organisation_id__in=by_org, is_active=True,
                                    role=User.Role.OWNER).order_by("username"):
        by_org[user.organisation_id].contacts.append(user)
    reminded = set(Reminder.objects.filter(plan=plan, month=month, sent_on=today,
                                           organisation_id__in=by_org)
                   .values_list("organisation_id", flat=True))
    for org_id in reminded:
        by_org[org_id].reminded_today = True
    return sorted(by_org.values(), key=lambda late: (late.organisation.division_id or 0,
                                                     late.organisation.name))


@dataclass
class RemindResult:
    reminded: list[LateOwner] = field(default_factory=list)
    skipped: list[LateOwner] = field(default_factory=list)  # already reminded today
    unreachable: list[LateOwner] = field(default_factory=list)  # no account: call them
    emails: int = 0


def remind_late(actor, *, plan, month: int, user, today: date | None = None,
                dry_run: bool = False) -> RemindResult:
    """Remind every late owner in ``actor``'s scope not yet reminded today for ``month``.

    Writes one Reminder per organisation, a Notice per contact and sends the e-mails after
    the transaction commits; with ``dry_run``, only says whom it would remind."""
    today = today or timezone.localdate()
    result = RemindResult()
    for late in late_owners(actor, plan=plan, month=month, today=today):
        if late.reminded_today:
            result.skipped.append(late)
            continue
        if not late.contacts:
            result.unreachable.append(late)
            continue
        if dry_run:
            result.reminded.append(late)
            continue
        messages = _remind_one(late, plan=plan, month=month, user=user, today=today)
        if messages is None:  # another sender reminded them a moment ago
            result.skipped.append(late)
            continue
        result.reminded.append(late)
        if messages:
            transaction.on_commit(lambda m=messages: send_mass_mail(m, fail_silently=True))
            result.emails += len(messages)
    return result


def _remind_one(late: LateOwner, *, plan, month: int, user, today: date):
    who = acting_user(user)
    url = reverse("projects:month", args=[plan.slug]) + f"?month={month}"
    emails = []
    try:
        with transaction.atomic():
            Reminder.objects.create(plan=plan, month=month, organisation=late.organisation,
                                    sent_on=today, sent_at=timezone.now(), sent_by=who,
                                    recipients=len(late.contacts),
                                    emails=sum(1 for c in late.contacts if c.email))
            # Notices and e-mails are read in Chinese, the interface's default, whatever
            # language the sender's page was in.
            with translation.override(settings.LANGUAGE_CODE):
                text = _reminder_text(plan, month, late)
                for contact in late.contacts:
                    Notice.objects.create(user=contact, text=text, url=url,
                                          created_at=timezone.now())
                    if contact.email:
                        emails.append((_("Reminder: monthly report for %(plan)s")
                                       % {"plan": plan.name}, text,
                                       settings.DEFAULT_FROM_EMAIL, [contact.email]))
    except IntegrityError:
        return None
    return emails


def _reminder_text(plan, month: int, late: LateOwner) -> str:
    names = "、".join(row.project.name for row in late.projects[:5])
    more = len(late.projects) - 5
    if more > 0:
        names += _(" and %(count)s more") % {"count": more}
    return _("Please submit the %(year)s-%(month)s monthly report of: %(projects)s.") % {
        "year": plan.year, "month": month, "projects": names}


def notices_for(user, *, limit: int = 20) -> list[Notice]:
    return list(Notice.objects.filter(user=user).order_by("-created_at", "-id")[:limit])


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notices_mark_read(user) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now())
