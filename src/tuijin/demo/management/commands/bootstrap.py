"""``tuijin bootstrap``: what `make run` needs before serving; running it again changes nothing."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tuijin.core.env import env_str
from tuijin.core.errors import InputError
from tuijin.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD_ENV, demo_accounts_ensure
from tuijin.demo.bureaus import bureaus_summary, demo_bureaus_set
from tuijin.demo.cycle import cycle_summary, demo_cycle_set
from tuijin.demo.loader import demo_load
from tuijin.demo.management.commands.demo import (
    DEFAULT_MONTHS,
    DEFAULT_PROJECTS,
    DEFAULT_SEED,
    accounts_summary,
)
from tuijin.demo.map import demo_photos_set, demo_points_set, photos_summary
from tuijin.demo.problems import demo_problems_set, problems_summary
from tuijin.plans.models import Plan
from tuijin.plans.services import PlanImportError, plan_load_builtin

BUILTIN_PLAN = "kaifeng-2023"


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Set up a fresh install: load the built-in Kaifeng 2023 plan when there is no plan, "
            "generate the demo programme when that plan has no projects, and create the missing "
            "demo accounts. Existing data is kept, so a second run changes nothing."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--projects", type=int, default=DEFAULT_PROJECTS,
                            help=_("Demo projects to generate (default %(default)s)."))
        parser.add_argument("--months", type=int, default=DEFAULT_MONTHS,
                            help=_("Report months 1 to this month (default %(default)s)."))
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=_("Random seed (default %(default)s)."))

    def handle(self, *args, **options) -> None:
        generated_for = None  # the plan a demo was generated into by this run
        try:
            plan = self._plan()
            if plan.projects.exists():
                self.stdout.write(_("Plan %(plan)s already has projects; kept as they are.")
                                  % {"plan": plan.slug})
            else:
                started = time.monotonic()
                counts = demo_load(
                    plan, projects=options["projects"], months=options["months"],
                    seed=options["seed"], progress=options["verbosity"] >= 1,
                )
                cycle = demo_cycle_set(plan, months=options["months"], seed=options["seed"])
                points = demo_points_set(plan, seed=options["seed"])
                photos = demo_photos_set(plan, month=options["months"])
                self.stdout.write(_(
                    "Generated the demo for plan %(plan)s: %(projects)s projects, %(reports)s "
                    "reports, in %(seconds).1f s."
                ) % {"plan": plan.slug, "projects": counts["projects"],
                     "reports": counts["reports"], "seconds": time.monotonic() - started})
                self.stdout.write(cycle_summary(plan, options["months"], cycle))
                self.stdout.write(photos_summary(points, photos))
                generated_for = plan
        except InputError as exc:
            raise CommandError(f"{exc.message} {exc.hint}".rstrip()) from exc
        except PlanImportError as exc:
            raise CommandError(str(exc)) from exc

        users, generated = demo_accounts_ensure(password=env_str(DEMO_PASSWORD_ENV))
        if generated_for is not None:
            # After the accounts: the bureau's and the offices' steps are taken as those users.
            self.stdout.write(bureaus_summary(demo_bureaus_set(generated_for)))
            self.stdout.write(problems_summary(demo_problems_set(generated_for)))
        self.stdout.write(accounts_summary(users, generated))
        self.stdout.write(_("Demo accounts: %(names)s.") % {
            "names": ", ".join(account.username for account in DEMO_ACCOUNTS)})

    def _plan(self) -> Plan:
        """The built-in plan when there is no plan; otherwise it, or the latest plan."""
        if not Plan.objects.exists():
            plan = plan_load_builtin(BUILTIN_PLAN)
            self.stdout.write(_("Loaded the built-in plan %(plan)s.") % {"plan": plan.slug})
            return plan
        return (Plan.objects.filter(slug=BUILTIN_PLAN).first()
                or Plan.objects.order_by("-year", "-pk").first())
