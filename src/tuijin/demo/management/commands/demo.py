"""``tuijin demo``: fill a plan with a generated, clearly labelled demo programme."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tuijin.core.env import env_str
from tuijin.core.errors import InputError
from tuijin.demo.accounts import DEMO_PASSWORD_ENV, demo_accounts_ensure
from tuijin.demo.bureaus import bureaus_summary, demo_bureaus_set
from tuijin.demo.cycle import cycle_summary, demo_cycle_set
from tuijin.demo.loader import demo_load
from tuijin.demo.map import demo_photos_set, demo_points_set, photos_summary
from tuijin.demo.problems import demo_problems_set, problems_summary
from tuijin.plans.models import Plan

DEFAULT_PROJECTS = 2000
DEFAULT_MONTHS = 9
DEFAULT_SEED = 2023


def plan_resolve(slug: str | None) -> Plan:
    """The plan named by ``slug``; without one, the only plan or else the latest year's."""
    if slug:
        try:
            return Plan.objects.get(slug=slug)
        except Plan.DoesNotExist:
            slugs = ", ".join(Plan.objects.values_list("slug", flat=True)) or "-"
            raise CommandError(
                _("There is no plan %(slug)s. Plans: %(slugs)s.") % {"slug": slug, "slugs": slugs}
            ) from None
    plan = Plan.objects.order_by("-year", "-pk").first()
    if plan is None:
        raise CommandError(
            _("There is no plan yet. Run `tuijin bootstrap` or `tuijin plan load kaifeng-2023`.")
        )
    return plan


def accounts_summary(users, generated: str | None) -> str:
    if not users:
        return _("Demo accounts already exist; their passwords are unchanged.")
    names = ", ".join(user.username for user in users)
    if generated:
        return _("Created demo accounts %(names)s with the generated password: %(password)s") % {
            "names": names, "password": generated}
    return _("Created demo accounts %(names)s with the password from %(env)s.") % {
        "names": names, "env": DEMO_PASSWORD_ENV}


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Generate demo projects (named 【演示】…, marked as demo data) with monthly reports "
            "into a plan, and create the demo accounts that are missing. The same seed gives "
            "the same programme. Refuses when the plan already has demo projects unless "
            "--replace is given."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--plan", help=_("Plan slug (default: the only or latest plan)."))
        parser.add_argument("--projects", type=int, default=DEFAULT_PROJECTS,
                            help=_("Number of projects (default %(default)s)."))
        parser.add_argument("--months", type=int, default=DEFAULT_MONTHS,
                            help=_("Report months 1 to this month (default %(default)s)."))
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=_("Random seed (default %(default)s)."))
        parser.add_argument("--replace", action="store_true",
                            help=_("Delete the plan's previous demo projects first."))

    def handle(self, *args, **options) -> None:
        plan = plan_resolve(options["plan"])
        started = time.monotonic()
        try:
            counts = demo_load(
                plan, projects=options["projects"], months=options["months"],
                seed=options["seed"], replace=options["replace"],
                progress=options["verbosity"] >= 1,
            )
        except InputError as exc:
            raise CommandError(f"{exc.message} {exc.hint}".rstrip()) from exc
        cycle = demo_cycle_set(plan, months=options["months"], seed=options["seed"])
        points = demo_points_set(plan, seed=options["seed"])
        photos = demo_photos_set(plan, month=options["months"])
        users, generated = demo_accounts_ensure(password=env_str(DEMO_PASSWORD_ENV))
        # After the accounts: the bureau's and the offices' steps are taken as those users.
        bureaus = demo_bureaus_set(plan)
        problems = demo_problems_set(plan)
        self.stdout.write(_(
            "Demo for plan %(plan)s: %(projects)s projects, %(reports)s reports, "
            "%(owners)s new owners, %(deleted)s old demo projects deleted, in %(seconds).1f s."
        ) % {
            "plan": plan.slug, "projects": counts["projects"], "reports": counts["reports"],
            "owners": counts["owners_created"], "deleted": counts["deleted_projects"],
            "seconds": time.monotonic() - started,
        })
        self.stdout.write(cycle_summary(plan, options["months"], cycle))
        self.stdout.write(bureaus_summary(bureaus))
        self.stdout.write(problems_summary(problems))
        self.stdout.write(photos_summary(points, photos))
        self.stdout.write(accounts_summary(users, generated))
