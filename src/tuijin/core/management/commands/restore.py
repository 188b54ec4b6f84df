"""``tuijin restore FILE [--force]``: put a backup back into the configured database."""

from django.core.management.base import BaseCommand, CommandError

from tuijin.core.backup import backup_restore
from tuijin.core.errors import InputError


class Command(BaseCommand):
    help = (
        "Restore an archive written by `tuijin backup` into the database DATABASE_URL names "
        "and into MEDIA_ROOT. The database must be empty (a new one), unless --force is given: "
        "then its contents and the uploaded files are replaced. Stop the server first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive written by `tuijin backup`.")
        parser.add_argument("--force", action="store_true",
                            help="Replace the contents of a database that is not empty.")

    def handle(self, *args, file, force, **options):
        try:
            manifest = backup_restore(file, force=force)
        except InputError as exc:
            raise CommandError(f"{exc.message} {exc.hint}".strip()) from exc
        self.stdout.write(f"Restored the {manifest['vendor']} database and {manifest['files']} "
                          f"files of {manifest['created_at']} from {file}.")
