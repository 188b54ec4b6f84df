"""Command-line glue for plan text: `tuijin text normalize FILE`, `tuijin plan from-text FILE`.

The `plan` command (plans/management/commands/plan.py) registers ``from_text_arguments`` and
``from_text_run`` as its ``from-text`` subcommand; the `text` command calls ``read_text_file``.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

from .draft import decode_upload, draft_from_text
from .extract import MAX_CHARS


def read_text_file(name: str) -> str:
    """The text of FILE (UTF-8 or GB18030), or of stdin for "-"; CommandError if unreadable."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_CHARS * 4 + 1)
        else:
            with Path(name).open("rb") as handle:
                data = handle.read(MAX_CHARS * 4 + 1)
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": name, "error": exc.strerror or exc}
        ) from exc
    # The InputError of a binary file reaches the command's handler, which prints it.
    return decode_upload(data)


def from_text_arguments(parser: CommandParser) -> None:
    parser.add_argument("file", help=_("Plan text (.txt, UTF-8 or GB18030), or - for stdin."))
    parser.add_argument("--region", default=None,
                        help=_("GB/T 2260 code of the plan's region, e.g. 410200 (a hint)."))
    parser.add_argument("--year", type=int, default=None,
                        help=_("The plan's year, e.g. 2023 (a hint; else read from the text)."))


def _check_hints(region: str | None, year: int | None) -> None:
    from tuijin.core.models import Division

    if region is not None and not Division.objects.filter(code=region).exists():
        raise InputError(_("%(value)s is not a known division code.") % {"value": region},
                         hint=_('Give a GB/T 2260 code, e.g. "410200".'), field="--region")
    if year is not None and not 2000 <= year <= 2100:
        raise InputError(_("%(value)s is not a plan year.") % {"value": year},
                         hint=_("Give a year from 2000 to 2100."), field="--year")


def from_text_run(command, options: dict) -> None:
    """Print the draft as tuijin-plan/1 JSON on stdout; warnings go to stderr."""
    _check_hints(options["region"], options["year"])
    text = read_text_file(options["file"])
    draft, warnings = draft_from_text(text, region=options["region"], year=options["year"])
    command.stdout.write(json.dumps(draft, ensure_ascii=False, indent=2))
    for warning in warnings:
        command.stderr.write(warning)
    if not draft["indicators"]:
        command.stderr.write(_("No targets were found in the text; the draft has none."))
    if draft["region"] is None:
        command.stderr.write(_(
            "The draft names no region: set \"region\" (e.g. \"410200\") before "
            "`tuijin plan import`, or pass --region."
        ))
    return None  # stdout carries the JSON only, so it can be piped into a file
