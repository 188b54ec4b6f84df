"""The project library import's rows (issue 3, issue 9): each row matched to a project of the
plan or planned as a new one, its owner found in its district or created there, and the
whole library written in one pass with history (projects/bulk.py)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import Scope, acting_user
from tuijin.core.errors import InputError
from tuijin.core.models import Division, Organisation
from tuijin.projects.bulk import insert, insert_with_history, update_with_history
from tuijin.projects.identity import ProjectKey
from tuijin.projects.locations import check_point, parse_datum, region_extent
from tuijin.projects.models import Project
from tuijin.projects.spreadsheets.layout import (
    AMOUNT_FIELDS,
    DATE_FIELDS,
    FIELD_NAMES,
    Layout,
    cell_text,
)
from tuijin.projects.spreadsheets.matching import NUMBER_FIELD, ProjectMatcher
from tuijin.projects.spreadsheets.results import ImportResult, RowChange, display
from tuijin.projects.spreadsheets.rows import Row, RowReader

PROJECT_FIELDS = (
    "code", "name", "domain", "district", "owner", "is_industrial", "nature", "description",
    "total_investment_wan", "annual_plan_wan", *DATE_FIELDS,
    "longitude", "latitude", "location_datum",
)
POINT_FIELDS = ("longitude", "latitude", "location_datum")
_EXISTING_FIELDS = [f.attname for f in Project._meta.concrete_fields]


class _Existing:
    """A project already in the plan, as plain values: 30,000 model instances would take a
    second and a half to build, and an import needs only their values."""

    def __init__(self, values: dict):
        self.__dict__.update(values)

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class LibraryWrites:
    """What a library import writes, once every row is read and checked."""

    # New projects as lists of values in NEW_PROJECT_COLUMNS order, written by
    # projects.bulk.insert_with_history.
    new: list[list] = field(default_factory=list)
    changed: list[_Existing] = field(default_factory=list)
    fields: set[str] = field(default_factory=set)
    # Owners to create, keyed by (name, district id), with the projects waiting for them.
    owners: dict[tuple[str, int], list[_Existing | list]] = field(default_factory=dict)


def plan_projects(plan, rows: list[Row], layout: Layout, reader: RowReader, result: ImportResult,
                   scope: Scope) -> LibraryWrites:
    """Match each row to a project of the plan (matching.py) and compare, or plan a new
    project; refuse, in ``result.errors`` with the row and column, an empty name, district,
    domain or amount, a code or name and district given twice, a row outside the scope and a
    row that would make twins (projects.identity). Reads the plan's projects; writes nothing."""
    existing = [_Existing(values) for values in
                Project.objects.filter(plan=plan).values(*_EXISTING_FIELDS)]
    # The whole plan, so that a code or a name is never taken twice; the matcher refuses the
    # rows of projects outside the scope.
    matcher = ProjectMatcher(existing, rows=rows, columns=layout.columns, scope=scope)
    organisations = list(Organisation.objects.all())
    owner_names = {o.pk: o.name for o in organisations}
    # An owner is found within the row's district only, or created there (issue 11): a name
    # alone would hand a district's project to another district's company of that name.
    owners = {(o.name, o.division_id): o for o in organisations}
    names = {("domain", d.pk): d.name for d in reader.domains.values()}
    names.update({("district", d.pk): d.name for d in reader.districts.values()})
    seen_code: dict[str, int] = {}
    seen_name: dict[tuple[str, int], int] = {}
    # The rows that create a project or move one to another name or district, as
    # projects.identity sees them: checked for twins once all rows are read.
    renamed: list[tuple[int, ProjectKey, Division]] = []
    out = LibraryWrites()
    plan_id = plan.pk
    columns = layout.columns
    present = [k for k in PROJECT_FIELDS if k in columns or k == "domain"
               or (k == "location_datum" and "longitude" in columns)]
    region_box = region_extent(plan.region.code)
    dates = _AdaptedDates()
    for row in rows:
        v = row.values
        number = row.number
        if not v.get("name"):
            if "name" not in v or v.get("name") == "":
                reader.error(InputError(_("The project name is empty."),
                                        hint=_("Every project needs a name.")),
                             row=number, column=columns["name"], value="")
            continue
        district = v.get("district")
        if district is None:
            if not row.raw.get("district"):
                reader.error(InputError(_("The district is empty."),
                                        hint=_("Write the project's district, such as 龙亭区.")),
                             row=number, column=columns["district"], value="")
            continue
        if v.get("domain") is None:
            if "domain" not in columns or not cell_text(row.raw.get("domain")):
                reader.error(InputError(
                    _("The project's domain is unknown."),
                    hint=_("Add a 领域 column, or section rows such as 「一、先进制造业」 above "
                           "the domain's projects.")), row=number,
                    column=columns.get("domain"), value="")
            continue
        for key in ("total_investment_wan", "annual_plan_wan"):
            if key in v and v[key] is None and not cell_text(row.raw.get(key)):
                reader.error(InputError(_("The amount is empty."),
                                        hint=_("Write 0 if there is none.")),
                             row=number, column=columns[key], value="")
        if ("longitude" in columns or "latitude" in columns) and not _point_checked(
                v, number, columns, reader, plan=plan, region_box=region_box):
            continue
        code = v.get("code")
        if code:
            if code in seen_code:
                reader.error(InputError(
                    _("Project code %(code)s appears again; row %(first)s has it too.")
                    % {"code": code, "first": seen_code[code]},
                    hint=_("Each project appears once; remove or correct the duplicate.")),
                    row=number, column=columns["code"], value=code)
                continue
            seen_code[code] = number
        district_id = district.id  # .id: the .pk property costs a call per row
        name_key = (v["name"], district_id)
        if not code and v.get(NUMBER_FIELD) is None:
            if name_key in seen_name:
                reader.error(InputError(
                    _("%(name)s in %(district)s appears again; row %(first)s has it too.")
                    % {"name": v["name"], "district": district, "first": seen_name[name_key]},
                    hint=_("Each project appears once; remove the duplicate or give each its "
                           "project code.")), row=number, column=columns["name"], value=v["name"])
                continue
            seen_name[name_key] = number
        try:
            project = matcher.find(row)
        except InputError as exc:
            reader.error(exc, row=number)
            continue
        if project is None:
            renamed.append((number, ProjectKey(None, v["name"], district_id, code), district))
        elif project.name != v["name"] or project.district_id != district_id:
            renamed.append((number, ProjectKey(project.id, v["name"], district_id,
                                               code or project.code), district))
        if result.errors:
            # Keep checking the remaining rows, but there is no point building objects.
            continue
        owner = None
        owner_name = v.get("owner")
        if owner_name:
            owner = owners.get((owner_name, district_id))
        label = f"{v['name']} ({code})" if code else v["name"]
        if project is None:
            record = _new_project(plan_id, v, district_id, owner, dates)
            if owner_name and owner is None:
                out.owners.setdefault((owner_name, district_id), []).append(record)
            out.new.append(record)
            result.changes.append(RowChange(number, "new", label))
            if result.dry_run:  # the parsed rows are shown by a dry run only
                result.rows.append({"row": number, "status": "new", **_row_dict(v, present)})
            continue
        changes = {}
        for key in present:
            if key == "owner":
                if "owner" not in columns:
                    continue
                old_name = owner_names.get(project.owner_id, "")
                if (owner_name or "") != old_name:
                    changes[key] = (old_name, owner_name or "")
                    _set_owner(project, owner, owner_name, district, out)
                continue
            if key == "code" and not code:
                continue  # a sheet without the code keeps the code we know
            if key not in v:
                continue
            new = v[key]
            if new is None and (key in AMOUNT_FIELDS or key == "is_industrial"):
                continue
            if key in ("domain", "district"):
                # Compare ids: touching the relation would cost a query per project.
                old_id = getattr(project, f"{key}_id")
                if old_id != new.pk:
                    old_name = str(names.get((key, old_id), old_id))
                    changes[key] = (old_name, str(new))
                    setattr(project, f"{key}_id", new.pk)
                continue
            old = getattr(project, key)
            if old != new:
                changes[key] = (display(old), display(new))
                _assign(project, key, v)
        status = "changed" if changes else "unchanged"
        if changes:
            out.changed.append(project)
            out.fields.update(k for k in changes)
        result.changes.append(RowChange(number, status, label, changes))
        if result.dry_run:
            result.rows.append({"row": number, "status": status, **_row_dict(v, present)})
    for number, error in matcher.twins_among(renamed):
        reader.error(error, row=number, column=columns["name"], value=error.value)
    return out


def _assign(project: Project, key: str, values: dict) -> None:
    if key == "owner" or key not in values:
        return
    value = values[key]
    if key in ("nature",) and value is None:
        return
    if key in AMOUNT_FIELDS and value is None:
        value = Decimal(0)
    if key == "is_industrial" and value is None:
        value = False
    setattr(project, key, value)


NEW_PROJECT_COLUMNS = [
    "plan_id", "code", "name", "domain_id", "district_id", "owner_id", "is_industrial", "nature",
    "description", "total_investment_wan", "annual_plan_wan", *DATE_FIELDS,
    *POINT_FIELDS, "is_demo", "created_at", "updated_at",
]
_OWNER_INDEX = NEW_PROJECT_COLUMNS.index("owner_id")


class _AdaptedDates(dict):
    """Dates as the database takes them (projects.bulk's ``adapted``), each distinct date
    adapted once: cheaper than adapting the finished rows a column at a time."""

    def __init__(self):
        super().__init__({None: None})

    def __missing__(self, value):
        adapted = self[value] = connection.ops.adapt_datefield_value(value)
        return adapted


def _new_project(plan_id: int, v: dict, district_id: int, owner, dates: _AdaptedDates) -> list:
    """A new project's values in NEW_PROJECT_COLUMNS order, dates adapted for the database;
    fields the sheet lacks get the model's defaults; the two timestamps are filled in (adapted)
    when written."""
    get = v.get
    return [
        plan_id, get("code") or None, v["name"], v["domain"].id, district_id,
        owner.id if owner is not None else None, bool(get("is_industrial")),
        get("nature") or Project.Nature.NEW, get("description") or "",
        get("total_investment_wan") or Decimal(0), get("annual_plan_wan") or Decimal(0),
        dates[get("planned_signed_on")], dates[get("planned_started_on")],
        dates[get("planned_in_production_on")], dates[get("actual_signed_on")],
        dates[get("actual_started_on")], dates[get("actual_in_production_on")],
        get("longitude"), get("latitude"), get("location_datum") or "",
        False, None, None,
    ]


def _point_checked(v: dict, number: int, columns: dict, reader: RowReader, *, plan,
                   region_box) -> bool:
    """The row's point by projects.locations' rule, its datum from a 坐标系 column, the header
    (经度(GCJ-02)) or the mapping; an error on the row's coordinate column otherwise. A row
    with no point leaves the project's as it is (its point fields are dropped from ``v``)."""
    if any(key in columns and key not in v for key in ("longitude", "latitude")):
        return False  # a cell that did not parse: its error is already recorded
    longitude, latitude = v.get("longitude"), v.get("latitude")
    if longitude is None and latitude is None:
        for key in POINT_FIELDS:
            v.pop(key, None)
        return True
    if longitude is None or latitude is None:
        missing = "longitude" if longitude is None else "latitude"
        reader.error(InputError(
            _("The point has a %(given)s but no %(missing)s.") % {
                "given": FIELD_NAMES["latitude" if longitude is None else "longitude"],
                "missing": FIELD_NAMES[missing]},
            hint=_("Fill both, or leave both empty.")), row=number,
            column=columns.get(missing) or columns.get("longitude") or columns["latitude"],
            value="")
        return False
    column = columns.get("longitude") or columns["latitude"]
    datum = v.get("location_datum")
    try:
        if not datum:
            stated = column.datum or (columns.get("latitude") or column).datum
            if not stated:
                raise InputError(
                    _("The datum of the point is not stated."),
                    hint=_("Name it in the header, as 经度(GCJ-02) and 纬度(GCJ-02), add a 坐标系 "
                           "column, or choose it in the column mapping: WGS-84 (GPS), GCJ-02 "
                           "(Amap, Tencent maps) or BD-09 (Baidu maps)."))
            datum = parse_datum(stated)
        check_point(longitude, latitude, datum, region_name=str(plan.region),
                    region_box=region_box)
    except InputError as exc:
        reader.error(exc, row=number, column=column, value=f"{longitude},{latitude}")
        return False
    v["location_datum"] = datum
    return True


def _set_owner(project, owner, owner_name: str | None, district, writes: LibraryWrites):
    if not owner_name:
        project.owner_id = None
        return
    if owner is not None:
        project.owner_id = owner.pk
        return
    project.owner_id = None
    writes.owners.setdefault((owner_name, district.pk), []).append(project)


def _row_dict(values: dict, present: list[str]) -> dict:
    out = {}
    for key in present:
        if key in values:
            value = values[key]
            out[key] = value.code if hasattr(value, "code") and not isinstance(value, str) \
                else display(value)
    return out


def write_projects(plan, writes: LibraryWrites, user, result: ImportResult) -> None:
    """Create the owners and projects and update the projects planned, each change in the
    projects' history under ``user`` (none for a Scope); inside the caller's transaction."""
    history_user = acting_user(user)
    if writes.owners:
        keys = list(writes.owners)
        ids = insert(Organisation, ["name", "division_id", "kind", "is_demo"], [
            [name, division_id, Organisation.Kind.OWNER, False] for (name, division_id) in keys
        ], returning=True)
        result.owners_created = len(ids)
        for key, pk in zip(keys, ids, strict=True):
            for project in writes.owners[key]:
                if isinstance(project, list):
                    project[_OWNER_INDEX] = pk
                else:
                    project.owner_id = pk
        if writes.changed:
            writes.fields.add("owner")
    now = timezone.now()
    if writes.new:
        stamp = connection.ops.adapt_datetimefield_value(now)
        for values in writes.new:
            values[-2] = values[-1] = stamp
        insert_with_history(Project, NEW_PROJECT_COLUMNS, writes.new, now=now,
                            user_id=history_user.pk if history_user else None,
                            reason="tuijin.import.projects", adapted=True)
    if writes.changed:
        for project in writes.changed:
            project.updated_at = now
        fields = [Project._meta.get_field(f).attname for f in sorted(writes.fields)]
        update_with_history(Project, writes.changed, [*fields, "updated_at"], now=now,
                            user_id=history_user.pk if history_user else None,
                            reason="tuijin.import.projects")
