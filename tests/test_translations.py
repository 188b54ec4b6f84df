"""Chinese first: every message the interface can show has a zh_Hans translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "tuijin"
PO = SRC / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """Extract today's messages from a copy of the source, merged with the committed catalogue."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: `make test` installs it (apt-get install gettext)")
    copy = tmp_path_factory.mktemp("src") / "tuijin"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete",
         "--no-location", "-v", "0", "--settings", "tuijin.settings"],
        cwd=copy, check=True, capture_output=True,
    )
    return copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def untranslated(po: Path, flag: str) -> str:
    return subprocess.run(
        ["msgattrib", flag, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True, text=True, check=True,
    ).stdout


def test_catalogue_is_committed():
    assert PO.exists()


def test_every_message_has_a_chinese_translation(fresh_catalogue):
    missing = untranslated(fresh_catalogue, "--untranslated")
    assert "msgid" not in missing.replace('msgid ""\nmsgstr ""', "", 1), (
        "Messages without a zh_Hans translation (run `make messages-update` and translate):\n"
        + missing[:4000]
    )


def test_no_translation_is_a_fuzzy_guess(fresh_catalogue):
    fuzzy = untranslated(fresh_catalogue, "--only-fuzzy")
    assert "msgid" not in fuzzy, "Fuzzy (unchecked) translations:\n" + fuzzy[:4000]
