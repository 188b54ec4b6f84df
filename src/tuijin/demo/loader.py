"""Write a generated demo programme into a plan, in bulk and streaming.

Rows come from ``generator.demo_projects`` one project at a time and are written in chunks, so
memory stays flat whatever the size (600,000 projects × 12 months = 7.2M reports).

Transactions: one per chunk, not one for the whole load. A single transaction of millions of
rows would hold SQLite's write lock for minutes (the running site could not save a report) and
grow the WAL file to the size of the load. The cost: a load that is interrupted leaves the
chunks written so far. They are all marked ``is_demo``, so ``tuijin demo --replace`` removes
them and loads again; the refusal to load over existing demo projects says so.

Writing: projects go through ``executemany`` on a cursor and reports through
``projects.bulk.insert`` (``executemany`` on SQLite, COPY on PostgreSQL), one statement per chunk
and no model instance per row (``bulk_create`` prepares every value field by field and was
several times slower on SQLite). Each report carries its completion and its project's plan as
the database's triggers compute them; the triggers check those and keep each project's
reported months (projects migrations 0005 to 0011). No history rows are written for demo
data: bulk writes bypass django-simple-history on purpose, since the demo has no history to
tell.
"""

from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice

from django.db import connection, transaction
from django.db.models import NOT_PROVIDED, Model, ProtectedError, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from tuijin.core.errors import InputError
from tuijin.core.models import Division, Organisation
from tuijin.core.statistics import refresh_after_bulk_write
from tuijin.demo.generator import (
    DISTRICTS,
    FEATURED_OWNER_NAME,
    DemoProject,
    DemoReport,
    DemoSpec,
    demo_owners,
    demo_projects,
)
from tuijin.projects import bulk
from tuijin.projects.models import MonthlyReport, Project
from tuijin.projects.rules import completion_share

CHUNK_PROJECTS = 2000
MAX_PROJECTS = 2_000_000


def demo_load(plan, *, projects: int, months: int, seed: int, progress: bool = False,
              replace: bool = False, chunk_size: int = CHUNK_PROJECTS) -> dict[str, int]:
    """Generate ``projects`` demo projects with reports for months 1..``months`` into ``plan``.

    Requires the plan's domains and Kaifeng's districts. Refuses (InputError) when the plan
    already has demo projects, unless ``replace`` is given: then those projects and their
    reports are deleted first. Creates the demo owner organisations that are missing. Writes
    in one transaction per chunk (see the module docstring); writes no history rows.
    Demo owners left without projects or users by a replace are deleted too.
    Returns counts: projects, reports, owners_created, deleted_projects, deleted_owners.
    """
    _check_arguments(projects=projects, months=months)
    domains = tuple(plan.domains.order_by("number").values_list("code", flat=True))
    if not domains:
        raise InputError(
            _("Plan %(plan)s has no investment domains.") % {"plan": plan.slug},
            hint=_("Load or import the plan's domains before generating demo projects."),
            field="plan", value=plan.slug,
        )
    divisions = dict(
        Division.objects.filter(code__in=DISTRICTS).values_list("code", "pk")
    )
    missing = sorted(set(DISTRICTS) - set(divisions))
    if missing:
        raise InputError(
            _("The districts %(codes)s are missing from the reference data.")
            % {"codes": ", ".join(missing)},
            hint=_("Run `tuijin migrate` to load the GB/T 2260 divisions."),
        )

    existing = Project.objects.filter(plan=plan, is_demo=True)
    deleted = owners_deleted = 0
    if existing.exists():
        if not replace:
            raise InputError(
                _("Plan %(plan)s already has %(count)s demo projects.")
                % {"plan": plan.slug, "count": existing.count()},
                hint=_("Use --replace to delete them and generate new ones."),
                field="replace", value=False,
            )
        with transaction.atomic():
            deleted = _delete_fast(existing)
            owners_deleted = _delete_unused_demo_owners()

    spec = DemoSpec(
        year=plan.year, projects=projects, months=months, seed=seed, domains=domains,
        report_due_day=plan.report_due_day,
    )
    with transaction.atomic():
        owners, owners_created = _ensure_owners(spec, divisions)
    domain_ids = dict(plan.domains.values_list("code", "pk"))
    taken_codes = set(
        Project.objects.filter(plan=plan, code__isnull=False).values_list("code", flat=True)
    )

    counts = {"projects": 0, "reports": 0, "owners_created": owners_created,
              "deleted_projects": deleted, "deleted_owners": owners_deleted}
    rows = demo_projects(spec)
    with tqdm(total=projects, unit=" projects", disable=not progress, smoothing=0.1) as bar:
        for chunk in _chunks(rows, chunk_size):
            with transaction.atomic():
                written = _write_chunk(
                    plan, chunk, divisions=divisions, domain_ids=domain_ids, owners=owners,
                    taken_codes=taken_codes,
                )
            counts["projects"] += len(chunk)
            counts["reports"] += written
            bar.update(len(chunk))
    refresh_after_bulk_write()
    return counts


def _check_arguments(*, projects: int, months: int) -> None:
    if not 1 <= projects <= MAX_PROJECTS:
        raise InputError(
            _("%(value)s is not a number of demo projects.") % {"value": projects},
            hint=_("Ask for between 1 and %(max)s projects.") % {"max": MAX_PROJECTS},
            field="projects", value=projects,
        )
    if not 0 <= months <= 12:
        raise InputError(
            _("%(value)s is not a number of reported months.") % {"value": months},
            hint=_("Ask for 0 to 12 months; reports cover January to that month."),
            field="months", value=months,
        )


def _ensure_owners(spec: DemoSpec, divisions: dict[str, int]) -> tuple[dict, int]:
    """Map (name, district code) of every demo owner to an Organisation id, creating any missing."""
    pool = demo_owners(spec)
    found = {
        (name, code): pk
        for pk, name, code in Organisation.objects.filter(
            name__in={owner.name for owner in pool}, division__code__in=DISTRICTS
        ).values_list("pk", "name", "division__code")
    }
    new = [
        Organisation(name=owner.name, kind=Organisation.Kind.OWNER,
                     division_id=divisions[owner.district], is_demo=True)
        for owner in pool if (owner.name, owner.district) not in found
    ]
    Organisation.objects.bulk_create(new, batch_size=500)
    if new:
        found.update(
            ((name, code), pk)
            for pk, name, code in Organisation.objects.filter(
                name__in={org.name for org in new}, division__code__in=DISTRICTS
            ).values_list("pk", "name", "division__code")
        )
    return found, len(new)


def _chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _write_chunk(plan, chunk: list[tuple[DemoProject, list[DemoReport]]], *,
                 divisions: dict[str, int], domain_ids: dict[str, int], owners: dict,
                 taken_codes: set[str]) -> int:
    ids = _insert_projects(plan, [row for row, _reports in chunk], divisions=divisions,
                           domain_ids=domain_ids, owners=owners, taken_codes=taken_codes)
    return _insert_reports(
        (ids[position], row.annual_plan_wan, report)
        for position, (row, reports) in enumerate(chunk) for report in reports
    )


def _insert_projects(plan, rows: list[DemoProject], *, divisions: dict[str, int],
                     domain_ids: dict[str, int], owners: dict, taken_codes: set[str]) -> list[int]:
    """INSERT the projects with executemany and read their ids back, in insertion order.

    ``bulk_create`` spent most of the load preparing values field by field (it was 3× slower
    than this for projects). Ids are read back as the demo projects of the plan above the
    highest id before the insert: ids grow in insertion order within one transaction on SQLite
    and PostgreSQL alike, and the count is checked. Columns this code does not know (added
    later) get their model default, so a new column with a default does not break the demo.
    """
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    date_ = ops.adapt_datefield_value
    dec = ops.adapt_decimalfield_value
    fields = [field for field in Project._meta.concrete_fields if not field.primary_key]
    known = (
        "plan_id", "code", "name", "domain_id", "district_id", "owner_id", "is_industrial",
        "nature", "description", "total_investment_wan", "annual_plan_wan",
        "planned_signed_on", "planned_started_on", "planned_in_production_on",
        "actual_signed_on", "actual_started_on", "actual_in_production_on", "is_demo",
        "created_at", "updated_at",
    )
    # Columns with a database default (kept by triggers) are left to it.
    others = [field for field in fields if field.attname not in known
              and field.db_default is NOT_PROVIDED]
    defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in others)
    columns = [Project._meta.get_field(name).column for name in known]
    columns += [field.column for field in others]

    params = []
    for row in rows:
        params.append((
            plan.pk, row.code if row.code not in taken_codes else None, row.name,
            domain_ids[row.domain], divisions[row.district], owners[(row.owner, row.district)],
            row.is_industrial, row.nature, row.description,
            dec(row.total_investment_wan, 18, 4), dec(row.annual_plan_wan, 18, 4),
            date_(row.planned_signed_on), date_(row.planned_started_on),
            date_(row.planned_in_production_on), date_(row.actual_signed_on),
            date_(row.actual_started_on), date_(row.actual_in_production_on), True, now, now,
            *defaults,
        ))
    demo = Project.objects.filter(plan=plan, is_demo=True)
    before = demo.order_by("-pk").values_list("pk", flat=True).first() or 0
    _executemany(Project._meta.db_table, columns, params)
    ids = list(demo.filter(pk__gt=before).order_by("pk").values_list("pk", flat=True))
    if len(ids) != len(rows):
        raise RuntimeError(f"Inserted {len(rows)} demo projects but read back {len(ids)} ids.")
    return ids


def _insert_reports(rows: Iterable[tuple[int, Decimal, DemoReport]]) -> int:
    """INSERT the reports without model instances (``bulk.insert``: one prepared statement
    on SQLite, one COPY on PostgreSQL, whose triggers then count the projects' reported months
    once for the whole chunk). Each report carries its completion and its project's plan, as
    the triggers would set them, so SQLite's need not rewrite it."""
    ops = connection.ops
    dec = ops.adapt_decimalfield_value
    stamp = ops.adapt_datetimefield_value
    columns = ["project_id", "month", "investment_month_wan", "cumulative_wan", "progress_text",
               "blockers", "help_requested", "submitted_at", "completion", "planned_wan"]
    params = [
        [project_id, report.month, dec(report.investment_month_wan, 18, 4),
         dec(report.cumulative_wan, 18, 4), report.progress_text, report.blockers,
         report.help_requested, stamp(report.submitted_at),
         completion_share(cumulative_wan=report.cumulative_wan, planned_wan=planned),
         dec(planned, 18, 4)]
        for project_id, planned, report in rows
    ]
    bulk.insert(MonthlyReport, columns, params, adapted=True)
    return len(params)


def _executemany(table: str, columns: list[str], params: list[tuple]) -> None:
    if not params:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table), ", ".join(quote(column) for column in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _delete_unused_demo_owners() -> int:
    """Delete demo owners that no project (of any plan) or user refers to any more.

    The owner of ``owner-demo`` stays whatever happens, so the account keeps its organisation.
    An owner something else still protects (a key task naming it, say) is kept as well.
    """
    unused = (
        Organisation.objects.filter(is_demo=True, kind=Organisation.Kind.OWNER,
                                    projects__isnull=True, users__isnull=True)
        .exclude(name=FEATURED_OWNER_NAME)
    )
    try:
        with transaction.atomic():
            return unused.delete()[1].get(Organisation._meta.label, 0)
    except ProtectedError:
        return 0


def _delete_fast(queryset: QuerySet) -> int:
    """Delete rows and what cascades from them with set-based DELETEs, without signals.

    Django's ``delete()`` loads every object to send signals (django-simple-history listens),
    which for 600,000 projects takes very long and writes a history row per project. Relations
    are followed from the model's metadata, so a table added later that points at projects is
    handled too: CASCADE recurses, SET_NULL is cleared, DO_NOTHING (history) is left alone.
    """
    relations = [
        field for field in queryset.model._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete
        and (field.one_to_many or field.one_to_one or field.many_to_many)
    ]
    for relation in relations:
        related: type[Model] = relation.related_model
        if relation.many_to_many:
            through = relation.through
            name = relation.field.m2m_reverse_field_name()
            through._base_manager.filter(**{f"{name}__in": queryset.values("pk")})._raw_delete(
                queryset.db
            )
            continue
        on_delete = relation.on_delete.__name__
        dependents = related._base_manager.filter(
            **{f"{relation.field.name}__in": queryset.values("pk")}
        )
        if on_delete == "CASCADE":
            _delete_fast(dependents)
        elif on_delete == "SET_NULL":
            dependents.update(**{relation.field.name: None})
        elif on_delete in ("PROTECT", "RESTRICT") and dependents.exists():
            raise InputError(
                _("Demo projects are still referenced by %(model)s.")
                % {"model": related._meta.verbose_name_plural},
                hint=_("Delete those first, then replace the demo."),
            )
    return queryset._raw_delete(queryset.db)
