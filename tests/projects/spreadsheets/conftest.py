import pytest

from tests.projects.spreadsheets import builders


@pytest.fixture
def progress_file(tmp_path):
    return builders.merged_title_two_header_rows(tmp_path / "merged_title_two_header_rows.xlsx")
