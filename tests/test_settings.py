"""Production settings are hardened and refuse to start without what they need."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "tuijin.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "tuijin.example.gov.cn",
    "DATABASE_URL": "sqlite:////tmp/tuijin-deploy-check.sqlite3",
}


def run_manage(*args, env):
    # The browser tests allow async-unsafe ORM calls in this process; production must not.
    dropped = {*GOOD_ENV, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env={**clean, **env},
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )


@pytest.fixture
def collected(tmp_path):
    """A STATIC_ROOT as collectstatic leaves it, as far as the checks look: with its manifest
    (collecting for real takes half a minute and 130 MB)."""
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1", "hash": ""}')
    return {"STATIC_ROOT": str(tmp_path)}


def test_check_deploy_is_clean_in_production(collected):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        env={**GOOD_ENV, **collected})
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_until_collectstatic_has_run(tmp_path):
    # Without the manifest every page answers 500 (issue 11); Django's own checks are silent.
    result = run_manage("check", "--deploy", env={**GOOD_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode != 0
    assert "tuijin.E001" in result.stderr and "collectstatic" in result.stderr


def run_wsgi(env, code="import tuijin.wsgi"):
    """Load the WSGI application as gunicorn does, in a fresh process."""
    dropped = {*GOOD_ENV, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "STATIC_ROOT"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run([sys.executable, "-c", code], env={**clean, **env},
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_wsgi_without_a_settings_module_is_production_and_refuses_to_start_bare():
    # gunicorn tuijin.wsgi with no environment ran with DEBUG on and the development key.
    result = run_wsgi({})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_wsgi_without_a_settings_module_serves_production_settings(collected):
    env = {k: v for k, v in GOOD_ENV.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = run_wsgi({**env, **collected}, "import tuijin.wsgi\n"
                      "from django.conf import settings\n"
                      "print(settings.SETTINGS_MODULE, settings.DEBUG)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["tuijin.settings.production", "False"]


def test_a_production_worker_refuses_to_start_without_the_static_manifest(tmp_path):
    result = run_wsgi({**GOOD_ENV, "STATIC_ROOT": str(tmp_path)})
    assert result.returncode != 0
    assert "collectstatic" in result.stderr


def test_runserver_keeps_the_development_settings():
    # make run: the tuijin command sets the development settings before runserver loads the
    # application, so the production default of tuijin.wsgi does not apply.
    code = ("import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'tuijin.settings')\n"
            "import django; django.setup()\n"
            "from django.core.servers.basehttp import get_internal_wsgi_application\n"
            "from django.conf import settings\n"
            "get_internal_wsgi_application()\n"
            "print(settings.SETTINGS_MODULE, settings.DEBUG)")
    result = run_wsgi({}, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["tuijin.settings", "True"]


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in GOOD_ENV.items() if k != missing}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_the_development_secret_key():
    result = run_manage("check", env={**GOOD_ENV, "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
