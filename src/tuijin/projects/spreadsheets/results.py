"""What an import reports back (issue 3): the rows it creates, changes or leaves as they are,
with the changed fields' old and new values, and every error and warning with its place."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tuijin.core.errors import InputError
from tuijin.core.money import WAN_PLACES

# The two kinds of import.
PROJECTS = "projects"
REPORTS = "reports"


@dataclass
class RowChange:
    row: int
    status: str  # "new", "changed" or "unchanged"
    label: str
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)  # field: (old, new)


@dataclass
class ImportResult:
    kind: str
    plan: str
    file: str = ""
    sheet: str = ""
    month: int | None = None
    dry_run: bool = False
    written: bool = False
    changes: list[RowChange] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[InputError] = field(default_factory=list)
    skipped: int = 0
    owners_created: int = 0
    # The header as shown, its key for a saved mapping, and the field it was read as ("" = none).
    columns: list[dict] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for c in self.changes if c.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {"new": self.count("new"), "changed": self.count("changed"),
                "unchanged": self.count("unchanged"), "skipped": self.skipped}

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self, *, with_rows: bool = False) -> dict:
        data = {
            "kind": self.kind, "plan": self.plan, "file": self.file, "sheet": self.sheet,
            "month": self.month, "dry_run": self.dry_run, "written": self.written,
            "counts": self.counts, "owners_created": self.owners_created,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [w.as_dict() for w in self.warnings],
            "changed": [
                {"row": c.row, "label": c.label,
                 "fields": {k: {"old": o, "new": n} for k, (o, n) in c.fields.items()}}
                for c in self.changes if c.status == "changed"
            ],
        }
        if with_rows:
            data["rows"] = self.rows
        return data


def display(value: object) -> str:
    """A value as the change list and a dry run's rows show it: amounts in 万元 without
    trailing zeros, dates as ISO, booleans as 1 and 0."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.quantize(WAN_PLACES).normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)

