"""Real pictures made with Pillow for the photo tests, named for what they carry."""

import io

from PIL import Image

ORIENTATION, MAKE = 0x0112, 0x010F
EXIF_IFD, GPS_IFD, DATETIME_ORIGINAL, OFFSET_TIME_ORIGINAL = 0x8769, 0x8825, 0x9003, 0x9011
# A 开封 building site: 34°47'52.8" N, 114°18'25.2" E = 34.798, 114.307.
KAIFENG_GPS = {1: "N", 2: (34.0, 47.0, 52.8), 3: "E", 4: (114.0, 18.0, 25.2), 18: "WGS-84"}


def picture(size=(40, 20)) -> Image.Image:
    """Left half red, right half blue, so a rotation shows."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image


def exif_bytes(*, orientation=None, gps=None, taken=None, offset=None, make="HUAWEI") -> bytes:
    exif = Image.Exif()
    exif[MAKE] = make
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif.get_ifd(GPS_IFD).update(gps)
    if taken:
        exif.get_ifd(EXIF_IFD)[DATETIME_ORIGINAL] = taken
    if offset:
        exif.get_ifd(EXIF_IFD)[OFFSET_TIME_ORIGINAL] = offset
    return exif.tobytes()


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def jpeg(size=(40, 20), **exif) -> bytes:
    return encoded(picture(size), "JPEG", exif=exif_bytes(**exif), quality=95)


def png(size=(40, 20), alpha=False) -> bytes:
    image = picture(size).convert("RGBA") if alpha else picture(size)
    return encoded(image, "PNG")


def webp(size=(40, 20)) -> bytes:
    return encoded(picture(size), "WEBP", quality=95)


def heic(size=(40, 20)) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return encoded(picture(size), "HEIF")


def gif(size=(40, 20)) -> bytes:
    return encoded(picture(size), "GIF")


# The first bytes of a Windows program and of a Linux one, renamed .jpg.
WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
LINUX_PROGRAM = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200


def stored(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def site_scene(seed: int, size=(800, 600)) -> Image.Image:
    """A picture with structure (blocks and bars of many shades), different for each seed:
    flat test cards would all hash alike."""
    import random

    from PIL import ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGB", size, tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randrange(20, size[0] // 2), rng.randrange(20, size[1] // 2)
        shape = draw.rectangle if rng.random() < 0.6 else draw.ellipse
        shape((x, y, x + w, y + h), fill=tuple(rng.randrange(256) for _ in range(3)))
    return image


def gps_of(lng: float, lat: float) -> dict:
    """An EXIF GPS block (WGS-84) for a point given in decimal degrees."""

    def dms(value: float) -> tuple:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
        return (float(degrees), float(minutes), seconds)

    return {1: "N", 2: dms(lat), 3: "E", 4: dms(lng), 18: "WGS-84"}


def scene_jpeg(seed: int, *, size=(800, 600), quality=92, **exif) -> bytes:
    return encoded(site_scene(seed, size), "JPEG", exif=exif_bytes(**exif), quality=quality)


def copy_of(data: bytes, *, scale: float = 0.6, quality: int = 70) -> bytes:
    """The same photo resized and re-encoded, its EXIF gone: what a reused picture looks like
    after a messaging app passed it on."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image = image.resize((int(image.width * scale), int(image.height * scale)))
    return encoded(image, "JPEG", quality=quality)
