"""tuijin import projects|reports FILE --plan SLUG [--month 2023-06] [--dry-run] [--json]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.plans.models import Plan
from tuijin.projects.spreadsheets.imports import (
    PROJECTS,
    REPORTS,
    projects_import,
    reports_import,
)
from tuijin.projects.spreadsheets.mappings import mapping_for


class Command(BaseCommand):
    help = (
        "Import the project library, or a month's reports, from an .xlsx or .xls file. Every "
        "row is checked first; if any row is wrong nothing is written and every error is "
        "listed with its row and column. Importing the same file again changes nothing. "
        "The command acts for the whole city (every district's rows), as the city office "
        "would; what it writes is recorded with no user."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=[PROJECTS, REPORTS],
                            help="projects: the project library; reports: a month's reports.")
        parser.add_argument("file", help="The .xlsx or .xls file.")
        parser.add_argument("--plan", required=True, help="The plan's slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", help="For reports: the month, e.g. 2023-06 (default: "
                                            "the month named by the 1-M月完成投资 header).")
        parser.add_argument("--mapping", help="Name of a saved column mapping to apply.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Check and show what would change; write nothing.")
        parser.add_argument("--json", action="store_true",
                            help="Print the result as JSON (with --dry-run: the parsed rows).")

    def handle(self, *args, **options):
        plan = Plan.objects.filter(slug=options["plan"]).select_related("region").first()
        if plan is None:
            raise CommandError(_("No plan %(slug)s. Known plans: %(slugs)s.") % {
                "slug": options["plan"],
                "slugs": ", ".join(Plan.objects.values_list("slug", flat=True)) or "-"})
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No file %(file)s.") % {"file": path})
        period = None
        if options["month"]:
            try:
                period = Period.parse(options["month"])
            except InputError as exc:
                raise CommandError(f"--month: {exc}") from exc
        mapping = None
        if options["mapping"]:
            try:
                mapping = mapping_for(plan=plan, kind=options["kind"], name=options["mapping"])
            except InputError as exc:
                raise CommandError(f"--mapping: {exc}") from exc
        bar = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if options["json"] or total < 2000:
                return
            if bar is None:
                # disable=None: a bar on a terminal only, not in logs.
                bar = tqdm(total=total, unit=" rows", file=self.stderr._out, leave=False,
                           disable=None)
            bar.update(done - bar.n)

        self.stderr.write(_("Acting for the whole city (command line): every district's "
                            "rows, recorded with no user."))
        kwargs = {"plan": plan, "source": path, "user": Scope.city_wide_for_system(),
                  "dry_run": options["dry_run"], "mapping": mapping, "progress": progress}
        if options["kind"] == PROJECTS:
            result = projects_import(**kwargs)
        else:
            result = reports_import(period=period, **kwargs)
        if bar is not None:
            bar.close()
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(with_rows=options["dry_run"]),
                                         ensure_ascii=False, indent=2))
        else:
            for warning in result.warnings:
                self.stderr.write(_("warning: %(warning)s") % {"warning": warning})
            for error in result.errors:
                self.stderr.write(str(error))
        if result.errors:
            raise CommandError(
                _("%(count)s errors in %(file)s; nothing was written. Correct them and import "
                  "again.") % {"count": len(result.errors), "file": path.name})
        if not options["json"]:
            counts = result.counts
            line = _(
                "%(kind)s from %(file)s (sheet %(sheet)s): %(new)s new, %(changed)s changed, "
                "%(unchanged)s unchanged, %(skipped)s skipped."
            ) % {"kind": options["kind"], "file": path.name, "sheet": result.sheet, **counts}
            if result.dry_run:
                line += " " + _("Dry run: nothing was written.")
            self.stdout.write(line)
