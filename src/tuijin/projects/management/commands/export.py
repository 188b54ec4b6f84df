"""tuijin export projects|reports|template --plan SLUG [--month 2023-06] -o FILE
tuijin export oc4ids --plan SLUG [-o FILE]   (open data, docs/reference/api.md)"""

import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
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
        "re-imports with `tuijin import` without changes. `oc4ids` writes the plan's projects "
        "as an OC4IDS 0.9.5 project package (JSON, to standard output unless -o names a "
        "file), whether or not the plan is published. The command acts for the whole city: "
        "every district's projects."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["projects", "reports", "template", "oc4ids"])
        parser.add_argument("--plan", required=True, help="The plan's slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", help="The month, e.g. 2023-06 (required for reports).")
        parser.add_argument("-o", "--output",
                            help="The .xlsx file to write (oc4ids: a .json file; default "
                                 "standard output).")

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
        if options["kind"] == "oc4ids":
            return self._oc4ids(plan, options["output"])
        if not options["output"]:
            raise CommandError(_("Name the .xlsx file to write with -o, e.g. -o %(file)s.")
                               % {"file": f"{options['kind']}.xlsx"})
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

    def _oc4ids(self, plan, output: str | None) -> None:
        # The open-data package streams a batch of projects at a time (api.oc4ids), so a
        # programme of thousands of projects is written without holding it in memory.
        from django.core.exceptions import ImproperlyConfigured

        from tuijin.api.oc4ids import package_chunks

        chunks = package_chunks(plan, today=timezone.localdate())
        try:
            if output:
                with open(output, "w", encoding="utf-8") as handle:
                    for chunk in chunks:
                        handle.write(chunk)
            else:
                for chunk in chunks:
                    self.stdout.write(chunk, ending="")
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        except BrokenPipeError:
            # Piped into `head` or a pager that quit: stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
        except OSError as exc:
            raise CommandError(_("Cannot write %(file)s: %(error)s")
                               % {"file": output, "error": exc.strerror}) from exc
        if output:
            self.stderr.write(_("OC4IDS package of %(plan)s written to %(file)s.")
                              % {"plan": plan.slug, "file": output})
