"""Plans as data: import and export of the "tuijin-plan/1" JSON format, and built-in plans.

The format is described in HELPERS.md and the README ("Plans as data"). Import checks the whole
document before writing anything and reports every problem at once, each located by its JSON
path (``indicators[3].targets[0].comparator``), so a hand-edited file can be fixed in one pass.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from tuijin.accounts.scopes import acting_user
from tuijin.core.errors import InputError
from tuijin.core.models import Division, Organisation
from tuijin.core.money import EXACT_DIGITS, FIGURE_PLACES
from tuijin.core.report_states import COUNTABLE_STATES, check_counted_states
from tuijin.core.text import to_halfwidth
from tuijin.plans.lifecycle_services import plan_lifecycle_step
from tuijin.plans.models import (
    Domain,
    Indicator,
    IndicatorActual,
    KeyTask,
    LightSchemeKind,
    Measure,
    Plan,
    PlanStatus,
    Status,
    Target,
)

FORMAT = "tuijin-plan/1"
BUILTIN_DIR = Path(__file__).resolve().parent / "data"

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
# Stands for a required key that is absent: reported once by _Checker.obj, then skipped.
_MISSING = object()

# Keys each object may carry: required, then optional with the default import assumes.
_PLAN_REQUIRED = ("format", "slug", "name", "region", "year")
_PLAN_OPTIONAL = {
    "summary": "", "source": "", "yellow_band": "0.10", "approx_tolerance": "0.10",
    "report_due_day": 25, "organisations": [], "key_tasks": [], "domains": [],
    "indicators": [], "baselines": [], "text": "",
}
_ORG_REQUIRED = ("name",)
_ORG_OPTIONAL = {"kind": Organisation.Kind.BUREAU.value, "division": None}
_TASK_REQUIRED = ("number", "title")
_TASK_OPTIONAL = {
    "summary": "", "lead_unit": None, "co_units": [], "deadline": None,
    "status": Status.IN_PROGRESS.value, "source_sentence": "", "measures": [],
}
_MEASURE_REQUIRED = ("number", "title")
_MEASURE_OPTIONAL = {
    "text": "", "lead_unit": None, "co_units": [], "deadline": None,
    "status": Status.IN_PROGRESS.value, "source_sentence": "", "children": [],
}
_DOMAIN_REQUIRED = ("number", "code", "name")
_INDICATOR_REQUIRED = ("code", "name")
_INDICATOR_OPTIONAL = {
    "unit": "", "source": Indicator.Source.MANUAL.value, "key_task": None, "owner": None,
    "number": None, "targets": [], "actuals": None,
}
_TARGET_REQUIRED = ("comparator", "commitment")
_TARGET_OPTIONAL = {
    "value": None, "unit": "", "tolerance": None, "basis": Target.Basis.LEVEL.value,
    "baseline_value": None, "baseline_year": None, "wording": "", "source_sentence": "",
}
_ACTUAL_REQUIRED = ("month", "value")

# Decimal fields: (max_digits, decimal_places) as in plans/models.py; a value within what
# every database keeps exactly (core.money: 15 digits, 4 of them decimals).
_VALUE_DIGITS = (EXACT_DIGITS, FIGURE_PLACES)
_SHARE_DIGITS = (5, 4)


class PlanImportError(Exception):
    """A plan document was refused; ``errors`` holds every problem found, each with its path."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(error_line(e) for e in errors))


def error_line(error: InputError) -> str:
    """One line for a command or log: ``path: message hint``."""
    text = f"{error.field}: {error.message}" if error.field else error.message
    return f"{text} {error.hint}".rstrip()


# --- validation -----------------------------------------------------------------------------


@dataclass
class _Checker:
    """Collects errors while reading a document; each reader returns a clean value or None."""

    errors: list[InputError] = field(default_factory=list)

    def add(self, path: str, message: str, hint: str = "", value: object = None) -> None:
        self.errors.append(InputError(message, hint=hint, field=path, value=value))

    def obj(self, raw: object, path: str, required: tuple, optional: dict) -> dict | None:
        if not isinstance(raw, dict):
            self.add(path or "$", _("Expected a JSON object."),
                     _("Write {…} with the keys the format describes."), raw)
            return None
        allowed = set(required) | set(optional)
        for key in raw:
            if key not in allowed:
                self.add(_join(path, key), _("Unknown key %(key)s.") % {"key": key},
                         _("Allowed keys: %(keys)s.") % {"keys": ", ".join(sorted(allowed))})
        missing = [key for key in required if key not in raw]
        for key in missing:
            self.add(_join(path, key), _("Missing required key %(key)s.") % {"key": key},
                     _("Add it; see the format in the README."))
        out = {key: raw.get(key, _MISSING) for key in required}
        for key, default in optional.items():
            out[key] = raw.get(key, default)
        return out

    def items(self, raw: object, path: str) -> list:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(path, _("Expected a JSON list."), _("Write […], possibly empty."), raw)
            return []
        return raw

    def text(self, raw: object, path: str, *, max_length: int, required: bool = False) -> str:
        if raw is _MISSING or (raw is None and not required):
            return ""
        if not isinstance(raw, str):
            self.add(path, _("Expected text."), _("Write it as a JSON string in quotes."), raw)
            return ""
        value = raw.strip()
        if required and not value:
            self.add(path, _("This may not be empty."), _("Write a name or title."), raw)
        if len(value) > max_length:
            self.add(path, _("Too long: %(length)s characters.") % {"length": len(value)},
                     _("Keep it to at most %(max)s characters.") % {"max": max_length}, raw)
        return value

    def slug(self, raw: object, path: str, *, max_length: int) -> str:
        value = self.text(raw, path, max_length=max_length, required=True)
        if value and not _SLUG_RE.match(value):
            self.add(path, _("%(value)s is not a valid code.") % {"value": value},
                     _("Use only letters, digits, hyphens and underscores, e.g. kaifeng-2023."),
                     raw)
        return value

    def integer(self, raw: object, path: str, *, low: int, high: int,
                nullable: bool = False) -> int | None:
        if raw is _MISSING or (raw is None and nullable):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.add(path, _("Expected a whole number."),
                     _("Write a number between %(low)s and %(high)s without quotes.")
                     % {"low": low, "high": high}, raw)
            return None
        if not low <= raw <= high:
            self.add(path, _("%(value)s is out of range.") % {"value": raw},
                     _("Write a number between %(low)s and %(high)s.")
                     % {"low": low, "high": high}, raw)
            return None
        return raw

    def decimal(self, raw: object, path: str, *, digits: tuple[int, int], nullable: bool,
                low: Decimal | None = None, high: Decimal | None = None) -> Decimal | None:
        if raw is _MISSING:
            return None
        if raw is None:
            if not nullable:
                self.add(path, _("A number is required here."),
                         _('Write it as a string, e.g. "150".'))
            return None
        if isinstance(raw, bool) or not isinstance(raw, str | int):
            # Floats would silently round (0.1 is not 0.1), so the format asks for strings.
            self.add(path, _("Expected a decimal written as a string."),
                     _('Write it in quotes, e.g. "0.10" or "3000".'), raw)
            return None
        text = to_halfwidth(str(raw)).strip().replace(",", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.add(path, _("%(value)s is not a number.") % {"value": raw},
                     _('Write digits with an optional sign and decimal point, e.g. "-3" or '
                       '"6.5".'), raw)
            return None
        max_digits, places = digits
        exponent = value.normalize().as_tuple().exponent
        whole_digits = len(str(abs(int(value)))) if abs(value) >= 1 else 0
        if (isinstance(exponent, int) and -exponent > places) or \
                whole_digits > max_digits - places:
            self.add(path, _("%(value)s has too many digits.") % {"value": raw},
                     _("Use at most %(places)s decimal places and %(whole)s whole digits.")
                     % {"places": places, "whole": max_digits - places}, raw)
            return None
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(path, _("%(value)s is out of range.") % {"value": raw},
                     _("Write a value between %(low)s and %(high)s.")
                     % {"low": low, "high": high}, raw)
            return None
        return value

    def choice(self, raw: object, path: str, choices: type) -> str | None:
        values = [value for value, _label in choices.choices]
        if raw is _MISSING:
            return None
        if raw not in values:
            self.add(path, _("%(value)s is not allowed here.") % {"value": raw},
                     _("Use one of: %(choices)s.") % {"choices": ", ".join(values)}, raw)
            return None
        return raw

    def day(self, raw: object, path: str) -> date | None:
        if raw is None:
            return None
        if isinstance(raw, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            try:
                return date.fromisoformat(raw)
            except ValueError:
                pass
        self.add(path, _("%(value)s is not a date.") % {"value": raw},
                 _('Write it as "YYYY-MM-DD", e.g. "2023-12-31", or null.'), raw)
        return None

    def reference(self, raw: object, path: str, known: set, *, hint: str) -> None:
        """Report a reference (an organisation name, a key work number) that names nothing."""
        if raw is None:
            return
        if isinstance(raw, dict | list | bool) or raw not in known:
            self.add(path, _("%(value)s does not name anything in this document.")
                     % {"value": raw}, hint, raw)

    def unique(self, seen: dict, key: object, path: str, what: str) -> None:
        if key is None:
            return
        if key in seen:
            self.add(path, _("%(what)s %(key)s is used twice (also at %(other)s).")
                     % {"what": what, "key": key, "other": seen[key]},
                     _("Give each one its own value."), key)
        else:
            seen[key] = path


def _org_hint() -> str:
    return _("List the organisation under organisations (same name), or use null.")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def plan_validate(data: object) -> tuple[dict | None, list[InputError]]:
    """Check a whole plan document; return (clean document, errors).

    The clean document has every optional key filled with its default, decimals as
    ``Decimal`` and dates as ``date``. It also checks what only the database can tell: that
    the region and organisation divisions exist. Slug clashes are checked by ``plan_import``.
    """
    check = _Checker()
    doc = check.obj(data, "", _PLAN_REQUIRED, _PLAN_OPTIONAL)
    if doc is None:
        return None, check.errors
    if doc["format"] is not _MISSING and doc["format"] != FORMAT:
        check.add("format", _("Unknown format %(value)s.") % {"value": doc["format"]},
                  _('This importer reads "%(format)s".') % {"format": FORMAT}, doc["format"])
    doc["slug"] = check.slug(doc["slug"], "slug", max_length=64)
    doc["name"] = check.text(doc["name"], "name", max_length=200, required=True)
    doc["summary"] = check.text(doc["summary"], "summary", max_length=100_000)
    doc["source"] = check.text(doc["source"], "source", max_length=100_000)
    doc["year"] = check.integer(doc["year"], "year", low=2000, high=2100)
    doc["yellow_band"] = check.decimal(doc["yellow_band"], "yellow_band", digits=_SHARE_DIGITS,
                                       nullable=False, low=Decimal(0), high=Decimal(1))
    doc["approx_tolerance"] = check.decimal(
        doc["approx_tolerance"], "approx_tolerance", digits=_SHARE_DIGITS, nullable=False,
        low=Decimal(0), high=Decimal(1))
    doc["report_due_day"] = check.integer(doc["report_due_day"], "report_due_day", low=1, high=28)
    doc["region"] = _check_region(check, doc["region"])
    check.items(doc["baselines"], "baselines")  # context only: import does not store them

    orgs = _check_organisations(check, doc)
    doc["key_tasks"] = _check_key_tasks(check, doc["key_tasks"], orgs)
    task_numbers = {task["number"] for task in doc["key_tasks"]}
    doc["domains"] = _check_domains(check, doc["domains"])
    doc["indicators"] = _check_indicators(check, doc["indicators"], orgs, task_numbers)
    return doc, check.errors


def _check_region(check: _Checker, raw: object) -> str | None:
    if raw is _MISSING:
        return None
    if raw is None:
        check.add("region", _("A plan needs a region."),
                  _('Give the GB/T 2260 code of the city, e.g. "410200".'))
        return None
    if not isinstance(raw, str) or not Division.objects.filter(code=raw).exists():
        check.add("region", _("%(value)s is not a known division code.") % {"value": raw},
                  _('Give a GB/T 2260 code as a string, e.g. "410200".'), raw)
        return None
    return raw


def _check_organisations(check: _Checker, doc: dict) -> set[str]:
    """Return the names the rest of the document may refer to."""
    names: dict = {}
    clean = []
    division_codes = set(Division.objects.values_list("code", flat=True))
    for i, raw in enumerate(check.items(doc["organisations"], "organisations")):
        path = f"organisations[{i}]"
        org = check.obj(raw, path, _ORG_REQUIRED, _ORG_OPTIONAL)
        if org is None:
            continue
        org["name"] = check.text(org["name"], f"{path}.name", max_length=128, required=True)
        org["kind"] = check.choice(org["kind"], f"{path}.kind", Organisation.Kind)
        if org["division"] is not None and (not isinstance(org["division"], str)
                                            or org["division"] not in division_codes):
            check.add(f"{path}.division",
                      _("%(value)s is not a known division code.") % {"value": org["division"]},
                      _('Give a GB/T 2260 code as a string, e.g. "410200", or null.'),
                      org["division"])
        # Elsewhere organisations are referred to by name alone, so a name must be unambiguous.
        check.unique(names, org["name"] or None, f"{path}.name", _("Organisation"))
        clean.append(org)
    doc["organisations"] = clean
    return set(names)


def _check_units(check: _Checker, item: dict, path: str, orgs: set[str]) -> None:
    check.reference(item["lead_unit"], f"{path}.lead_unit", orgs, hint=_org_hint())
    co_units = check.items(item["co_units"], f"{path}.co_units")
    for j, name in enumerate(co_units):
        check.reference(name, f"{path}.co_units[{j}]", orgs, hint=_org_hint())
    item["co_units"] = list(dict.fromkeys(name for name in co_units if isinstance(name, str)))


def _check_key_tasks(check: _Checker, raw_tasks: object, orgs: set[str]) -> list[dict]:
    clean, numbers = [], {}
    for i, raw in enumerate(check.items(raw_tasks, "key_tasks")):
        path = f"key_tasks[{i}]"
        task = check.obj(raw, path, _TASK_REQUIRED, _TASK_OPTIONAL)
        if task is None:
            continue
        task["number"] = check.integer(task["number"], f"{path}.number", low=1, high=32767)
        check.unique(numbers, task["number"], f"{path}.number", _("Key work number"))
        task["title"] = check.text(task["title"], f"{path}.title", max_length=200, required=True)
        task["summary"] = check.text(task["summary"], f"{path}.summary", max_length=100_000)
        task["deadline"] = check.day(task["deadline"], f"{path}.deadline")
        task["status"] = check.choice(task["status"], f"{path}.status", Status)
        check.text(task["source_sentence"], f"{path}.source_sentence", max_length=100_000)
        _check_units(check, task, path, orgs)
        task["measures"] = _check_measures(check, task["measures"], f"{path}.measures", orgs)
        clean.append(task)
    return clean


def _check_measures(check: _Checker, raw_measures: object, path: str,
                    orgs: set[str]) -> list[dict]:
    clean, numbers = [], {}
    for i, raw in enumerate(check.items(raw_measures, path)):
        here = f"{path}[{i}]"
        measure = check.obj(raw, here, _MEASURE_REQUIRED, _MEASURE_OPTIONAL)
        if measure is None:
            continue
        measure["number"] = check.integer(measure["number"], f"{here}.number", low=1, high=32767)
        check.unique(numbers, measure["number"], f"{here}.number", _("Measure number"))
        measure["title"] = check.text(measure["title"], f"{here}.title", max_length=200,
                                      required=True)
        measure["text"] = check.text(measure["text"], f"{here}.text", max_length=100_000)
        measure["deadline"] = check.day(measure["deadline"], f"{here}.deadline")
        measure["status"] = check.choice(measure["status"], f"{here}.status", Status)
        check.text(measure["source_sentence"], f"{here}.source_sentence", max_length=100_000)
        _check_units(check, measure, here, orgs)
        measure["children"] = _check_measures(check, measure["children"], f"{here}.children",
                                              orgs)
        clean.append(measure)
    return clean


def _check_domains(check: _Checker, raw_domains: object) -> list[dict]:
    clean, codes, names = [], {}, {}
    for i, raw in enumerate(check.items(raw_domains, "domains")):
        path = f"domains[{i}]"
        domain = check.obj(raw, path, _DOMAIN_REQUIRED, {})
        if domain is None:
            continue
        domain["number"] = check.integer(domain["number"], f"{path}.number", low=1, high=32767)
        domain["code"] = check.slug(domain["code"], f"{path}.code", max_length=32)
        domain["name"] = check.text(domain["name"], f"{path}.name", max_length=64, required=True)
        check.unique(codes, domain["code"] or None, f"{path}.code", _("Domain code"))
        check.unique(names, domain["name"] or None, f"{path}.name", _("Domain name"))
        clean.append(domain)
    return clean


def _check_indicators(check: _Checker, raw_indicators: object, orgs: set[str],
                      task_numbers: set) -> list[dict]:
    clean, codes = [], {}
    for i, raw in enumerate(check.items(raw_indicators, "indicators")):
        path = f"indicators[{i}]"
        ind = check.obj(raw, path, _INDICATOR_REQUIRED, _INDICATOR_OPTIONAL)
        if ind is None:
            continue
        ind["code"] = check.slug(ind["code"], f"{path}.code", max_length=64)
        check.unique(codes, ind["code"] or None, f"{path}.code", _("Indicator code"))
        ind["name"] = check.text(ind["name"], f"{path}.name", max_length=200, required=True)
        ind["unit"] = check.text(ind["unit"], f"{path}.unit", max_length=16)
        ind["source"] = check.choice(ind["source"], f"{path}.source", Indicator.Source)
        if ind["number"] is None:
            ind["number"] = i + 1
        else:
            ind["number"] = check.integer(ind["number"], f"{path}.number", low=0, high=32767)
        check.reference(ind["key_task"], f"{path}.key_task", task_numbers,
                        hint=_("Use the number of one of the key_tasks, or null."))
        check.reference(ind["owner"], f"{path}.owner", orgs, hint=_org_hint())
        ind["targets"] = [
            target for j, raw_target in enumerate(check.items(ind["targets"], f"{path}.targets"))
            if (target := _check_target(check, raw_target, f"{path}.targets[{j}]")) is not None
        ]
        if ind["actuals"] is not None:
            ind["actuals"] = _check_actuals(check, ind["actuals"], f"{path}.actuals")
        clean.append(ind)
    return clean


def _check_target(check: _Checker, raw: object, path: str) -> dict | None:
    target = check.obj(raw, path, _TARGET_REQUIRED, _TARGET_OPTIONAL)
    if target is None:
        return None
    target["comparator"] = check.choice(target["comparator"], f"{path}.comparator",
                                        Target.Comparator)
    target["commitment"] = check.choice(target["commitment"], f"{path}.commitment",
                                        Target.Commitment)
    target["basis"] = check.choice(target["basis"], f"{path}.basis", Target.Basis)
    is_qualitative = target["basis"] == Target.Basis.QUALITATIVE
    if target["value"] is None and not is_qualitative and target["basis"] is not None:
        check.add(f"{path}.value", _("Only a qualitative target may have no value."),
                  _('Give the number as a string, e.g. "2000", or set basis to qualitative.'))
    else:
        target["value"] = check.decimal(target["value"], f"{path}.value", digits=_VALUE_DIGITS,
                                        nullable=True)
    if target["basis"] == Target.Basis.MULTIPLE and target["value"] is not None \
            and target["value"] <= 0:
        check.add(f"{path}.value", _("A multiple must be greater than zero."),
                  _('倍增 (doubling) is "2".'), target["value"])
    target["unit"] = check.text(target["unit"], f"{path}.unit", max_length=16)
    target["tolerance"] = check.decimal(target["tolerance"], f"{path}.tolerance",
                                        digits=_SHARE_DIGITS, nullable=True,
                                        low=Decimal(0), high=Decimal(1))
    target["baseline_value"] = check.decimal(target["baseline_value"], f"{path}.baseline_value",
                                             digits=_VALUE_DIGITS, nullable=True)
    target["baseline_year"] = check.integer(target["baseline_year"], f"{path}.baseline_year",
                                            low=1900, high=2100, nullable=True)
    target["wording"] = check.text(target["wording"], f"{path}.wording", max_length=300)
    check.text(target["source_sentence"], f"{path}.source_sentence", max_length=100_000)
    return target


def _check_actuals(check: _Checker, raw_actuals: object, path: str) -> list[dict]:
    clean, months = [], {}
    for k, raw in enumerate(check.items(raw_actuals, path)):
        here = f"{path}[{k}]"
        actual = check.obj(raw, here, _ACTUAL_REQUIRED, {})
        if actual is None:
            continue
        actual["month"] = check.integer(actual["month"], f"{here}.month", low=1, high=12)
        check.unique(months, actual["month"], f"{here}.month", _("Month"))
        actual["value"] = check.decimal(actual["value"], f"{here}.value", digits=_VALUE_DIGITS,
                                        nullable=False)
        clean.append(actual)
    return clean


def _check_against_database(doc: dict, *, replace: bool) -> list[InputError]:
    """What a valid document may still clash with: an existing plan and its projects."""
    check = _Checker()
    plan = Plan.objects.filter(slug=doc["slug"]).first()
    if plan is None:
        return []
    if not replace:
        check.add("slug", _("A plan %(slug)s already exists.") % {"slug": doc["slug"]},
                  _("Choose another slug, or replace the existing plan (--replace)."),
                  doc["slug"])
        return check.errors
    kept = {domain["code"] for domain in doc["domains"]}
    for domain in plan.domains.exclude(code__in=kept).order_by("number"):
        count = domain.projects.count()
        if count:
            check.add("domains", _("Domain %(code)s (%(name)s) still has %(count)s projects.")
                      % {"code": domain.code, "name": domain.name, "count": count},
                      _("Keep the domain in the file, or move its projects to another domain "
                        "first."), domain.code)
    kept = {ind["code"] for ind in doc["indicators"]}
    for ind in plan.indicators.exclude(code__in=kept).order_by("number", "code"):
        count = ind.actuals.count()
        if count:
            check.add("indicators",
                      _("Indicator %(code)s (%(name)s) has %(count)s reported actual values.")
                      % {"code": ind.code, "name": ind.name, "count": count},
                      _("Keep the indicator in the file so its reported values are not lost."),
                      ind.code)
    return check.errors


# --- writing --------------------------------------------------------------------------------


def plan_import(data: dict, *, replace: bool = False) -> Plan:
    """Create a plan (or, with ``replace``, update the plan with the same slug) from a document.

    Validates the whole document first and raises ``PlanImportError`` with every problem, each
    located by JSON path; nothing is written then. Writes in one transaction. On replace, key
    works are matched by number, measures by their number under the same parent, domains and
    indicators by code and targets by position, so rows keep their ids: projects stay attached
    to their domains, and loading the same document twice changes nothing. Refuses to drop a
    domain that still has projects, or an indicator with reported actuals. An indicator
    without an ``actuals`` key keeps its reported values; with one, they become exactly those.
    Organisations are matched by (name, division) and created when missing.
    """
    # Checks run inside the transaction too, so no project can join a domain between the
    # check that it is empty and its deletion.
    with transaction.atomic():
        doc, errors = plan_validate(data)
        if not errors:
            errors = _check_against_database(doc, replace=replace)
        if errors:
            raise PlanImportError(errors)
        return _write(doc)


def _write(doc: dict) -> Plan:
    orgs = {}
    for org in doc["organisations"]:
        division = Division.objects.get(code=org["division"]) if org["division"] else None
        orgs[org["name"]], _created = Organisation.objects.get_or_create(
            name=org["name"], division=division, defaults={"kind": org["kind"]},
        )
    plan, _created = Plan.objects.update_or_create(
        slug=doc["slug"],
        defaults={
            "name": doc["name"], "region": Division.objects.get(code=doc["region"]),
            "year": doc["year"], "summary": doc["summary"], "source": doc["source"],
            "yellow_band": doc["yellow_band"], "approx_tolerance": doc["approx_tolerance"],
            "report_due_day": doc["report_due_day"],
        },
    )
    tasks = _write_key_tasks(plan, doc["key_tasks"], orgs)
    _write_domains(plan, doc["domains"])
    _write_indicators(plan, doc["indicators"], orgs, tasks)
    return plan


def _write_key_tasks(plan: Plan, items: list[dict], orgs: dict) -> dict[int, KeyTask]:
    plan.key_tasks.exclude(number__in=[item["number"] for item in items]).delete()
    tasks = {}
    for item in items:
        task, _created = KeyTask.objects.update_or_create(
            plan=plan, number=item["number"],
            defaults={
                "title": item["title"], "summary": item["summary"],
                "lead_unit": orgs.get(item["lead_unit"]), "deadline": item["deadline"],
                "status": item["status"],
            },
        )
        task.co_units.set([orgs[name] for name in item["co_units"]])
        _write_measures(task, None, item["measures"], orgs)
        tasks[task.number] = task
    return tasks


def _write_measures(task: KeyTask, parent: Measure | None, items: list[dict],
                    orgs: dict) -> None:
    Measure.objects.filter(key_task=task, parent=parent).exclude(
        number__in=[item["number"] for item in items]
    ).delete()
    for item in items:
        measure, _created = Measure.objects.update_or_create(
            key_task=task, parent=parent, number=item["number"],
            defaults={
                "title": item["title"], "text": item["text"],
                "lead_unit": orgs.get(item["lead_unit"]), "deadline": item["deadline"],
                "status": item["status"],
            },
        )
        measure.co_units.set([orgs[name] for name in item["co_units"]])
        _write_measures(task, measure, item["children"], orgs)


def _write_domains(plan: Plan, items: list[dict]) -> None:
    plan.domains.exclude(code__in=[item["code"] for item in items]).delete()
    existing = {domain.code: domain for domain in plan.domains.all()}
    # Names are unique per plan: park renamed domains on their code first, so two domains
    # may swap names in one import without tripping the constraint.
    for item in items:
        domain = existing.get(item["code"])
        if domain is not None and domain.name != item["name"]:
            domain.name = f"~{domain.code}"
            domain.save(update_fields=["name"])
    for item in items:
        Domain.objects.update_or_create(
            plan=plan, code=item["code"],
            defaults={"name": item["name"], "number": item["number"]},
        )


def _write_indicators(plan: Plan, items: list[dict], orgs: dict,
                      tasks: dict[int, KeyTask]) -> None:
    plan.indicators.exclude(code__in=[item["code"] for item in items]).delete()
    for item in items:
        indicator, _created = Indicator.objects.update_or_create(
            plan=plan, code=item["code"],
            defaults={
                "key_task": tasks.get(item["key_task"]), "name": item["name"],
                "unit": item["unit"], "source": item["source"],
                "owner": orgs.get(item["owner"]), "number": item["number"],
            },
        )
        _write_targets(indicator, item["targets"])
        if item["actuals"] is not None:
            _write_actuals(indicator, item["actuals"])


_TARGET_FIELDS = ("comparator", "value", "unit", "tolerance", "commitment", "basis",
                  "baseline_value", "baseline_year", "wording")


def _write_targets(indicator: Indicator, items: list[dict]) -> None:
    existing = list(indicator.targets.order_by("id"))
    for target, item in zip(existing, items, strict=False):
        for name in _TARGET_FIELDS:
            setattr(target, name, item[name])
        target.save()
    for item in items[len(existing):]:
        Target.objects.create(indicator=indicator, **{name: item[name] for name in _TARGET_FIELDS})
    for target in existing[len(items):]:
        target.delete()


def _write_actuals(indicator: Indicator, items: list[dict]) -> None:
    for actual in indicator.actuals.exclude(month__in=[item["month"] for item in items]):
        indicator_actual_withdraw(indicator=indicator, month=actual.month, user=None,
                                  reason="tuijin.plan.imported")
    for item in items:
        indicator_actual_save(indicator=indicator, month=item["month"], value=item["value"],
                              user=None, reason="tuijin.plan.imported")


# --- actuals and the state of works -----------------------------------------------------------
# The one write path for what the dashboards read of an indicator's actual and a work's status:
# a plan import and a bureau's counted monthly report (projects.bureau_services) both come here.


def indicator_actual_save(*, indicator: Indicator, month: int, value: Decimal,
                          note: str | None = None, user=None,
                          reason: str = "") -> IndicatorActual:
    """Set the actual of ``indicator`` for ``month`` (cumulative to date, in the unit its
    targets read), creating or replacing it; ``note`` None keeps the note it has. The change is
    kept in the actual's history with ``user`` and ``reason``. Who may report which indicator
    is accounts.permissions' (a bureau reports only the manual indicators it answers for)."""
    if not 1 <= month <= 12:
        raise InputError(_("The month must be between 1 and 12."), field="month", value=month)
    actual = IndicatorActual.objects.filter(indicator=indicator, month=month).first()
    if actual is None:
        actual = IndicatorActual(indicator=indicator, month=month)
    note = actual.note if note is None else note
    if actual.pk is not None and actual.value == value and actual.note == note:
        return actual
    actual.value = value
    actual.note = note
    actual._history_user = acting_user(user)
    actual._change_reason = reason
    actual.save()
    return actual


def indicator_actual_withdraw(*, indicator: Indicator, month: int, user=None,
                              reason: str = "") -> bool:
    """Remove the actual of ``indicator`` for ``month`` (its history keeps the deletion, with
    ``user`` and ``reason``); returns whether there was one."""
    actual = IndicatorActual.objects.filter(indicator=indicator, month=month).first()
    if actual is None:
        return False
    actual._history_user = acting_user(user)
    actual._change_reason = reason
    actual.delete()
    return True


def work_status_save(*, work: KeyTask | Measure, status: str) -> None:
    """Set a key work's or a measure's status (plans.models.Status), as its lead unit reported
    it; the report that says so keeps who and when (projects.BureauReport)."""
    if status not in Status.values:
        raise InputError(_("Unknown status %(status)s.") % {"status": status},
                         hint=_("Choose one of: %(choices)s.")
                         % {"choices": ", ".join(str(label) for label in Status.labels)},
                         field="status", value=status)
    if work.status != status:
        work.status = status
        work.save(update_fields=["status"])


# --- export ---------------------------------------------------------------------------------


def _decimal_text(value: Decimal | None) -> str | None:
    """Decimals as plain strings without trailing zeros: 3000.0000 → "3000", 0.1000 → "0.1"."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _org_name(org: Organisation | None) -> str | None:
    return org.name if org is not None else None


def _co_unit_names(item: KeyTask | Measure) -> list[str]:
    return sorted(org.name for org in item.co_units.all())


def plan_export(plan: Plan) -> dict:
    """The plan as a "tuijin-plan/1" document.

    Normalised so that importing the result and exporting again gives an equal document:
    decimals without trailing zeros, lists in number order, co-units and organisations sorted
    by name. Every organisation the plan refers to is listed.
    """
    used: dict[int, Organisation] = {}

    def note(org: Organisation | None) -> None:
        if org is not None:
            used[org.pk] = org

    measures_by_parent: dict = {}
    measures = Measure.objects.filter(key_task__plan=plan).select_related(
        "lead_unit", "lead_unit__division"
    ).prefetch_related("co_units__division").order_by("number")
    for measure in measures:
        measures_by_parent.setdefault((measure.key_task_id, measure.parent_id), []).append(measure)

    def measure_tree(task_id: int, parent_id: int | None) -> list[dict]:
        out = []
        for measure in measures_by_parent.get((task_id, parent_id), []):
            note(measure.lead_unit)
            for org in measure.co_units.all():
                note(org)
            out.append({
                "number": measure.number, "title": measure.title, "text": measure.text,
                "lead_unit": _org_name(measure.lead_unit), "co_units": _co_unit_names(measure),
                "deadline": measure.deadline.isoformat() if measure.deadline else None,
                "status": measure.status, "children": measure_tree(task_id, measure.pk),
            })
        return out

    key_tasks = []
    tasks = plan.key_tasks.select_related("lead_unit__division").prefetch_related(
        "co_units__division").order_by("number")
    for task in tasks:
        note(task.lead_unit)
        for org in task.co_units.all():
            note(org)
        key_tasks.append({
            "number": task.number, "title": task.title, "summary": task.summary,
            "lead_unit": _org_name(task.lead_unit), "co_units": _co_unit_names(task),
            "deadline": task.deadline.isoformat() if task.deadline else None,
            "status": task.status, "measures": measure_tree(task.pk, None),
        })

    indicators = []
    for ind in plan.indicators.select_related("key_task", "owner__division").prefetch_related(
            "targets", "actuals").order_by("number", "code"):
        note(ind.owner)
        indicators.append({
            "code": ind.code, "name": ind.name, "unit": ind.unit, "source": ind.source,
            "key_task": ind.key_task.number if ind.key_task else None,
            "owner": _org_name(ind.owner), "number": ind.number,
            "targets": [
                {
                    "comparator": t.comparator, "value": _decimal_text(t.value), "unit": t.unit,
                    "tolerance": _decimal_text(t.tolerance), "commitment": t.commitment,
                    "basis": t.basis, "baseline_value": _decimal_text(t.baseline_value),
                    "baseline_year": t.baseline_year, "wording": t.wording,
                }
                for t in sorted(ind.targets.all(), key=lambda t: t.pk)
            ],
            "actuals": [
                {"month": a.month, "value": _decimal_text(a.value)}
                for a in sorted(ind.actuals.all(), key=lambda a: a.month)
            ],
        })

    organisations = [
        {"name": org.name, "kind": org.kind,
         "division": org.division.code if org.division else None}
        for org in sorted(used.values(), key=lambda org: (org.name, org.pk))
    ]
    return {
        "format": FORMAT, "slug": plan.slug, "name": plan.name, "region": plan.region.code,
        "year": plan.year, "summary": plan.summary, "source": plan.source,
        "yellow_band": _decimal_text(plan.yellow_band),
        "approx_tolerance": _decimal_text(plan.approx_tolerance),
        "report_due_day": plan.report_due_day,
        "organisations": organisations,
        "key_tasks": key_tasks,
        "domains": [
            {"number": d.number, "code": d.code, "name": d.name}
            for d in plan.domains.order_by("number", "code")
        ],
        "indicators": indicators,
    }


# --- built-in plans -------------------------------------------------------------------------


def builtin_plan_slugs() -> list[str]:
    """Slugs of the plans shipped in ``plans/data/``."""
    return sorted(path.stem for path in BUILTIN_DIR.glob("*.json"))


def plan_load_builtin(slug: str, *, replace: bool = True) -> Plan:
    """Import (by default: create or refresh) a built-in plan. Raises InputError for an
    unknown slug and PlanImportError as ``plan_import`` does."""
    if slug not in builtin_plan_slugs():
        raise InputError(
            _("There is no built-in plan %(slug)s.") % {"slug": slug},
            hint=_("Built-in plans: %(slugs)s.") % {"slugs": ", ".join(builtin_plan_slugs())},
            field="slug", value=slug,
        )
    with (BUILTIN_DIR / f"{slug}.json").open(encoding="utf-8") as handle:
        data = json.load(handle)
    with transaction.atomic():
        plan = plan_import(data, replace=replace)
        # A built-in plan is a published one (the city's own document), so it loads active —
        # unless the region already has an active plan that year; text and files load as
        # drafts for the city office to check first (plans.lifecycle).
        if plan.status == PlanStatus.DRAFT and not Plan.objects.filter(
                region_id=plan.region_id, year=plan.year, status=PlanStatus.ACTIVE).exists():
            plan = plan_lifecycle_step(plan=plan, action="activate", user=None)
    return plan


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanSettings:
    """What the city office sets for the year on the plan's settings page (issue 10 item 6):
    the reports' due day, the report states the dashboards count and the light scheme with its
    bounds (shares: 0.10 = 10 points or 10 %; see progress.lights)."""

    report_due_day: int
    counted_report_states: tuple[str, ...]
    light_scheme: str
    green_band: Decimal
    yellow_band: Decimal
    ratio_yellow_below: Decimal
    ratio_red_below: Decimal
    # The public OC4IDS download of the plan (issue 14); off by default.
    is_open_data: bool = False


SETTINGS_FIELDS = tuple(PlanSettings.__dataclass_fields__)
_SHARE_FIELDS = ("green_band", "yellow_band", "ratio_yellow_below", "ratio_red_below")


def plan_settings_of(plan: Plan) -> PlanSettings:
    return PlanSettings(**{name: getattr(plan, name) for name in SETTINGS_FIELDS})


def _points(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}"


def plan_settings_errors(settings: PlanSettings) -> list[InputError]:
    """Every problem with ``settings``, each on its field, so a form shows them all at once.

    The bounds of both schemes are checked whichever is chosen: they are kept for a switch
    back, and the plan's check constraints hold them too (green band within the yellow band,
    red below within yellow below)."""
    errors = []
    day = settings.report_due_day
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= 28:
        errors.append(InputError(
            _("The due day must be a day from 1 to 28."),
            hint=_("Every month has a 28th; for a later deadline in one month, set its due "
                   "date when you open it."), field="report_due_day", value=day))
    try:
        check_counted_states(settings.counted_report_states)
    except InputError as error:
        errors.append(error)
    if settings.light_scheme not in LightSchemeKind.values:
        errors.append(InputError(
            _("Unknown light scheme %(value)s.") % {"value": settings.light_scheme},
            hint=_("Choose the gap (percentage points) or the ratio (per cent) to time "
                   "progress."), field="light_scheme", value=settings.light_scheme))
    shares_ok = True
    for name in _SHARE_FIELDS:
        value = getattr(settings, name)
        if not isinstance(value, Decimal) or not value.is_finite() or not 0 <= value <= 1 \
                or value != value.quantize(Decimal("0.0001")):
            shares_ok = False
            errors.append(InputError(
                _("A bound must be between 0 and 100, with at most two decimal places."),
                hint=_("Write points or per cent as a number, e.g. 10 or 12.5."),
                field=name, value=value))
    if shares_ok and settings.green_band > settings.yellow_band:
        errors.append(InputError(
            _("Green within %(green)s points is more than the yellow bound of %(yellow)s "
              "points.") % {"green": _points(settings.green_band),
                            "yellow": _points(settings.yellow_band)},
            hint=_("The green bound is at most the yellow one: e.g. green within 0 and yellow "
                   "up to 10 points (the default), or green within 10 and yellow up to 30 "
                   "(Yinchuan)."), field="green_band", value=settings.green_band))
    if shares_ok and settings.ratio_red_below > settings.ratio_yellow_below:
        errors.append(InputError(
            _("Red below %(red)s%% is above yellow below %(yellow)s%%.")
            % {"red": _points(settings.ratio_red_below),
               "yellow": _points(settings.ratio_yellow_below)},
            hint=_("Red starts lower than yellow: e.g. yellow below 80 %, red below 60 % "
                   "(Wuhan)."), field="ratio_red_below", value=settings.ratio_red_below))
    return errors


def _months_recounted(plan: Plan, flipped: set[str]) -> list[int]:
    """The months with a project's or a bureau's report in a state whose counting would flip.

    Read through the plan's reverse relations (projects, their filings; bureau_reports) so
    that plans imports nothing from projects (STYLE.md §1)."""
    months = set(plan.projects.filter(filings__state__in=flipped)
                 .values_list("filings__month", flat=True))
    months |= set(plan.bureau_reports.filter(state__in=flipped).values_list("month", flat=True))
    return sorted(months)


@transaction.atomic
def plan_settings_update(*, plan: Plan, settings: PlanSettings, user) -> list[str]:
    """Set the plan's due day, counted report states and light scheme with its bounds.

    Requires that the caller checked accounts.permissions.may_manage_plan. Writes the plan in
    one transaction, kept in its history with ``user`` and the reason "tuijin.plan.settings";
    returns the names of the settings changed (none: nothing is written).

    - The due day applies to months opened from now on: a month already open keeps its due
      date (projects.ReportingPeriod.due_on, set when it was opened).
    - The lights follow the new scheme at once, in every month: they are computed, not stored.
    - What counts is written by the reporting cycle as each report moves (the dashboards read
      the counted figures, projects.MonthlyReport). So a change of the counted states is
      refused while any report is in a state it would start or stop counting (a report
      waiting for review, when switching between "submitted and approved" and "approved
      only"): review those first, and the figures stay what the cycle wrote.

    Raises InputError, on its field, for the first problem ``plan_settings_errors`` finds
    and for such reports.
    """
    errors = plan_settings_errors(settings)
    if errors:
        raise errors[0]
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    states = [s for s in COUNTABLE_STATES if s in settings.counted_report_states]
    values = {name: getattr(settings, name) for name in SETTINGS_FIELDS}
    values["counted_report_states"] = states
    changed = [name for name, value in values.items() if getattr(plan, name) != value]
    if "counted_report_states" in changed and set(plan.counted_report_states) == set(states):
        changed.remove("counted_report_states")  # the same states in another order
    if not changed:
        return []
    if "counted_report_states" in changed:
        flipped = set(plan.counted_report_states) ^ set(states)
        months = _months_recounted(plan, flipped)
        if months:
            raise InputError(
                _("Reports of month %(months)s are %(states)s: this change would start or "
                  "stop counting them on the dashboards.")
                % {"months": ", ".join(str(m) for m in months),
                   "states": ", ".join(_state_label(s) for s in sorted(flipped))},
                hint=_("Have them reviewed first (approved or returned; a locked month needs "
                       "reopening), then change what counts."),
                field="counted_report_states", value=states)
    for name in changed:
        setattr(plan, name, values[name])
    plan._history_user = acting_user(user)
    plan._change_reason = "tuijin.plan.settings"
    plan.save(update_fields=changed)
    return changed


def _state_label(state: str) -> str:
    return {"submitted": _("submitted"), "approved": _("approved")}.get(state, state)
