"""settings/storage.py: TUIJIN_STORAGE switches Django's default storage between the local
disk and an S3-compatible store. No test talks to a real S3: the backend is only built."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.module_loading import import_string
from storages.backends.s3 import S3Storage

from tuijin.settings.storage import default_storage_config

ROOT = Path(__file__).resolve().parents[2]
S3_ENV = {"TUIJIN_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "tuijin-photos",
          "AWS_S3_ENDPOINT_URL": "https://oss-cn-zhengzhou.example.com",
          "AWS_S3_REGION_NAME": "cn-zhengzhou", "AWS_ACCESS_KEY_ID": "key-id",
          "AWS_SECRET_ACCESS_KEY": "not-a-real-secret"}


def build(config):
    return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))


def test_the_default_is_the_local_disk(monkeypatch):
    monkeypatch.delenv("TUIJIN_STORAGE", raising=False)
    assert isinstance(build(default_storage_config()), FileSystemStorage)


def test_s3_builds_a_private_s3_storage_from_the_aws_variables(monkeypatch):
    for name, value in S3_ENV.items():
        monkeypatch.setenv(name, value)
    storage = build(default_storage_config())
    assert isinstance(storage, S3Storage)
    assert storage.bucket_name == "tuijin-photos"
    assert storage.endpoint_url == "https://oss-cn-zhengzhou.example.com"
    assert storage.region_name == "cn-zhengzhou"
    assert storage.default_acl == "private" and storage.querystring_auth
    assert storage.file_overwrite is False


def test_s3_without_a_bucket_refuses_to_start_naming_the_variable(monkeypatch):
    monkeypatch.setenv("TUIJIN_STORAGE", "s3")
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        default_storage_config()


def test_an_unknown_storage_is_refused(monkeypatch):
    monkeypatch.setenv("TUIJIN_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="TUIJIN_STORAGE='ftp'"):
        default_storage_config()


def test_the_settings_switch_the_default_storage():
    env = {**{k: v for k, v in os.environ.items() if k not in S3_ENV}, **S3_ENV,
           "DJANGO_SETTINGS_MODULE": "tuijin.settings"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-v", "0", "-c",
         "from django.core.files.storage import storages; s = storages['default']; "
         "print(type(s).__name__, s.bucket_name)"],
        env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.stdout.split() == ["S3Storage", "tuijin-photos"], result.stderr
