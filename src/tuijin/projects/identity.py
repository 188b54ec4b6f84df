"""What tells one project from another (issue 9): tuijin's own number (系统编号, the primary
key), the national project code, and otherwise its name within its district.

A project without a code is known to people, and to their spreadsheets, by its name and
district alone. Two projects of the same name in the same district where either has no code
cannot be told apart by a sheet without the 系统编号 column: an import would compute one
project's figures against the other. So such twins are refused when a project is created or
renamed, by the form, the admin (both through ``Project.clean``) and the import, all through
``find_twin``. Two projects that both have a code may share a name: the code tells them apart.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

# The header of the column that carries a project's 系统编号 in every export.
SYSTEM_NUMBER = "系统编号"


class ProjectKey(NamedTuple):
    """A project as identity rules see it. ``id`` is None for a project not yet saved."""

    id: int | None
    name: str
    district_id: int | None
    code: str | None


def are_twins(a: ProjectKey, b: ProjectKey) -> bool:
    """Two different projects that a sheet without the 系统编号 could not tell apart."""
    if a.id is not None and a.id == b.id:
        return False
    return (a.name == b.name and a.district_id == b.district_id
            and not (a.code and b.code))


def find_twin(project: ProjectKey, others: Iterable[ProjectKey]) -> ProjectKey | None:
    """The first of ``others`` that ``project`` would be a twin of, or None."""
    return next((other for other in others if are_twins(project, other)), None)


def describe(project: ProjectKey) -> str:
    """A project as a message names it: 系统编号 12, with its code when it has one."""
    if project.id is None:
        return project.name
    if project.code:
        return _("%(name)s (系统编号 %(number)s, project code %(code)s)") % {
            "name": project.name, "number": project.id, "code": project.code}
    return _("%(name)s (系统编号 %(number)s, no project code)") % {
        "name": project.name, "number": project.id}


def twin_error(*, other: ProjectKey, district: object, field: str = "name") -> InputError:
    """The refusal of a twin, naming the project it would be confused with."""
    return InputError(
        _("%(district)s already has a project of this name: %(other)s. Two projects of the same "
          "name in a district must each have a project code.")
        % {"district": district, "other": describe(other)},
        hint=_("Give the name a distinguishing part, such as （二期）, or give both projects "
               "their project codes."),
        field=field, value=other.name,
    )
