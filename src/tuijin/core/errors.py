"""One error type for every value a user can get wrong.

It carries where the value came from (a form field, or a sheet/row/column) and a hint on how
to fix it, so forms, imports, the API and commands can all show the same actionable message.
"""

from dataclasses import dataclass
from dataclasses import field as dc_field

from django.utils.translation import gettext as _


@dataclass
class InputError(ValueError):
    message: str
    hint: str = ""
    field: str = ""
    value: object = None
    sheet: str = ""
    row: int | None = None
    column: str = ""
    extra: dict = dc_field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def located(self, **where) -> "InputError":
        """Return a copy with location details (field, sheet, row, column) filled in."""
        data = {**self.__dict__, **where}
        return InputError(**data)

    def __str__(self) -> str:
        parts = []
        if self.sheet:
            parts.append(_("sheet %(sheet)s") % {"sheet": self.sheet})
        if self.row is not None:
            parts.append(_("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(_("column %(column)s") % {"column": self.column})
        elif self.field:
            parts.append(_("field %(field)s") % {"field": self.field})
        where = ", ".join(parts)
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text = f"{text} {self.hint}"
        return text

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "value": None if self.value is None else str(self.value),
            "message": self.message,
            "hint": self.hint,
        }
