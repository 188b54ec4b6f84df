"""Phone numbers of contact people, as a district office dials them.

A mainland mobile number has 11 digits and starts with 1 (13x–19x). A landline is an area
code starting with 0 (3 digits for 010 Beijing and the 02x cities, else 4, such as 0371 for
Zhengzhou and Kaifeng) and a 7- or 8-digit local number. Users type them with spaces,
hyphens, brackets, full-width digits or a +86 prefix; one form is stored, so a list of late
owners shows numbers that look alike and can be searched.
"""

import re
import unicodedata

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{9,11}")
SEPARATORS = re.compile(r"[\s\-()（）—－]")


def parse_phone(text: str) -> str:
    """The phone number in its stored form: ``13812345678`` or ``0371-23456789``; empty
    input stays empty. Raises InputError with a hint for anything else."""
    compact = SEPARATORS.sub("", unicodedata.normalize("NFKC", text or ""))
    if not compact:
        return ""
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            compact = compact[len(prefix):]
            break
    if MOBILE.fullmatch(compact):
        return compact
    if LANDLINE.fullmatch(compact):
        area = 3 if compact[1] in "12" else 4
        local = compact[area:]
        if len(local) in (7, 8):
            return f"{compact[:area]}-{local}"
    raise InputError(
        _("“%(value)s” is not a phone number.") % {"value": text},
        hint=_("Write an 11-digit mobile number such as 13812345678, or a landline with its "
               "area code such as 0371-23456789."),
        field="phone", value=text,
    )
