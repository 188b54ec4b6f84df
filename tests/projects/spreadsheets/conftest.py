import pytest
from django.utils import translation

from tests.projects.spreadsheets import builders


@pytest.fixture(autouse=True)
def _english_messages():
    """Assertions read the English source messages, whatever the default language."""
    with translation.override("en"):
        yield


@pytest.fixture
def progress_file(tmp_path):
    return builders.merged_title_two_header_rows(tmp_path / "merged_title_two_header_rows.xlsx")
