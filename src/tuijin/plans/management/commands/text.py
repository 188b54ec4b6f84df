"""``tuijin text normalize FILE``: print plan text repaired as the extractor reads it."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.plans.text.cli import read_text_file
from tuijin.plans.text.draft import check_text
from tuijin.plans.text.normalize import normalize


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Plan text tools: `normalize FILE` prints the text with web-page damage repaired "
            "(traditional characters, pinyin annotations, lost characters, ? runs, navigation "
            "lines, full-width digits). FILE may be - for stdin."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", metavar="SUBCOMMAND", required=True)
        normalize_parser = subparsers.add_parser(
            "normalize", help=_("Print the normalised text of FILE.")
        )
        normalize_parser.add_argument("file", help=_("A text file (UTF-8 or GB18030), or -."))

    def handle(self, *args, subcommand: str, file: str, **options) -> None:
        try:
            text = check_text(read_text_file(file))
        except InputError as exc:
            raise CommandError(f"{exc.message} {exc.hint}".strip()) from exc
        self.stdout.write(normalize(text))
