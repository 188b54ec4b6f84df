"""``tuijin backup FILE``: the database and the uploaded files in one archive."""

from django.core.management.base import BaseCommand, CommandError

from tuijin.core.backup import backup_create
from tuijin.core.errors import InputError


class Command(BaseCommand):
    help = (
        "Write the database (SQLite: an online copy, safe while tuijin serves; PostgreSQL: "
        "pg_dump) and the uploaded files under MEDIA_ROOT into one .tar.gz archive. Never "
        "overwrites a file. Restore with `tuijin restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive to write, e.g. tuijin-2023-06-30.tar.gz.")

    def handle(self, *args, file, **options):
        try:
            summary = backup_create(file)
        except InputError as exc:
            raise CommandError(f"{exc.message} {exc.hint}".strip()) from exc
        self.stdout.write(f"Backed up the {summary.vendor} database and {summary.files} files "
                          f"to {summary.path} ({summary.bytes:,} bytes).")
