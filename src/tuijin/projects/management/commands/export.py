"""tuijin export projects|reports|template --plan SLUG [--month 2023-06] -o FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.core.periods import period_in_year
from tuijin.plans.models import Plan
from tuijin.projects.spreadsheets.exports import projects_export, reports_export, template_export


class Command(BaseCommand):
    help = (
        "Export the project library, a month's reports (the progress sheet) or a blank "
        "reporting template as .xlsx, laid out as people make them by hand. What is exported "
        "re-imports with `tuijin import` without changes. The command acts for the whole city: "
        "every district's projects."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["projects", "reports", "template"])
        parser.add_argument("--plan", required=True, help="The plan's slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", help="The month, e.g. 2023-06 (required for reports).")
        parser.add_argument("-o", "--output", required=True, help="The .xlsx file to write.")

    def handle(self, *args, **options):
        plan = Plan.objects.filter(slug=options["plan"]).select_related("region").first()
        if plan is None:
            raise CommandError(_("No plan %(slug)s. Known plans: %(slugs)s.") % {
                "slug": options["plan"],
                "slugs": ", ".join(Plan.objects.values_list("slug", flat=True)) or "-"})
        try:
            period = period_in_year(options["month"], year=plan.year, field="")
        except InputError as exc:
            raise CommandError(f"--month: {exc}") from exc
        output = Path(options["output"])
        if output.suffix.lower() != ".xlsx":
            raise CommandError(_("Name the output file .xlsx, e.g. %(file)s.")
                               % {"file": output.with_suffix(".xlsx").name})
        kind = options["kind"]
        city = Scope.city_wide_for_system()
        if kind == "projects":
            count = projects_export(plan=plan, target=output, user=city)
        elif kind == "reports":
            if period is None:
                raise CommandError(_("Give the month of the reports, e.g. --month %(year)s-06.")
                                   % {"year": plan.year})
            count = reports_export(plan=plan, period=period, target=output, user=city)
        else:
            count = template_export(plan=plan, period=period, target=output, user=city)
        self.stderr.write(_("Acting for the whole city (command line): every district's "
                            "projects."))
        self.stdout.write(_("%(kind)s of %(plan)s: %(count)s projects written to %(file)s.")
                          % {"kind": kind, "plan": plan.slug, "count": count, "file": output})
