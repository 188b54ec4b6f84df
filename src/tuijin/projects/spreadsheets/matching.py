"""Which project a spreadsheet row is about (issue 9), for the library and the reports import.

A row is matched by tuijin's own 系统编号 first (every export carries it), then by the national
project code, then by its name within its district (or by its name alone when the sheet has
no district column and the name is unique). When the name and district are all a row gives and
two projects share them (twins from before projects.identity refused them), the row is not
computed against either: the error names both candidates and every row of the sheet that
names them, and says which column would tell them apart.

One ProjectMatcher is built per import, from the projects that import may match, with a few
dictionaries: matching a 30,000-row sheet costs a few lookups per row.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from tuijin.accounts.scopes import Scope
from tuijin.core.errors import InputError
from tuijin.projects.identity import ProjectKey, describe, find_twin, twin_error

NUMBER_FIELD = "project_id"


class ProjectMatcher:
    """Matches rows (``.number``, ``.values`` by field) to projects (anything with ``id``,
    ``code``, ``name`` and ``district_id``). Each project may be matched by one row only.

    ``columns`` are the sheet's columns by field (for the column an error names); ``rows`` the
    data rows, read once when twins exist so that their errors name all the rows concerned;
    ``scope`` refuses a match outside it (the library import matches against the whole plan,
    so that a code is never used twice, and refuses the rows it may not change; a command
    that acts for the whole city passes ``Scope.city_wide_for_system()``).
    """

    def __init__(self, projects: Iterable, *, rows: list, columns: dict, scope: Scope):
        self.columns = columns
        self.scope = scope
        self.by_id = {}
        self.by_code = {}
        self.by_key = {}  # (name, district id): a project of that name there
        self.twins: dict[tuple, list] = {}  # (name, district id): all of them, when several
        by_id, by_code, by_key = self.by_id, self.by_code, self.by_key
        for p in projects:
            by_id[p.id] = p
            if p.code:
                by_code[p.code] = p
            key = (p.name, p.district_id)
            first = by_key.setdefault(key, p)
            if first is not p:
                self.twins.setdefault(key, [first]).append(p)
        self.by_name: dict[str, list] | None = None  # built when a row needs it
        self.seen: dict[int, int] = {}  # project id: the row that matched it
        # The rows that name twins without telling them apart, by (name, district id).
        self.twin_rows: dict[tuple, list[int]] = {}
        if self.twins:
            for row in rows:
                values = row.values
                key = self._key(values)
                if key in self.twins and values.get(NUMBER_FIELD) is None \
                        and values.get("code") not in by_code:
                    self.twin_rows.setdefault(key, []).append(row.number)

    @staticmethod
    def _key(values: dict) -> tuple | None:
        district = values.get("district")
        name = values.get("name")
        return (name, district.id) if name and district is not None else None

    def _column(self, *fields: str) -> str:
        for key in fields:
            if key in self.columns:
                return self.columns[key].header
        return ""

    def find(self, row):
        """The project the row is about, or None when it names no project of the plan (a new
        one, for the library). Raises InputError (with its column and value) when the row
        names a project ambiguously, one outside the scope, a 系统编号 of no project, or a
        project another row has already matched."""
        values = row.values
        number = values.get(NUMBER_FIELD)
        code = values.get("code")
        if number is not None:
            project = self.by_id.get(number)
            if project is None:
                raise InputError(
                    _("No project of this plan has the 系统编号 %(number)s.") % {"number": number},
                    hint=_("Keep the 系统编号 as tuijin exported it, or clear the cell to match "
                           "the row by its project code or name."),
                    column=self._column(NUMBER_FIELD), value=number)
            other = self.by_code.get(code) if code else None
            if other is not None and other is not project:
                raise InputError(
                    _("The 系统编号 %(number)s is %(project)s, but the project code %(code)s is "
                      "%(other)s.") % {"number": number, "project": describe(_as_key(project)),
                                      "code": code, "other": describe(_as_key(other))},
                    hint=_("Correct the 系统编号 or the project code, so that both name the same "
                           "project."),
                    column=self._column("code"), value=code)
        else:
            project = self.by_code.get(code) if code else None
            if project is None:
                project = self._by_name(values, code=code)
        if project is None:
            return None
        if not self.scope.covers(district_id=project.district_id, owner_id=project.owner_id):
            raise InputError(
                _("This row names %(project)s, a project of another district.")
                % {"project": describe(_as_key(project))},
                hint=_("Remove the row, or correct its 系统编号 or project code."),
                column=self._column(NUMBER_FIELD, "code", "name"), value=number or code)
        first = self.seen.get(project.id)
        if first is not None:
            raise InputError(
                _("This row and row %(first)s are the same project, %(project)s.")
                % {"first": first, "project": describe(_as_key(project))},
                hint=_("Each project appears once; remove the duplicate."),
                column=self._column("name", "code", NUMBER_FIELD),
                value=values.get("name") or code or number)
        self.seen[project.id] = row.number
        return project

    def existing(self, row):
        """The project of the plan the row is about (the reports import). Returns None when
        the row names nothing to match, or when its district cell is already in error; raises
        InputError as ``find`` does, and when no project matches."""
        values = row.values
        number, code, name = values.get(NUMBER_FIELD), values.get("code"), values.get("name")
        if number is None and not code and not name:
            if any(key in values for key in (NUMBER_FIELD, "code", "name")):
                raise InputError(_("The row names no project."),
                                 hint=_("Write the project's name or project code."),
                                 column=self._column("name", "code", NUMBER_FIELD))
            return None
        if number is None and "district" in self.columns and "district" not in values \
                and row.raw.get("district") not in ("", None):
            return None  # the district cell's error is already recorded
        project = self.find(row)
        if project is None:
            raise InputError(
                _("No project %(project)s in this plan.") % {"project": code or name},
                hint=_("Import the project library first, or correct the name or code."),
                column=self._column("code" if code else "name"), value=code or name)
        return project

    def _by_name(self, values: dict, *, code: str | None):
        """By name and district; a row whose code matched nothing may still name a project
        that has no code yet (the library import then gives it the code)."""
        name = values.get("name")
        if not name:
            return None
        district = values.get("district")
        if district is None:
            return self._by_name_alone(name, code=code)
        key = (name, district.id)
        twins = self.twins.get(key)
        if twins is None:
            project = self.by_key.get(key)
            if project is not None and code and project.code:
                return None  # another project of the same name, with its own code
            return project
        candidates = [p for p in twins if not p.code] if code else twins
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        rows = self.twin_rows.get(key, [])
        raise InputError(
            _("%(district)s has %(count)s projects called %(name)s, and this row does not say "
              "which: %(candidates)s. Rows naming it: %(rows)s.")
            % {"district": district, "count": len(candidates), "name": name,
               "candidates": "; ".join(describe(_as_key(p)) for p in candidates),
               "rows": ", ".join(map(str, rows))},
            hint=_("Add the 系统编号 column (export the project library to get it), or write "
                   "each project's code."),
            column=self._column("name"), value=name)

    def _by_name_alone(self, name: str, *, code: str | None):
        if self.by_name is None:
            self.by_name = {}
            for p in self.by_id.values():
                self.by_name.setdefault(p.name, []).append(p)
        candidates = self.by_name.get(name, [])
        if code:
            candidates = [p for p in candidates if not p.code]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        raise InputError(
            _("Several projects are called %(name)s: %(candidates)s.")
            % {"name": name, "candidates": "; ".join(describe(_as_key(p)) for p in candidates)},
            hint=_("Add a 系统编号, 县区 or 项目代码 column to tell them apart."),
            column=self._column("name"), value=name)


    def twins_among(self, planned: list[tuple]) -> list[tuple[int, InputError]]:
        """The twins (projects.identity) an import would make. ``planned`` holds, for each row
        that creates a project or changes a project's name or district, (its row number, the
        ProjectKey as the import would leave it, its district); the projects the sheet does
        not move keep their names. Returns (row number, error) for each row that would make
        a twin."""
        moved = {key.id for _number, key, _district in planned if key.id is not None}
        at: dict[tuple, list[tuple[int, ProjectKey]]] = {}
        for number, key, _district in planned:
            at.setdefault((key.name, key.district_id), []).append((number, key))
        found = []
        for number, key, district in planned:
            where = (key.name, key.district_id)
            there = self.twins.get(where) or ([self.by_key[where]] if where in self.by_key else [])
            if not there and len(at[where]) == 1:
                continue  # the usual new project: alone in its name and district
            others = [_as_key(p) for p in there if p.id not in moved]
            twin = find_twin(key, others)
            if twin is not None:
                found.append((number, twin_error(other=twin, district=district)))
                continue
            rows = [n for n, other in at[where] if n != number and find_twin(key, [other])]
            if rows:
                found.append((number, InputError(
                    _("%(name)s in %(district)s appears again; row %(first)s has it too.")
                    % {"name": key.name, "district": district, "first": rows[0]},
                    hint=_("Each project appears once; remove the duplicate or give each its "
                           "project code."), value=key.name)))
        return found


def _as_key(project) -> ProjectKey:
    return ProjectKey(project.id, project.name, project.district_id, project.code)

