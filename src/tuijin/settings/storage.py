"""Where uploaded files (report photos) are kept: Django's default storage, chosen by
TUIJIN_STORAGE. docs/reference/photos.md lists the variables.

- ``local`` (default): files under MEDIA_ROOT on this machine's disk.
- ``s3``: an S3-compatible object store (AWS S3, MinIO, Aliyun OSS, Tencent COS, Huawei OBS)
  through django-storages, for more than one app server (DESIGN.md §5, storage).

Either way the files are private: tuijin serves them only through a view that checks the
reader may see the project, never from MEDIA_URL or a public bucket URL.
"""

from django.core.exceptions import ImproperlyConfigured

from tuijin.core.env import env_bool, env_str

LOCAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def default_storage_config() -> dict:
    """STORAGES["default"] as the environment asks for it."""
    kind = (env_str("TUIJIN_STORAGE", "local") or "local").strip().lower()
    if kind == "local":
        return {"BACKEND": LOCAL}
    if kind != "s3":
        raise ImproperlyConfigured(
            f"TUIJIN_STORAGE={kind!r} is not a storage tuijin knows; use local or s3.")
    options = {
        "bucket_name": env_str("AWS_STORAGE_BUCKET_NAME", required=True),
        "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
        "region_name": env_str("AWS_S3_REGION_NAME"),
        "access_key": env_str("AWS_ACCESS_KEY_ID"),
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
        "location": env_str("AWS_LOCATION", ""),
        "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE"),
        # Private objects, never overwritten (names are random), read through tuijin only.
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "use_ssl": env_bool("AWS_S3_USE_SSL", True),
    }
    return {"BACKEND": S3, "OPTIONS": {k: v for k, v in options.items() if v is not None}}
