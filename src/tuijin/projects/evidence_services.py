"""Running the photo evidence checks (projects.evidence) and keeping their answers on the photo.

Called by projects.photo_services once an upload is committed, so a check can never refuse or
undo an upload: whatever goes wrong in a check is written as the photo's ``check_note`` (and
flags it for a second look), never raised. ``photo_checks_rerun`` runs them again for a
project's photos, after its point changed.
"""

import io
import logging
import warnings

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from tuijin.projects.evidence import (
    check_place,
    check_time,
    find_reuse,
    is_flagged,
    perceptual_hash,
    radius_km,
)
from tuijin.projects.models import Project, ReportPhoto

logger = logging.getLogger(__name__)

# The pixels a hash is computed from at most: the stored copy is at most 2560 px a side
# (projects.photos), far below this; an oversized file is said, not decoded.
HASH_MAX_PIXELS = 60_000_000


def photo_check(*, photo: ReportPhoto, image: bytes | None = None) -> ReportPhoto:
    """Run the three checks on ``photo`` (its stored copy's bytes in ``image``, read from the
    storage when not given) and save the answers, in one transaction. Never raises for what
    the photo holds; the note says what could not be checked."""
    filing = photo.filing
    project = filing.project
    note = ""
    phash = photo.perceptual_hash
    if not phash:
        try:
            phash = _hash(image if image is not None else _read(photo))
        except Exception as exc:  # a damaged or unreadable stored copy is said, not raised
            logger.warning("Photo %s could not be hashed: %s", photo.pk, exc)
            note = _("The picture could not be compared with other photos: %(reason)s") % {
                "reason": _reason(exc)}
    time = check_time(photo.taken_at, year=project.plan.year, month=filing.month,
                      local_tz=timezone.get_default_timezone())
    place = check_place(
        (photo.longitude, photo.latitude, photo.gps_datum)
        if photo.longitude is not None and photo.latitude is not None else None,
        (project.longitude, project.latitude, project.location_datum)
        if project.longitude is not None and project.latitude is not None else None,
        radius=radius_km())
    with transaction.atomic():
        reused = None
        if phash:
            earlier = (ReportPhoto.objects.exclude(perceptual_hash="").exclude(pk=photo.pk)
                       .filter(~Q(filing__project=project)
                               | Q(filing__project=project, filing__month__lt=filing.month))
                       .values_list("id", "perceptual_hash"))
            reused = find_reuse(phash, earlier.iterator())
        photo.perceptual_hash = phash
        photo.time_check = time
        photo.place_check = place.check
        photo.distance_km = place.distance_km
        photo.reused_photo_id = reused
        photo.check_note = note[:200]
        photo.is_flagged = is_flagged(time=time, place=place.check, reused=reused is not None,
                                      note=note)
        photo.checked_at = timezone.now()
        photo.save(update_fields=["perceptual_hash", "time_check", "place_check",
                                  "distance_km", "reused_photo", "check_note", "is_flagged",
                                  "checked_at"])
    return photo


def photo_checks_after_upload(photos: list[ReportPhoto], images: list[bytes]) -> None:
    """The checks of a batch just uploaded; a failure is logged and the upload stands."""
    for photo, image in zip(photos, images, strict=True):
        try:
            photo_check(photo=photo, image=image)
        except Exception:
            logger.exception("Evidence checks failed for photo %s", photo.pk)


def photo_checks_rerun(*, project: Project) -> int:
    """Check the project's photos again (its point changed): returns how many."""
    photos = list(ReportPhoto.objects.filter(filing__project=project)
                  .select_related("filing__project__plan"))
    for photo in photos:
        photo_check(photo=photo)
    return len(photos)


def _hash(data: bytes) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > HASH_MAX_PIXELS:
            raise Image.DecompressionBombError(
                f"{image.width * image.height // 1_000_000} megapixels")
        image.load()
        return perceptual_hash(image)


def _read(photo: ReportPhoto) -> bytes:
    with photo.image.open("rb") as handle:
        return handle.read()


def _reason(exc: Exception) -> str:
    if isinstance(exc, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return _("the picture is too large to decode")
    return _("the picture is damaged")
