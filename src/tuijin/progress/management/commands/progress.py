"""``tuijin progress --plan SLUG --month YYYY-MM [--json]``: every figure of the dashboard."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.core.models import Division
from tuijin.plans.models import Plan
from tuijin.progress.dashboard import dashboard_as_dict
from tuijin.progress.selectors import dashboard_for, month_shown

# The command has no user: it reads the whole programme, as the city office does, and says so.
CITY = Scope.city_wide_for_system()


class Command(BaseCommand):
    help = (
        "Print where the plan stands at a month: the 8232 and 三个一批 headline, completion by "
        "domain and district, lights, target statuses, rankings and the lagging list. "
        "--json prints every figure of the city dashboard, from the functions the pages use. "
        "It acts for the whole city (every district's projects), as the city office would."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="Plan slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", help="Month, e.g. 2023-06 (default: latest reported).")
        parser.add_argument("--district", help="GB/T 2260 code of one district, e.g. 410202.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--lagging", type=int, default=20,
                            help="How many lagging projects to list (default 20).")

    def handle(self, *args, **options):
        try:
            plan = Plan.objects.select_related("region").get(slug=options["plan"])
        except Plan.DoesNotExist as exc:
            raise CommandError(f"No plan with slug {options['plan']!r}; see `tuijin plan "
                               "list` or load one with `tuijin plan load kaifeng-2023`.") from exc
        district = None
        if options["district"]:
            district = Division.objects.filter(code=options["district"],
                                               parent=plan.region).first()
            if district is None:
                raise CommandError(f"{options['district']} is not a district of {plan.region}.")
        try:
            period = month_shown(CITY, plan=plan, asked=options["month"],
                                 today=timezone.localdate())
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        dashboard = dashboard_for(CITY, plan=plan, period=period, district=district,
                                  lagging_limit=options["lagging"], with_curve=True)
        if options["json"]:
            self.stdout.write(json.dumps(dashboard_as_dict(dashboard), ensure_ascii=False,
                                         indent=2))
            return
        self.stderr.write(_("Acting for the whole city (command line): every district's "
                            "projects."))
        t = dashboard.total.totals
        completion = "no data" if t.completion is None else f"{t.completion * 100:.1f}%"
        self.stdout.write(
            f"{plan.slug} {period}: {t.projects} projects, {t.reported} reported, "
            f"{t.missing} missing; completion {completion} vs time progress "
            f"{period.time_progress * 100:.1f}%; lights green {t.green} yellow {t.yellow} "
            f"red {t.red} missing {t.missing}"
        )
