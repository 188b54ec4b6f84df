from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from tuijin.core.errors import InputError
from tuijin.core.periods import Period
from tuijin.projects.geo import Datum
from tuijin.projects.models import ColumnMapping
from tuijin.projects.spreadsheets.imports import PROJECTS, REPORTS
from tuijin.projects.spreadsheets.layout import FIELD_NAMES
from tuijin.projects.spreadsheets.reader import SUFFIXES

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=[
        (PROJECTS, _("Project library")), (REPORTS, _("Monthly reports"))])
    month = forms.CharField(
        label=_("Month of the reports"), required=False, max_length=16,
        help_text=_("For reports, e.g. 2023-06; may be left empty when a column is headed "
                    "1-6月完成投资."))
    mapping = forms.ModelChoiceField(label=_("Saved column mapping"), required=False,
                                     queryset=ColumnMapping.objects.none())
    file = forms.FileField(label=_("Spreadsheet (.xlsx or .xls)"))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["mapping"].queryset = ColumnMapping.objects.filter(plan=plan)

    def clean_month(self):
        raw = self.cleaned_data["month"].strip()
        if not raw:
            return None
        try:
            period = Period.parse(raw)
        except InputError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if period.year != self.plan.year:
            raise forms.ValidationError(
                _("Give a month of the plan's year %(year)s.") % {"year": self.plan.year})
        return period

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(
                _("%(name)s is not an Excel or WPS workbook; upload an .xlsx or .xls file.")
                % {"name": upload.name})
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; split it."))
        return upload

    def clean(self):
        data = super().clean()
        mapping = data.get("mapping")
        if mapping is not None and mapping.kind != data.get("kind"):
            self.add_error("mapping", _("This mapping is for the other kind of file."))
        return data


class MappingForm(forms.Form):
    """Name a mapping and choose the field of each header the preview found."""

    name = forms.CharField(label=_("Name of the mapping"), max_length=64)

    def __init__(self, *args, headers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("(ignore this column)")),
                   *[(key, f"{label}") for key, label in FIELD_NAMES.items()],
                   # A coordinate column whose header does not name its datum.
                   *[(f"{key}@{datum}", f"{FIELD_NAMES[key]} ({datum})")
                     for key in ("longitude", "latitude") for datum in Datum.values]]
        self.headers = headers
        for i, header in enumerate(headers):
            self.fields[f"h{i}"] = forms.ChoiceField(label=header, choices=choices,
                                                     required=False)
