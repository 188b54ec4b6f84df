"""Writes of report photos (形象进度照片): added to a month's report, removed from it.

The report must be one its owner may change now, by the cycle's rule for saving a draft
(projects.cycle_services.filing_for_edit). Every file of a batch is checked (projects.photos)
before anything is written, so one bad file refuses the whole batch and nothing changes. The
files go through Django's storage API (local disk or S3-compatible, settings/storage.py); a
file written by a transaction that then fails is deleted again, and a removed photo's files
are deleted only once its removal is committed. Each photo added or removed is a step in the
filing's log, with the file name as its comment. Photos do not change the report's version: a
figure being typed elsewhere on the page is not a stale edit because a photo was added.

Access is the caller's check (accounts.permissions.may_add_photo).
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.projects.cycle import Action, state_label
from tuijin.projects.cycle_services import FilingInput, filing_for_edit, filing_save
from tuijin.projects.evidence_services import photo_checks_after_upload
from tuijin.projects.models import FilingEvent, Project, ReportFiling, ReportPhoto
from tuijin.projects.photos import (
    PreparedPhoto,
    check_photo_count,
    check_photo_size,
    photo_limits,
    photo_prepare,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PhotoUpload:
    """One uploaded file: the name the client gave (for display only) and its content."""

    name: str
    file: BinaryIO
    size: int | None = None



def photo_add(*, project: Project, month: int, uploads: Sequence[PhotoUpload],
              user) -> list[ReportPhoto]:
    """Add ``uploads`` to the project's report of ``month``, all or none.

    Requires the report to be editable now (a report not started yet is saved as an empty
    draft first). Refuses, with InputError naming the file (``extra["status"]``: 400, 409,
    413 or 415): no file; more than the report may hold (TUIJIN_PHOTOS_PER_REPORT); a file
    larger than TUIJIN_PHOTO_MAX_MB; one that is not a JPEG, PNG, WebP or HEIC picture or is
    damaged; the same photo twice. Writes the photos, their files and thumbnails, and one
    ``photo_added`` step each; then, the upload committed, the evidence checks' answers on
    each photo (projects.evidence_services, which never refuses).
    """
    limits = photo_limits()
    check_photo_count(existing=0, adding=len(uploads), per_report=limits.per_report)
    # Refuse a closed month before reading any picture; checked again, locked, below.
    with transaction.atomic():
        _filing_for_edit(project, month)
    prepared = [_prepared(upload, max_bytes=limits.max_bytes) for upload in uploads]
    _check_no_twins(prepared, {})
    written: list[str] = []
    try:
        with transaction.atomic():
            filing = _filing_for_edit(project, month)
            if filing is None:
                filing = filing_save(project=project, month=month, data=FilingInput(),
                                     user=user)
            existing = dict(filing.photos.values_list("sha256", "original_name"))
            check_photo_count(existing=len(existing), adding=len(prepared),
                              per_report=limits.per_report)
            _check_no_twins(prepared, existing)
            stored = [_store(filing, photo, user=user, written=written) for photo in prepared]
    except BaseException:
        _delete_files(written)
        raise
    # The evidence checks inform the reviewer; run once the photos are committed, they
    # cannot refuse or undo the upload (projects.evidence_services).
    photo_checks_after_upload(stored, [photo.image for photo in prepared])
    return stored


def photo_remove(*, photo: ReportPhoto, user) -> None:
    """Remove ``photo`` from its report, which must be editable now (InputError, 409). Records
    a ``photo_removed`` step; the files are deleted from the storage once that is committed."""
    project = photo.filing.project
    with transaction.atomic():
        filing = _filing_for_edit(project, photo.filing.month)
        current = (ReportPhoto.objects.select_for_update()
                   .filter(pk=photo.pk, filing=filing).first() if filing else None)
        if current is None:
            raise InputError(_("This photo has already been removed."),
                             hint=_("Reload the report."), field="photos",
                             extra={"status": 409})
        names = [current.image.name, current.thumbnail.name]
        current.delete()
        _record(filing, Action.PHOTO_REMOVED, user=user, name=current.original_name)
        transaction.on_commit(lambda: _delete_files(names))


# ------------------------------------------------------------------------------ internals


def _filing_for_edit(project: Project, month: int) -> ReportFiling | None:
    """The cycle's rule, said of photos: "cannot be saved as a draft" would puzzle here."""
    try:
        return filing_for_edit(project=project, month=month)
    except InputError as exc:
        if exc.field != "action":
            raise  # the month is not open: that message says it already
        state = (ReportFiling.objects.filter(project=project, month=month)
                 .values_list("state", flat=True).first())
        raise InputError(
            _("The photos of a report that is %(state)s cannot be changed.")
            % {"state": state_label(state)}, hint=exc.hint, field="photos",
            extra={"status": 409}) from exc


def _prepared(upload: PhotoUpload, *, max_bytes: int) -> PreparedPhoto:
    if upload.size is not None:
        # The size the upload handler counted: refuse before reading the bytes in.
        check_photo_size(upload.size, filename=upload.name, max_bytes=max_bytes)
    data = upload.file.read(max_bytes + 1)
    return photo_prepare(data, filename=upload.name, max_bytes=max_bytes,
                         local_tz=timezone.get_default_timezone())


def _check_no_twins(prepared: Sequence[PreparedPhoto], existing: dict[str, str]) -> None:
    seen = dict(existing)
    for photo in prepared:
        if photo.sha256 in seen:
            raise InputError(
                _("%(name)s is the same photo as %(other)s, already on this report.")
                % {"name": photo.original_name, "other": seen[photo.sha256]}
                if photo.sha256 in existing else
                _("%(name)s and %(other)s are the same photo.")
                % {"name": photo.original_name, "other": seen[photo.sha256]},
                hint=_("Add each photo once."), field="photos", extra={"status": 400})
        seen[photo.sha256] = photo.original_name


def photo_stored(filing: ReportFiling, prepared: PreparedPhoto, *, uploaded_by,
                 written: list[str] | None = None) -> ReportPhoto:
    """A prepared photo's row with its picture and thumbnail written to storage (their names
    appended to ``written``, so a failed step can remove them). No step is recorded: the
    upload (photo_add) records one, the demo's loader writes photos as they were."""
    photo = ReportPhoto(
        filing=filing, original_name=prepared.original_name,
        source_type=prepared.source_type, content_type=prepared.content_type,
        width=prepared.width, height=prepared.height, bytes=len(prepared.image),
        sha256=prepared.sha256, taken_at=prepared.taken_at, latitude=prepared.latitude,
        longitude=prepared.longitude, gps_datum=prepared.gps_datum,
        uploaded_at=timezone.now(), uploaded_by=uploaded_by)
    written = [] if written is None else written
    # The names given here only carry the extension; upload_to makes the path.
    photo.image.save(f"photo.{prepared.extension}", ContentFile(prepared.image), save=False)
    written.append(photo.image.name)
    photo.thumbnail.save("thumbnail.jpg", ContentFile(prepared.thumbnail), save=False)
    written.append(photo.thumbnail.name)
    photo.save()
    return photo


def _store(filing: ReportFiling, prepared: PreparedPhoto, *, user,
           written: list[str]) -> ReportPhoto:
    photo = photo_stored(filing, prepared, uploaded_by=acting_user(user), written=written)
    _record(filing, Action.PHOTO_ADDED, user=user, name=prepared.original_name)
    return photo


def _record(filing: ReportFiling, action: str, *, user, name: str) -> None:
    # No from-state: a photo step leaves the report's state as it is.
    FilingEvent.objects.create(filing=filing, action=action, from_state="",
                               to_state=filing.state, at=timezone.now(), by=acting_user(user),
                               comment=name)


def _delete_files(names: Sequence[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:  # a file left behind is tidied by hand; the answer stands
            logger.warning("Could not delete %s from the storage", name, exc_info=True)
