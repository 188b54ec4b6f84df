"""core/phones.py: the contact phone numbers owners and districts type, in one stored form."""

import pytest

from tuijin.core.errors import InputError
from tuijin.core.phones import parse_phone


@pytest.mark.parametrize(("typed", "stored"), [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("+86 138-1234-5678", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),  # full-width digits from a Chinese IME
    ("0371-23456789", "0371-23456789"),
    ("(0371) 2345678", "0371-2345678"),
    ("010 12345678", "010-12345678"),
    ("", ""),
    ("  ", ""),
])
def test_a_phone_number_is_stored_in_one_form(typed, stored):
    assert parse_phone(typed) == stored


@pytest.mark.parametrize("typed", ["12345", "1381234567", "23812345678", "0371-123", "电话"])
def test_anything_else_is_refused_with_a_hint(typed):
    with pytest.raises(InputError) as caught:
        parse_phone(typed)
    assert caught.value.field == "phone"
    assert "13812345678" in caught.value.hint and "0371-23456789" in caught.value.hint
