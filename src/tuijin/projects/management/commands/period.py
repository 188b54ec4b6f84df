"""``tuijin period open|lock|reopen --plan SLUG --month YYYY-MM [--due YYYY-MM-DD] [--reason …]``
and ``tuijin period list --plan SLUG``: the reporting cycle's months, for scripts and cron."""

from django.core.management.base import BaseCommand, CommandError

from tuijin.core.errors import InputError
from tuijin.core.periods import Period, parse_date
from tuijin.plans.models import Plan
from tuijin.projects.cycle_selectors import periods_of
from tuijin.projects.cycle_services import period_lock, period_open, period_reopen


class Command(BaseCommand):
    help = (
        "Open a month of a plan for reporting (with a due date; default the plan's due day), "
        "lock it when the month is done, reopen a locked month with a reason, or list the "
        "months and their states. Acts as the city office, recorded with no user."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["open", "lock", "reopen", "list"])
        parser.add_argument("--plan", required=True, help="The plan's slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", help="The month, e.g. 2023-06 (not for list).")
        parser.add_argument("--due", help="open: the due date, e.g. 2023-06-25.")
        parser.add_argument("--reason", default="", help="reopen: why (kept in the history).")

    def handle(self, *args, action, **options):
        try:
            plan = Plan.objects.get(slug=options["plan"])
        except Plan.DoesNotExist as exc:
            raise CommandError(f"No plan with slug {options['plan']!r}; see `tuijin plan "
                               "list`.") from exc
        if action == "list":
            for period in periods_of(plan):
                locked = f" locked {period.locked_at:%Y-%m-%d}" if period.locked_at else ""
                self.stdout.write(f"{plan.year}-{period.month:02d} {period.state} "
                                  f"due {period.due_on:%Y-%m-%d}{locked}")
            return
        if not options["month"]:
            raise CommandError(f"Give the month: --month {plan.year}-06.")
        try:
            period = Period.parse(options["month"])
            if period.year != plan.year:
                raise CommandError(f"{options['month']} is outside the plan's year {plan.year}.")
            month = period.month
            if action == "open":
                due = parse_date(options["due"], year=plan.year) if options["due"] else None
                period = period_open(plan=plan, month=month, user=None, due_on=due)
                self.stdout.write(f"Opened {plan.year}-{month:02d}, due {period.due_on}.")
            elif action == "lock":
                period_lock(plan=plan, month=month, user=None)
                self.stdout.write(f"Locked {plan.year}-{month:02d}.")
            else:
                period_reopen(plan=plan, month=month, user=None, reason=options["reason"])
                self.stdout.write(f"Reopened {plan.year}-{month:02d}.")
        except InputError as exc:
            raise CommandError(str(exc)) from exc
