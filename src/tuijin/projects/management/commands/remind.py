"""``tuijin remind --plan SLUG [--month YYYY-MM] [--dry-run]``: 催报 and 督办提醒 for a daily
cron: the late reports of the open month, then the problems whose deadline light turned
yellow or red (problems.reminders)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.plans.models import Plan
from tuijin.problems.reminders import remind_deadlines
from tuijin.projects.cycle_selectors import open_period
from tuijin.projects.reminders import remind_late

# The cron acts for the whole city, as the city office would, and says so.
CITY = Scope.city_wide_for_system()


class Command(BaseCommand):
    help = (
        "Remind the owners whose report for the open month (or --month) is not submitted: an "
        "in-app notice to each of their users and an e-mail where they gave an address. An "
        "owner already reminded today (by this command or by a district) is skipped, so the "
        "command can run daily. Then tells the responsible units of the problems whose "
        "deadline is near (yellow) or passed (red), once per light and deadline. Acts for the "
        "whole city."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="The plan's slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", help="e.g. 2023-06 (default: the open month).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Only list whom it would remind.")

    def handle(self, *args, **options):
        try:
            plan = Plan.objects.get(slug=options["plan"])
        except Plan.DoesNotExist as exc:
            raise CommandError(f"No plan with slug {options['plan']!r}.") from exc
        if options["month"]:
            try:
                period = Period.parse(options["month"])
            except InputError as exc:
                raise CommandError(str(exc)) from exc
            if period.year != plan.year:
                raise CommandError(f"{options['month']} is outside the plan's year {plan.year}.")
            month = period.month
        else:
            current = open_period(plan)
            month = current.month if current else None
        if month is None:
            self.stdout.write("No month is open (open one with `tuijin period open`, or give "
                              "--month): no report reminders.")
        else:
            self._remind_reports(plan, month, options["dry_run"])
        self._remind_problems(plan, options["dry_run"])

    def _remind_reports(self, plan, month: int, dry_run: bool) -> None:
        options = {"dry_run": dry_run}
        result = remind_late(CITY, plan=plan, month=month, user=None,
                             dry_run=options["dry_run"])
        verb = "Would remind" if options["dry_run"] else "Reminded"
        for late in result.reminded:
            self.stdout.write(f"{verb} {late.organisation.name}: {len(late.projects)} projects, "
                              f"{len(late.contacts)} people")
        for late in result.unreachable:
            self.stdout.write(f"No account: {late.organisation.name} "
                              f"({len(late.projects)} projects) — call them")
        self.stdout.write(f"{verb} {len(result.reminded)} owners for {plan.year}-{month:02d} "
                          f"({result.emails} e-mails); {len(result.skipped)} already reminded "
                          f"today; {len(result.unreachable)} without an account. Acting for "
                          "the whole city.")

    def _remind_problems(self, plan, dry_run: bool) -> None:
        result = remind_deadlines(CITY, plan=plan, today=timezone.localdate(), dry_run=dry_run)
        verb = "Would tell" if dry_run else "Told"
        for problem, light in result.sent:
            self.stdout.write(f"{verb} {problem.assigned_unit.name}: problem {problem.pk} "
                              f"({problem.project.name}) is {light}, deadline "
                              f"{problem.deadline.isoformat()}")
        self.stdout.write(f"{verb} the units of {len(result.sent)} problems turned yellow or "
                          f"red ({result.emails} e-mails); {result.skipped} already told today.")
