"""``tuijin bulletin --plan SLUG --month YYYY-MM --format docx|xlsx|pdf -o FILE``"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import Scope
from tuijin.bulletins import selectors
from tuijin.bulletins.formats import FORMATS
from tuijin.bulletins.models import Bulletin
from tuijin.core.errors import InputError
from tuijin.core.periods import period_in_year
from tuijin.plans.models import Plan

# The command has no user: it reads the whole programme, as the city office does, and says so.
CITY = Scope.city_wide_for_system()


def write_atomically(target: Path, data: bytes) -> None:
    """Write under a temporary name beside ``target``, then rename: an interrupted run leaves
    no half file (issue 13, item 6)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = (
        "Write the monthly bulletin (通报) of a month as .docx, .xlsx or .pdf (a month not "
        "locked gives a draft, marked 草稿 on every page with the reporting rate). A saved "
        "bulletin keeps its number, header and 下一步工作要求 (a published one its figures); "
        "otherwise the next number is shown and nothing is saved. It acts for the whole city "
        "(every district's projects), as the city office would."
    )

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="The plan's slug, e.g. kaifeng-2023.")
        parser.add_argument("--month", required=True, help="The month, e.g. 2023-06.")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS),
                            help="The file's format.")
        parser.add_argument("-o", "--output", required=True, help="The file to write.")

    def handle(self, *args, **options):
        plan = Plan.objects.filter(slug=options["plan"]).select_related("region").first()
        if plan is None:
            raise CommandError(_("No plan %(slug)s. Known plans: %(slugs)s.") % {
                "slug": options["plan"],
                "slugs": ", ".join(Plan.objects.values_list("slug", flat=True)) or "-"})
        fmt = options["format"]
        output = Path(options["output"])
        if output.suffix.lower() != f".{fmt}":
            raise CommandError(_("Name the output file .%(fmt)s, e.g. %(file)s.")
                               % {"fmt": fmt, "file": output.with_suffix(f".{fmt}").name})
        today = timezone.localdate()
        self.stderr.write(_("Acting for the whole city (command line): every district's "
                            "projects."))
        try:
            period = period_in_year(options["month"], year=plan.year, field="--month")
            if period is None:
                raise CommandError(_("Give the month, e.g. --month %(year)s-06.")
                                   % {"year": plan.year})
            bulletin = Bulletin.objects.filter(plan=plan, month=period.month).first()
            if bulletin is not None:
                content = selectors.bulletin_document(CITY, bulletin, today=today)
            else:
                content = selectors.bulletin_content(
                    CITY, plan=plan, period=period,
                    header=selectors.header_for(plan, period.month, today=today),
                    next_steps="")
            data = FORMATS[fmt].render(content)
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        if content.is_draft:
            self.stderr.write(content.draft_mark)
        write_atomically(output, data)
        self.stdout.write(_("Bulletin no. %(number)s of %(plan)s %(month)s written to %(file)s.")
                          % {"number": content.header.number, "plan": plan.slug,
                             "month": period, "file": output})
