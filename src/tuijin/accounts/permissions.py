"""Every "may this user see / change this" rule of tuijin, in one place (STYLE.md §3).

Each rule is a small function of an actor (a user, or a ``Scope`` such as
``Scope.city_wide_for_system()``) and the object in question, and answers True or False. Views
and services ask these functions; nothing else looks at a user's role. Object lookups
(``projects.selectors.project_for_user``, ``plans.selectors.plan_for_user``) take one of them as
``require=``: outside the actor's scope is a 404, inside it without the right a 403.

The roles (DESIGN.md §1), as ``accounts.scopes.scope_for`` turns them into scopes:

- city admin: sees the whole city and changes all of it (plan, project library, reports);
- district user: sees and reports for their own district's projects, imports its rows;
- project owner: sees and reports for their own organisation's projects;
- leader: reads the whole city and changes nothing;
- bureau (责任单位): reads the whole city, and reports each month on the indicators, key
  works and measures its organisation leads (nothing else), reviewed by the city admin;
- anonymous and inactive users: nothing.

docs/reference/access.md is the same table, checked against these functions by
tests/accounts/test_permissions_doc.py.
"""

from django.core.exceptions import PermissionDenied

from tuijin.accounts.scopes import Scope, scope_for


def deny_unless(allowed: bool) -> None:
    """Raise PermissionDenied (a 403 in a view) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied


# ------------------------------------------------------------------------------------- seeing


def sees_whole_city(actor) -> bool:
    """Whether the actor's figures are the whole city's (else: only what the scope reaches)."""
    return scope_for(actor).is_city_wide


def may_view_project(actor, project) -> bool:
    """City-wide roles see every project; a district user their district's; an owner theirs."""
    return scope_for(actor).covers(district_id=project.district_id, owner_id=project.owner_id)


def may_view_district(actor, division) -> bool:
    """Whether the district's dashboard opens for the actor. An owner opens any district and
    sees there only their own projects; a district user only their own district."""
    scope = scope_for(actor)
    return scope.is_city_wide or division.pk in scope.division_ids or bool(scope.organisation_ids)


def landing_district_id(actor) -> int | None:
    """The district whose dashboard stands in for the city's: a district user's own."""
    scope = scope_for(actor)
    if not scope.is_city_wide and len(scope.division_ids) == 1 and not scope.organisation_ids:
        return next(iter(scope.division_ids))
    return None


# ----------------------------------------------------------------- the plan and the library


def may_manage_plan(actor) -> bool:
    """The city administration sets up the plan, its targets and its project library."""
    scope = scope_for(actor)
    return scope.is_city_admin and not scope.is_read_only


def may_change_plan_settings(actor, plan=None) -> bool:
    """The plan's settings for the year (due day, counted report states, light scheme) are
    the city office's, as the plan is."""
    return may_manage_plan(actor)


def may_change_plan_status(actor, plan=None) -> bool:
    """Activating, closing and deleting a plan (plans.lifecycle) decides which plan everyone
    reports against: the city administration's."""
    return may_manage_plan(actor)


def may_download_open_data(actor, plan) -> bool:
    """A plan's OC4IDS package is public once the city office publishes it (plan settings):
    anyone, logged in or not; before that nobody downloads it (the API and the command line
    read the same data with their own rules)."""
    return bool(plan.is_open_data)


def may_use_plan_text(actor) -> bool:
    """Drafting a plan from its text creates a plan: the city administration's job."""
    return may_manage_plan(actor)


def may_add_project(actor, plan) -> bool:
    return may_manage_plan(actor)


def may_edit_project(actor, project) -> bool:
    return may_manage_plan(actor) and may_view_project(actor, project)


# ------------------------------------------------------------------------------ reports


def may_report_on(actor, project) -> bool:
    """Who files a project's monthly report: its owner, the user of its district, the city
    admin. Leaders and bureaus read reports and file none."""
    scope = scope_for(actor)
    if scope.is_read_only:
        return False
    return (
        scope.is_city_admin
        or project.district_id in scope.division_ids
        or (project.owner_id is not None and project.owner_id in scope.organisation_ids)
    )


def may_correct_past_report(actor, project, *, is_month_locked: bool = False) -> bool:
    """Who corrects or withdraws a report already filed: whoever may file it, while its month
    is open; once the city office has locked the month, only the city office (DESIGN.md §3,
    reporting cycle: "after that only the office reopens one report")."""
    if is_month_locked:
        return may_manage_plan(actor) and may_view_project(actor, project)
    return may_report_on(actor, project)


# ------------------------------------------------------------------------- spreadsheets


def _is_district_user(scope: Scope) -> bool:
    return bool(scope.division_ids) and not scope.is_read_only


def may_import_projects(actor, plan) -> bool:
    """The city admin imports the whole library; a district user their district's rows."""
    scope = scope_for(actor)
    return may_manage_plan(scope) or _is_district_user(scope)


def may_import_reports(actor, plan) -> bool:
    """The city admin imports every district's reports; a district user their district's.
    Owners report through the form, one project at a time."""
    scope = scope_for(actor)
    return may_manage_plan(scope) or _is_district_user(scope)


def may_import_rows_of(actor, district_id: int) -> bool:
    """Whether an import by the actor may write a row of that district."""
    scope = scope_for(actor)
    if may_manage_plan(scope):
        return True
    return _is_district_user(scope) and district_id in scope.division_ids


def may_use_spreadsheets(actor, plan) -> bool:
    """The spreadsheet pages (upload, preview, confirm) open for whoever may import."""
    return may_import_projects(actor, plan) or may_import_reports(actor, plan)


def may_export(actor, plan) -> bool:
    """Exports serve the importers (templates to fill, sheets to correct and send back);
    what an export contains is still only the actor's scope."""
    return may_use_spreadsheets(actor, plan)


def may_map_columns(actor, plan) -> bool:
    """Saved column mappings apply to everyone's imports: the city administration's."""
    return may_manage_plan(actor)


# ------------------------------------------------------------------------------ navigation


def navigation_for(user) -> dict[str, bool]:
    """What the navigation offers (from the user's own fields, and a district user's other
    districts: at most one query per request)."""
    return {
        "nav_may_import": may_use_spreadsheets(user, None),
        "nav_may_draft_plan": may_use_plan_text(user),
        "nav_may_manage_users": may_manage_users(user),
        "nav_may_report": _reports_or_reviews(user),
        "nav_may_manage_periods": may_manage_periods(user, None),
        "nav_may_report_as_bureau": reports_as_bureau(user),
        "nav_may_review_bureau_reports": may_review_bureau_reports(user),
        "nav_may_read_bulletins": may_read_bulletins(user, None),
    }


def _reports_or_reviews(actor) -> bool:
    scope = scope_for(actor)
    return not scope.is_read_only and not scope.is_empty


def lands_on_the_month(actor) -> bool:
    """Owners land on 本月待填报 (their projects' month), not on the plan overview."""
    scope = scope_for(actor)
    return bool(scope.organisation_ids) and not scope.is_city_wide and not scope.division_ids


# ------------------------------------------------------------------ the reporting cycle


def may_manage_periods(actor, plan) -> bool:
    """The city office opens, locks and reopens a plan's months (DESIGN.md §3)."""
    return may_manage_plan(actor)


def may_file_report(actor, project) -> bool:
    """Who fills, saves and submits a project's monthly report: whoever may report on it."""
    return may_report_on(actor, project)


def may_review_report(actor, project) -> bool:
    """The district reviews its projects' reports (approve, return); the city office reviews
    every district's. Owners, leaders and bureaus review none."""
    scope = scope_for(actor)
    if scope.is_read_only:
        return False
    return scope.is_city_admin or project.district_id in scope.division_ids


def may_reopen_report(actor, project) -> bool:
    """After the lock, only the city office reopens one report, with a reason."""
    return may_manage_plan(actor) and may_view_project(actor, project)


def may_review_reports(actor, plan) -> bool:
    """Whether the month's page offers the review queue: the city office and district users."""
    scope = scope_for(actor)
    return not scope.is_read_only and (scope.is_city_admin or bool(scope.division_ids))


def may_add_photo(actor, project) -> bool:
    """Who adds and removes the photos of a project's report: whoever may file the report
    (while the report may be edited, which is the cycle's rule, not an access rule)."""
    return may_file_report(actor, project)


def may_view_photo(actor, project) -> bool:
    """A report's photos are seen by whoever may see the project, and by nobody else."""
    return may_view_project(actor, project)


def may_see_photo_checks(actor, project) -> bool:
    """The evidence checks' flags (projects.evidence) are for those who read the reports as
    reviewers or overseers: the district and city-wide roles that see the project. An owner
    sees their photos without them: the flags are the reviewer's hint, not a recipe."""
    scope = scope_for(actor)
    return may_view_project(actor, project) and (scope.is_city_wide or bool(scope.division_ids))


# ------------------------------------------------------------------------------------ users


def may_manage_users(actor) -> bool:
    """The city administration creates users, sets their role, districts or organisation,
    deactivates them and resets their passwords. Nobody else sees the list of users."""
    scope = scope_for(actor)
    return scope.is_city_admin and not scope.is_read_only


# ------------------------------------------------------- responsible bureaus' reports


def bureau_organisation_id(actor) -> int | None:
    """The organisation a bureau user reports for; None for anyone else (a Scope included: no
    command reports as a bureau). The read scope of a bureau stays city-wide and read-only
    (accounts.scopes); these write rights are narrower than what it sees."""
    from tuijin.accounts.models import User

    if (getattr(actor, "is_authenticated", False) and actor.is_active
            and getattr(actor, "role", None) == User.Role.BUREAU):
        return actor.organisation_id
    return None


def reports_as_bureau(actor) -> bool:
    """A bureau user with an organisation: their month lists what that organisation leads."""
    return bureau_organisation_id(actor) is not None


def may_report_indicator(actor, indicator) -> bool:
    """A bureau reports the actual of an indicator it answers for (Indicator.owner), and only of
    one reported by hand: the others are computed from the project programme."""
    organisation_id = bureau_organisation_id(actor)
    return (organisation_id is not None and indicator.owner_id == organisation_id
            and indicator.source == "manual")


def may_report_work(actor, work) -> bool:
    """A bureau reports the status and progress of a key work or measure it leads (lead_unit);
    co-responsible units (co_units) report to the lead unit, not here."""
    organisation_id = bureau_organisation_id(actor)
    return organisation_id is not None and work.lead_unit_id == organisation_id


def may_review_bureau_reports(actor, plan=None) -> bool:
    """The city office approves or returns the bureaus' reports."""
    return may_manage_plan(actor)


def may_view_bureau_reports(actor, plan=None) -> bool:
    """The bureaus' month opens for the city office (to review), the leaders (to read) and the
    bureaus (their own items); districts and owners report on projects, not on the plan."""
    return may_review_bureau_reports(actor) or reports_as_bureau(actor) or (
        scope_for(actor).is_city_wide and scope_for(actor).is_read_only)


def may_view_bureau_report(actor, item) -> bool:
    """One item's report page: a bureau opens only the items it reports on; the city office
    and the leaders open every one."""
    if reports_as_bureau(actor):
        return may_report_on_item(actor, item)
    return may_view_bureau_reports(actor)


def may_report_on_item(actor, item) -> bool:
    """may_report_indicator for an indicator, may_report_work for a key work or measure (told
    apart by field, so this module imports no models: an indicator has a responsible unit,
    ``owner``; a work a ``lead_unit``)."""
    if hasattr(item, "owner_id"):
        return may_report_indicator(actor, item)
    return may_report_work(actor, item)


# ------------------------------------------------------------------- problems (督办)
# The problem's life is problems.rules'; these say who takes which step. "The office in
# charge" of a problem is the district of its project while the problem is district-level,
# and the city office always (it oversees every district, and alone once a problem has been
# escalated to the city). That office accepts, assigns, checks and closes: whoever assigned
# a problem checks the answer.


def may_raise_problem(actor, project) -> bool:
    """Who raises a problem of a project: whoever files its reports (its owner, the user of
    its district, the city office)."""
    return may_report_on(actor, project)


def may_handle_problem(actor, problem) -> bool:
    """Accept or leave to the project unit, assign (交办), check, send back, close (销号): the
    office in charge of the problem."""
    scope = scope_for(actor)
    if scope.is_read_only:
        return False
    return scope.is_city_admin or (problem.level == "district"
                                   and problem.project.district_id in scope.division_ids)


def may_escalate_problem(actor, problem) -> bool:
    """An overdue district-level problem goes up to the city office: the district sends it
    up, or the city office takes it (whether it is overdue is the rule's question)."""
    return problem.level == "district" and may_handle_problem(actor, problem)


def works_for_units(actor) -> tuple[frozenset[int], frozenset[int]]:
    """The units whose problems the actor signs for and answers: (organisation ids, divisions
    whose district government it is). A user works for their own organisation (a bureau, an
    owner, a utility); a district user also for the district government of their districts."""
    from tuijin.accounts.models import User

    if (not getattr(actor, "is_authenticated", False) or not actor.is_active
            or getattr(actor, "role", None) in (None, User.Role.LEADER)):
        return frozenset(), frozenset()
    organisations = frozenset({actor.organisation_id}) if actor.organisation_id else frozenset()
    divisions = actor.division_ids if actor.role == User.Role.DISTRICT else frozenset()
    return organisations, divisions


def may_work_on_problem(actor, problem) -> bool:
    """Sign for (签收) and answer (办理反馈): the users of the unit it is assigned to."""
    unit = problem.assigned_unit
    if unit is None:
        return False
    organisations, divisions = works_for_units(actor)
    return unit.pk in organisations or (unit.kind == "district_government"
                                        and unit.division_id in divisions)


def may_view_problem(actor, problem) -> bool:
    """Whoever sees the project sees its problems; the unit assigned a problem sees it too."""
    return may_view_project(actor, problem.project) or may_work_on_problem(actor, problem)


def may_take_problem_step(actor, problem, action: str) -> bool:
    """Which rule above answers for which step of problems.rules.Action."""
    if action in ("sign", "answer"):
        return may_work_on_problem(actor, problem)
    if action == "escalate":
        return may_escalate_problem(actor, problem)
    return may_handle_problem(actor, problem)


def may_manage_problem_categories(actor) -> bool:
    """The list of problem categories (用地, 资金 …) is the city office's, as the plan is."""
    return may_manage_plan(actor)


def may_view_problem_attachment(actor, problem) -> bool:
    """A problem's files go to whoever sees the problem (its project's readers and the
    assigned unit); anybody else gets 404, as for the problem."""
    return may_view_problem(actor, problem)


# ------------------------------------------------------------------------ bulletins (通报)


def may_manage_bulletins(actor, plan=None) -> bool:
    """The city office writes, numbers and publishes the monthly bulletin (DESIGN.md §1)."""
    return may_manage_plan(actor)


def may_read_bulletins(actor, plan=None) -> bool:
    """A published bulletin is the city's document, addressed to the districts and read by
    the leaders: the city office, the leaders and bureaus (city-wide readers) and district
    users read it whole, as published. Owners do not: they are told through their district."""
    scope = scope_for(actor)
    return may_manage_bulletins(scope) or scope.is_city_wide or bool(scope.division_ids)


def may_read_district_bulletin(actor, plan=None) -> bool:
    """A district user also gets the bulletin of their own district (their scope's projects,
    ranked within the city): what the district government reports on. City-wide readers read
    the city's."""
    scope = scope_for(actor)
    return not scope.is_city_wide and bool(scope.division_ids)


def may_read_bulletin(actor, bulletin) -> bool:
    """The city office reads every bulletin, drafts included; readers only published ones."""
    if may_manage_bulletins(actor):
        return True
    return bulletin.is_published and may_read_bulletins(actor)
