"""The national investment project code (项目代码), DESIGN.md §4.

24 characters: YYYY-AAAAAA-II-TT-NNNNNN (year of issue, GB/T 2260 division that issued it,
industry code, project type, serial number).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError
from tuijin.core.text import to_halfwidth

PROJECT_CODE_RE = re.compile(
    r"^(?P<year>\d{4})-(?P<division>\d{6})-(?P<industry>\d{2})-(?P<type>\d{2})-(?P<serial>\d{6})$"
)
# Province-level prefixes of GB/T 2260 (incl. Taiwan, Hong Kong and Macao).
PROVINCE_PREFIXES = frozenset(
    {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34",
        "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52",
        "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
    }
)
FORMAT_HINT = "YYYY-AAAAAA-II-TT-NNNNNN, e.g. 2023-410200-30-03-012345"


@dataclass(frozen=True)
class ProjectCode:
    year: int
    division: str
    industry: str
    type: str
    serial: str

    def __str__(self) -> str:
        return f"{self.year}-{self.division}-{self.industry}-{self.type}-{self.serial}"


def parse_project_code(raw: str) -> ProjectCode:
    """Check the shape and the division of a project code; raise InputError saying what is off."""
    text = to_halfwidth(str(raw)).strip().replace("—", "-").replace("－", "-")
    match = PROJECT_CODE_RE.match(text)
    if not match:
        raise InputError(
            _("%(value)s is not a national project code.") % {"value": raw},
            hint=_("A project code has 24 characters: %(format)s.") % {"format": FORMAT_HINT},
            value=raw,
        )
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        raise InputError(
            _("Project code %(value)s has an impossible year %(year)s.")
            % {"value": raw, "year": year},
            hint=_("The first four digits are the year the code was issued."),
            value=raw,
        )
    division = match["division"]
    if division[:2] not in PROVINCE_PREFIXES:
        raise InputError(
            _("Project code %(value)s names division %(division)s, which does not exist.")
            % {"value": raw, "division": division},
            hint=_("Digits 6–11 are the GB/T 2260 code of the issuing division, e.g. 410200."),
            value=raw,
        )
    return ProjectCode(year, division, match["industry"], match["type"], match["serial"])


def division_is_within(code: str, region: str) -> bool:
    """True when GB/T 2260 ``code`` is ``region``, lies below it, or is a division above it.

    Codes are hierarchical by prefix: 410202 is in 410200, which is in 410000. A project in a
    city's plan may carry a code issued by the city, one of its districts, or the province.
    """
    if region.endswith("0000"):
        significant = region[:2]
    elif region.endswith("00"):
        significant = region[:4]
    else:
        significant = region
    if code.startswith(significant):
        return True
    return code in (region[:2] + "0000", region[:4] + "00")
