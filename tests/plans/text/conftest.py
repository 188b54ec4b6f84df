import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """Assert on the English source messages, whatever the zh_Hans catalogue says."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
