"""Photos of physical progress (形象进度, DESIGN.md §3): what a photo must be, as plain checks.

A photo is judged by its content, never by its name or the type the browser claims: Pillow
must recognise it as JPEG, PNG, WebP or HEIC/HEIF (through pillow-heif) and decode it whole.
What is kept is a fresh encoding of the pixels, turned upright by its EXIF orientation, with
the metadata dropped (a phone's EXIF names the device and where it was); the time taken and
the GPS point are read out first and kept as fields. A ~320 px JPEG thumbnail goes with it.

Nothing here touches the database or the storage: ``photo_prepare`` takes bytes and returns
bytes (projects.photo_services stores them). docs/reference/photos.md.
"""

import hashlib
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal

import pillow_heif
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tuijin.core.errors import InputError

# HEIC is what an iPhone takes by default; browsers other than Safari cannot show it, so it is
# stored as JPEG.
pillow_heif.register_heif_opener()

# Defaults of the settings TUIJIN_PHOTO_MAX_MB and TUIJIN_PHOTOS_PER_REPORT.
DEFAULT_PHOTO_MAX_MB = 10
DEFAULT_PHOTOS_PER_REPORT = 9
# A 50-megapixel phone sensor at full resolution (8160 × 6120) fits; a small file that would
# decode to gigabytes of pixels (a decompression bomb) does not. Checked from the header,
# before any pixel is decoded, instead of changing Pillow's process-wide MAX_IMAGE_PIXELS.
PHOTO_MAX_PIXELS = 60_000_000
# The stored copy's longer side: enough to read a site sign or count storeys on any screen,
# a fifth of a 50-megapixel original's bytes.
STORED_MAX_SIDE = 2560
THUMBNAIL_SIDE = 320
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80
ORIGINAL_NAME_MAX = 120

# Pillow format → (MIME type as detected, format stored, MIME type stored, file extension).
_KINDS = {
    "JPEG": ("image/jpeg", "JPEG", "image/jpeg", "jpg"),
    # Some phones write JPEGs with a second, preview image (MPO); the first one is the photo.
    "MPO": ("image/jpeg", "JPEG", "image/jpeg", "jpg"),
    "PNG": ("image/png", "PNG", "image/png", "png"),
    "WEBP": ("image/webp", "WEBP", "image/webp", "webp"),
    "HEIF": ("image/heic", "JPEG", "image/jpeg", "jpg"),
}
# Only these plugins ever parse an upload: a renamed file of another kind is not opened by
# Pillow's other readers at all.
_OPEN_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")

# EXIF tags (EXIF 2.32 / TIFF 6.0).
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME, _DATETIME_ORIGINAL, _OFFSET_TIME_ORIGINAL = 0x0132, 0x9003, 0x9011
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON, _GPS_DATUM = 1, 2, 3, 4, 18
WGS84 = "WGS-84"
_COORDINATE = Decimal("0.000001")  # about 0.1 m


@dataclass(frozen=True)
class PhotoLimits:
    max_bytes: int
    per_report: int

    @property
    def max_mb(self) -> int:
        return self.max_bytes // (1024 * 1024)


def photo_limits() -> PhotoLimits:
    """The limits in force (settings TUIJIN_PHOTO_MAX_MB, TUIJIN_PHOTOS_PER_REPORT)."""
    return PhotoLimits(
        max_bytes=getattr(settings, "TUIJIN_PHOTO_MAX_MB", DEFAULT_PHOTO_MAX_MB) * 1024 * 1024,
        per_report=getattr(settings, "TUIJIN_PHOTOS_PER_REPORT", DEFAULT_PHOTOS_PER_REPORT))


@dataclass(frozen=True)
class PreparedPhoto:
    """A checked photo, ready to store: the re-encoded image and its thumbnail, and what was
    read from it."""

    original_name: str
    source_type: str
    content_type: str
    extension: str
    image: bytes
    thumbnail: bytes
    width: int
    height: int
    sha256: str
    taken_at: datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    gps_datum: str = ""


def photo_prepare(data: bytes, *, filename: str, max_bytes: int,
                  local_tz: tzinfo) -> PreparedPhoto:
    """Check one uploaded file and turn it into the copy to keep, or raise InputError naming
    the file (``field="photos"``, ``extra["status"]``: 413 too large, 415 not an accepted
    picture, 400 empty or damaged).

    ``local_tz`` is the zone of an EXIF time written without an offset (the camera's clock).
    """
    name = display_name(filename)
    check_photo_size(len(data), filename=name, max_bytes=max_bytes)
    with warnings.catch_warnings():
        # Pillow warns before it refuses a very large image; a warning is a refusal here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image, kind = _open_checked(data, name)
        exif = image.getexif()
        taken_at = exif_taken_at(exif, local_tz=local_tz)
        latitude, longitude, datum = exif_gps(exif)
        if image.format in ("JPEG", "MPO"):
            # Decode at a reduced scale when the stored copy is smaller anyway (libjpeg does
            # it for free): a 50-megapixel JPEG then never sits in memory at full size.
            image.draft(image.mode if image.mode in ("RGB", "L") else "RGB",
                        (STORED_MAX_SIDE, STORED_MAX_SIDE))
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
                Image.DecompressionBombWarning) as exc:
            raise _damaged(name) from exc
    # The pixels as the camera meant them to be seen; exif_transpose drops the orientation tag.
    upright = ImageOps.exif_transpose(image)
    stored = _stored_copy(upright, kind[1])
    thumbnail = _thumbnail(upright)
    return PreparedPhoto(
        original_name=name, source_type=kind[0], content_type=kind[2], extension=kind[3],
        # The colour profile describes the original's mode; a CMYK one would misdescribe RGB.
        image=_encode(stored, kind[1], icc=(image.info.get("icc_profile")
                                            if stored.mode == image.mode else None)),
        thumbnail=_encode(thumbnail, "JPEG", quality=THUMBNAIL_QUALITY),
        width=stored.width, height=stored.height,
        sha256=hashlib.sha256(data).hexdigest(), taken_at=taken_at, latitude=latitude,
        longitude=longitude, gps_datum=datum)


def check_photo_size(size: int, *, filename: str, max_bytes: int) -> None:
    """A photo is not empty and not larger than ``max_bytes``."""
    if size == 0:
        raise InputError(_("%(name)s is empty.") % {"name": filename},
                         hint=_("Choose the photo again."), field="photos",
                         extra={"status": 400})
    if size > max_bytes:
        raise too_large(filename, max_bytes)


def too_large(filename: str, max_bytes: int) -> InputError:
    return InputError(
        _("%(name)s is larger than %(limit)s MB.")
        % {"name": filename, "limit": max_bytes // (1024 * 1024)},
        hint=_("Send a smaller photo: most phones can share a photo at a reduced size."),
        field="photos", extra={"status": 413})


def check_photo_count(*, existing: int, adding: int, per_report: int) -> None:
    """At least one photo is added, and the report holds at most ``per_report``."""
    if adding == 0:
        raise InputError(_("Choose at least one photo."),
                         hint=_("Take a photo, or choose one from the phone's gallery."),
                         field="photos", extra={"status": 400})
    if existing + adding > per_report:
        room = max(per_report - existing, 0)
        raise InputError(
            _("A report holds at most %(limit)s photos; it has %(existing)s.")
            % {"limit": per_report, "existing": existing},
            hint=(_("Add at most %(room)s more, or remove one first.") % {"room": room}
                  if room else _("Remove a photo before adding another.")),
            field="photos", extra={"status": 400})


def display_name(filename: str) -> str:
    """The client's file name, for display only: its last path part, without control or
    format characters, at most ORIGINAL_NAME_MAX characters. It never names a stored file."""
    base = re.split(r"[\\/]", filename or "")[-1]
    clean = "".join(ch for ch in unicodedata.normalize("NFC", base)
                    if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(clean) > ORIGINAL_NAME_MAX:
        # Shorten the stem and keep the extension: "…很长的名字….jpg".
        ext = clean.rpartition(".")[2] if "." in clean else ""
        if ext and len(ext) <= 10:
            clean = clean[:ORIGINAL_NAME_MAX - len(ext) - 2] + "…." + ext
        else:
            clean = clean[:ORIGINAL_NAME_MAX]
    return clean or _("photo")


def exif_taken_at(exif, *, local_tz: tzinfo) -> datetime | None:
    """When the photo was taken (DateTimeOriginal, else DateTime), or None. A time without
    an offset (OffsetTimeOriginal) is read in ``local_tz``."""
    sub = exif.get_ifd(_EXIF_IFD)
    raw = sub.get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(raw, str):
        return None
    try:
        moment = datetime.strptime(raw.strip().rstrip("\x00")[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None  # "0000:00:00 00:00:00" and other blanks some cameras write
    offset = _offset(sub.get(_OFFSET_TIME_ORIGINAL))
    return moment.replace(tzinfo=offset) if offset else moment.replace(tzinfo=local_tz)


def exif_gps(exif) -> tuple[Decimal | None, Decimal | None, str]:
    """(latitude, longitude, datum) in decimal degrees from the EXIF GPS block, or
    (None, None, ""). The datum is the one the camera names, WGS-84 when it names none
    (GPS receivers report WGS-84; DESIGN.md §3, coordinates)."""
    gps = exif.get_ifd(_GPS_IFD)
    try:
        latitude = _degrees(gps[_GPS_LAT], gps.get(_GPS_LAT_REF), "S")
        longitude = _degrees(gps[_GPS_LON], gps.get(_GPS_LON_REF), "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None, ""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None, None, ""
    if latitude == 0 and longitude == 0:
        return None, None, ""  # what a camera without a fix writes
    datum = str(gps.get(_GPS_DATUM) or "").strip().rstrip("\x00").strip()
    if not datum or datum.replace("-", "").replace(" ", "").upper() == "WGS84":
        datum = WGS84
    return latitude, longitude, datum[:16]


# ------------------------------------------------------------------------------ internals


def _open_checked(data: bytes, name: str):
    """Open, verify, then reopen (verify leaves the image unusable): the image and its kind."""
    try:
        # Opening reads the header only. Pillow's own bomb check fires here, before ours,
        # for a picture over its limit (89 megapixels warns, twice that refuses): both are
        # the same refusal as ours, with the size.
        probe = Image.open(io.BytesIO(data), formats=_OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise _too_large(name, int(found.group(1)) if found else 0) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _not_a_photo(name, data) from exc
    if probe.format not in _KINDS:
        raise _not_a_photo(name, data)
    if probe.width * probe.height > PHOTO_MAX_PIXELS:
        raise _too_large(name, probe.width * probe.height)
    try:
        probe.verify()
        image = Image.open(io.BytesIO(data), formats=_OPEN_FORMATS)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise _damaged(name) from exc
    return image, _KINDS[image.format]


def _stored_copy(image, fmt: str):
    if fmt == "JPEG":
        image = image.convert("RGB") if image.mode not in ("RGB", "L") else image
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or image.mode == "P"
                              else "RGB")
    if max(image.size) > STORED_MAX_SIDE:
        image = image.copy()
        image.thumbnail((STORED_MAX_SIDE, STORED_MAX_SIDE), Image.Resampling.LANCZOS)
    return image


def _thumbnail(image):
    thumb = image.copy()
    thumb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), Image.Resampling.LANCZOS)
    if thumb.mode in ("RGBA", "LA", "P"):
        rgba = thumb.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return thumb.convert("RGB") if thumb.mode != "RGB" else thumb


def _encode(image, fmt: str, *, quality: int = JPEG_QUALITY, icc: bytes | None = None) -> bytes:
    """The pixels alone: no EXIF, XMP or comments (only the colour profile, which is not
    about anyone)."""
    out = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=quality, optimize=True, progressive=True, **options)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True, **options)
    else:
        image.save(out, "WEBP", quality=quality, **options)
    return out.getvalue()


def _degrees(dms, ref, negative: str) -> Decimal:
    if isinstance(dms, list | tuple):
        parts = [Decimal(str(float(x))) for x in dms] + [Decimal(0)] * 2
        value = parts[0] + parts[1] / 60 + parts[2] / 3600
    else:
        value = Decimal(str(float(dms)))
    ref = (ref or "").strip().rstrip("\x00").upper()
    if ref == negative:
        value = -value
    return value.quantize(_COORDINATE, rounding=ROUND_HALF_UP)


def _offset(raw) -> timezone | None:
    match = re.fullmatch(r"\s*([+-])(\d{2}):(\d{2})\s*\x00?", raw or "") if isinstance(
        raw, str) else None
    if not match:
        return None
    sign = -1 if match.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))


# What a file that is not a picture at all most often is, to say so in the message.
_SIGNATURES = (
    (b"MZ", "program"), (b"\x7fELF", "program"), (b"\xcf\xfa\xed\xfe", "program"),
    (b"\xca\xfe\xba\xbe", "program"), (b"#!", "program"), (b"%PDF", "pdf"),
    (b"PK\x03\x04", "archive"), (b"Rar!", "archive"), (b"7z\xbc\xaf", "archive"),
    (b"GIF8", "gif"), (b"BM", "bmp"), (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"),
)


def _not_a_photo(name: str, data: bytes) -> InputError:
    kind = next((k for magic, k in _SIGNATURES if data.startswith(magic)), "")
    what = {
        "program": _("%(name)s is a program, not a photo."),
        "pdf": _("%(name)s is a PDF document, not a photo."),
        "archive": _("%(name)s is a compressed archive, not a photo."),
        "gif": _("%(name)s is a GIF image; photos are accepted as JPEG, PNG, WebP or HEIC."),
        "bmp": _("%(name)s is a BMP image; photos are accepted as JPEG, PNG, WebP or HEIC."),
        "tiff": _("%(name)s is a TIFF image; photos are accepted as JPEG, PNG, WebP or HEIC."),
    }.get(kind, _("%(name)s is not a JPEG, PNG, WebP or HEIC photo."))
    return InputError(what % {"name": name},
                      hint=_("Take the photo with the phone's camera, or send it as JPEG."),
                      field="photos", extra={"status": 415})


def _too_large(name: str, pixels: int) -> InputError:
    return InputError(
        _("%(name)s has %(pixels)s megapixels; at most %(limit)s are accepted.")
        % {"name": name, "pixels": pixels // 1_000_000, "limit": PHOTO_MAX_PIXELS // 1_000_000},
        hint=_("Send the photo at a smaller size."), field="photos", extra={"status": 413})


def _damaged(name: str) -> InputError:
    return InputError(_("%(name)s could not be read: the picture is damaged or incomplete.")
                      % {"name": name},
                      hint=_("Send the photo again, as JPEG if it keeps failing."),
                      field="photos", extra={"status": 400})
