"""``tuijin plan …``: plans as data (load a built-in plan, import, export, list).

Each subcommand is one entry in SUBCOMMANDS: a help text, a function adding its arguments and
a function running it that returns the one-line summary. Adding a subcommand is adding an entry.
"""

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from tuijin.core.errors import InputError
from tuijin.plans.lifecycle_services import plan_lifecycle_step
from tuijin.plans.models import Plan
from tuijin.plans.services import (
    PlanImportError,
    builtin_plan_slugs,
    error_line,
    plan_export,
    plan_import,
    plan_load_builtin,
)
from tuijin.plans.text.cli import from_text_arguments, from_text_run


@dataclass(frozen=True)
class Subcommand:
    help: str  # an untranslated msgid (gettext_noop); argparse needs plain str, so translate late
    add_arguments: Callable[[CommandParser], None]
    run: Callable[["Command", dict], str | None]


def _plan_summary(plan: Plan, verb: str) -> str:
    return _(
        "%(verb)s plan %(slug)s (%(name)s): %(tasks)s key works, %(domains)s domains, "
        "%(indicators)s indicators."
    ) % {
        "verb": verb, "slug": plan.slug, "name": plan.name, "tasks": plan.key_tasks.count(),
        "domains": plan.domains.count(), "indicators": plan.indicators.count(),
    }


def _load_arguments(parser: CommandParser) -> None:
    parser.add_argument("slug", help=_("Built-in plan, e.g. kaifeng-2023."))


def _load(command: "Command", options: dict) -> str:
    # A built-in plan is reloaded in place: same file twice changes nothing, projects stay.
    plan = plan_load_builtin(options["slug"], replace=True)
    return _plan_summary(plan, _("Loaded"))


def _export_arguments(parser: CommandParser) -> None:
    parser.add_argument("slug", help=_("Slug of the plan to export."))


def _plan_named(slug: str) -> Plan:
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(
            _("There is no plan %(slug)s. Run `tuijin plan list` to see the plans.")
            % {"slug": slug}
        )
    return plan


def _export(command: "Command", options: dict) -> None:
    plan = _plan_named(options["slug"])
    command.stdout.write(json.dumps(plan_export(plan), ensure_ascii=False, indent=2))
    return None  # stdout carries the JSON only, so it can be piped into a file


def _import_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help=_("A tuijin-plan/1 JSON file, or - for stdin."))
    parser.add_argument(
        "--replace", action="store_true",
        help=_("Update the plan with the same slug instead of refusing."),
    )


def _import(command: "Command", options: dict) -> str:
    name = options["file"]
    try:
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": name, "error": exc}
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            _("%(file)s is not valid JSON: %(error)s (line %(line)s, column %(column)s).")
            % {"file": name, "error": exc.msg, "line": exc.lineno, "column": exc.colno}
        ) from exc
    plan = plan_import(data, replace=options["replace"])
    return _plan_summary(plan, _("Imported"))


def _list(command: "Command", options: dict) -> str:
    plans = list(Plan.objects.select_related("region").order_by("-year", "slug"))
    for plan in plans:
        command.stdout.write(
            f"{plan.slug}\t{plan.year}\t{plan.region.code}\t{plan.status}\t{plan.name}")
    loaded = {plan.slug for plan in plans}
    missing = [slug for slug in builtin_plan_slugs() if slug not in loaded]
    return _("%(count)s plans. Built-in, not loaded: %(missing)s.") % {
        "count": len(plans), "missing": ", ".join(missing) or "-",
    }


def _slug_argument(parser: CommandParser) -> None:
    parser.add_argument("slug", help=_("Slug of the plan."))


def _lifecycle(action: str) -> Callable[["Command", dict], str]:
    def run(command: "Command", options: dict) -> str:
        plan = _plan_named(options["slug"])
        try:
            changed = plan_lifecycle_step(plan=plan, action=action, user=None)
        except InputError as error:
            raise CommandError(str(error)) from error
        if changed is None:
            return _("Deleted the draft %(slug)s.") % {"slug": plan.slug}
        return _("%(slug)s is now %(status)s.") % {"slug": changed.slug,
                                                  "status": changed.get_status_display()}
    return run


SUBCOMMANDS: dict[str, Subcommand] = {
    "load": Subcommand(gettext_noop("Load or refresh a built-in plan."), _load_arguments, _load),
    "export": Subcommand(
        gettext_noop("Print a plan as tuijin-plan/1 JSON."), _export_arguments, _export
    ),
    "import": Subcommand(
        gettext_noop("Import a plan from a tuijin-plan/1 JSON file."), _import_arguments, _import
    ),
    "list": Subcommand(gettext_noop("List the plans in the database."), lambda parser: None,
                       _list),
    "activate": Subcommand(
        gettext_noop("Make a draft or closed plan the region's active plan for its year."),
        _slug_argument, _lifecycle("activate"),
    ),
    "close": Subcommand(
        gettext_noop("Close the active plan when its year is done (it stays readable)."),
        _slug_argument, _lifecycle("close"),
    ),
    "delete": Subcommand(
        gettext_noop("Delete a draft plan (never a plan with reports)."),
        _slug_argument, _lifecycle("delete"),
    ),
    "from-text": Subcommand(
        gettext_noop("Read plan prose into a draft tuijin-plan/1 JSON for review."),
        from_text_arguments, from_text_run,
    ),
}


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Plans as data: `load kaifeng-2023` loads the built-in plan; `export SLUG` prints a "
            "plan as JSON; `import FILE.json [--replace]` reads one (as a draft); `list` shows the "
            "plans; `activate`, `close` and `delete` move a plan through its life. A "
            "file is checked whole before anything is written, and every problem is reported "
            "with its path."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        for name, subcommand in SUBCOMMANDS.items():
            subcommand.add_arguments(subparsers.add_parser(name, help=_(subcommand.help)))

    def handle(self, *args, subcommand: str, **options) -> None:
        try:
            summary = SUBCOMMANDS[subcommand].run(self, options)
        except PlanImportError as exc:
            lines = [error_line(error) for error in exc.errors]
            raise CommandError(
                ngettext(
                    "Nothing was written; fix this problem:",
                    "Nothing was written; fix these %(count)s problems:",
                    len(lines),
                ) % {"count": len(lines)}
                + "\n" + "\n".join(f"  {line}" for line in lines)
            ) from exc
        except InputError as exc:
            raise CommandError(error_line(exc)) from exc
        if summary:
            self.stdout.write(summary)
