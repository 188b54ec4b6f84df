import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """The demo draws evidence photos (demo/map.py): into the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
