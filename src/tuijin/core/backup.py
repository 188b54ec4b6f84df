"""Backup and restore of a whole tuijin: the database and the uploaded files, in one archive.

The archive is a .tar.gz holding ``manifest.json`` (format, database vendor, when, counts), the
database (``database.sqlite3`` — SQLite's online backup API, a consistent copy taken while the
server keeps serving — or ``database.pgdump``, ``pg_dump --format=custom``) and ``media/`` (the
files under MEDIA_ROOT). A restore goes into the database the settings name (``DATABASE_URL``):
an empty one, or — with ``force`` — one whose tables are replaced. Uploaded files on S3 are
the bucket's to back up (versioning), not this archive's.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

FORMAT = "tuijin-backup/1"


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    files: int
    bytes: int


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _pg_env(db: dict) -> dict:
    env = dict(os.environ)
    env.update({"PGHOST": str(db.get("HOST") or "127.0.0.1"), "PGPORT": str(db.get("PORT") or
                                                                           5432),
                "PGUSER": str(db.get("USER") or ""), "PGPASSWORD": str(db.get("PASSWORD") or ""),
                "PGDATABASE": str(db["NAME"])})
    return env


def backup_create(target: Path) -> BackupSummary:
    """Write the archive to ``target`` (refusing to overwrite an existing file)."""
    target = Path(target)
    if target.exists():
        raise InputError(_("%(path)s already exists.") % {"path": target},
                         hint=_("Choose a new file name; a backup never overwrites one."),
                         field="file")
    db = settings.DATABASES["default"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if connection.vendor == "sqlite":
            dump = work / "database.sqlite3"
            connection.ensure_connection()
            destination = sqlite3.connect(dump)
            with destination:
                connection.connection.backup(destination)
            destination.close()
        elif connection.vendor == "postgresql":
            dump = work / "database.pgdump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--file={dump}"], env=_pg_env(db))
        else:  # pragma: no cover - tuijin runs on the two above
            raise InputError(_("Backups support SQLite and PostgreSQL."))
        files = sorted(p for p in _media_root().rglob("*") if p.is_file()) \
            if _media_root().is_dir() else []
        manifest = {"format": FORMAT, "vendor": connection.vendor,
                    "created_at": timezone.now().isoformat(), "database": dump.name,
                    "files": len(files)}
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", arcname="manifest.json")
            archive.add(dump, arcname=dump.name)
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(_media_root()).as_posix()}")
        partial.rename(target)  # never a half-written archive under the final name
    return BackupSummary(target, connection.vendor, len(files), target.stat().st_size)


def _is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    return not tables


def backup_restore(source: Path, *, force: bool = False) -> dict:
    """Restore the archive into the configured database and MEDIA_ROOT.

    Refuses a database that has tables unless ``force``, an archive of another vendor, and a
    file that is not a tuijin backup. Returns the manifest."""
    source = Path(source)
    if not source.is_file() or not tarfile.is_tarfile(source):
        raise InputError(_("%(path)s is not a tuijin backup.") % {"path": source},
                         hint=_("Give a file written by `tuijin backup`."), field="file")
    with tarfile.open(source, "r:gz") as archive, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive.extractall(work, filter="data")  # no absolute paths, links or devices
        try:
            manifest = json.loads((work / "manifest.json").read_text())
        except (OSError, ValueError) as exc:
            raise InputError(_("%(path)s is not a tuijin backup.") % {"path": source},
                             hint=_("Give a file written by `tuijin backup`."),
                             field="file") from exc
        if manifest.get("format") != FORMAT:
            raise InputError(_("%(path)s is not a tuijin backup.") % {"path": source},
                             hint=_("Give a file written by `tuijin backup`."), field="file")
        if manifest["vendor"] != connection.vendor:
            raise InputError(
                _("The backup is of a %(backup)s database; this tuijin uses %(here)s.")
                % {"backup": manifest["vendor"], "here": connection.vendor},
                hint=_("Restore into a database of the same kind."), field="file")
        if not force and not _is_empty():
            raise InputError(_("The database %(name)s is not empty.")
                             % {"name": settings.DATABASES["default"]["NAME"]},
                             hint=_("Restore into a new, empty database, or add --force to "
                                    "replace its contents."), field="force")
        dump = work / manifest["database"]
        if connection.vendor == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgres(dump)
        _restore_media(work / "media")
    return manifest


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    with source:
        source.backup(connection.connection)  # replaces every page of the live database
    source.close()


def _restore_postgres(dump: Path) -> None:
    connection.close()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
          "--exit-on-error", "--single-transaction",
          f"--dbname={settings.DATABASES['default']['NAME']}", str(dump)],
         env=_pg_env(settings.DATABASES["default"]))


def _restore_media(folder: Path) -> None:
    root = _media_root()
    if root.is_dir():
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    if folder.is_dir():
        shutil.copytree(folder, root, dirs_exist_ok=True)


def _run(command: list[str], *, env: dict) -> None:
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise InputError(_("%(tool)s is not installed.") % {"tool": command[0]},
                         hint=_("Install PostgreSQL's client tools (Debian: postgresql-client)."),
                         ) from exc
    except subprocess.CalledProcessError as exc:
        raise InputError(_("%(tool)s failed: %(error)s") % {"tool": command[0],
                                                            "error": exc.stderr.strip()[-500:]},
                         ) from exc
