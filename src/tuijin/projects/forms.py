"""Forms for projects and monthly reports. Parsing is core's (codes, money); the message a
parser raises is shown on the field it came from (STYLE.md §5)."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuijin.core.codes import division_is_within, parse_project_code
from tuijin.core.errors import InputError
from tuijin.core.models import Division, Organisation
from tuijin.core.money import parse_amount
from tuijin.plans.models import Domain, Status
from tuijin.projects.bureau import Subject, parse_reported_value
from tuijin.projects.geo import Datum
from tuijin.projects.locations import check_project_point, parse_point_text
from tuijin.projects.models import Project

DESCRIPTION_LIMIT = 2000  # characters, as projects.services.REPORT_TEXT_LIMIT

# Reports are often filled on a phone: short boxes that grow, not ten empty lines.
SHORT_TEXT = forms.Textarea(attrs={"rows": 3})
MONEY_HELP = gettext_lazy("In 万元 unless you write the unit, e.g. 1.2亿 or 3500万元.")


def error_text(exc: InputError) -> str:
    return f"{exc.message} {exc.hint}".strip()


def money_input(value: Decimal | None) -> str:
    """A stored amount as the user would type it back: 12000.0000 → 12000."""
    if value is None:
        return ""
    normal = value.normalize()
    return f"{normal:f}"


class MoneyField(forms.Field):
    """An amount in 万元; accepts 1,234.5 / １２.５ / 1.2亿 / 300万元; refuses negatives."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", MONEY_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return money_input(value) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            return parse_amount(text, unit="万元")
        except InputError as exc:
            raise ValidationError(error_text(exc), code="amount") from exc


class ProjectForm(forms.ModelForm):
    total_investment_wan = MoneyField(label=gettext_lazy("total investment (万元)"))
    annual_plan_wan = MoneyField(label=gettext_lazy("planned investment this year (万元)"))
    # The point as a map app copies it, and the map it came from (projects.locations).
    location = forms.CharField(
        label=gettext_lazy("location (longitude, latitude)"), required=False, max_length=60,
        help_text=gettext_lazy("Pick the site in a map app and paste its point, longitude "
                               "first: 114.307600,34.797200. Leave empty if not known."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off",
                                      "placeholder": "114.307600,34.797200"}))
    location_datum = forms.ChoiceField(
        label=gettext_lazy("map the point came from"), choices=Datum.choices, required=False,
        initial=Datum.GCJ02,
        help_text=gettext_lazy("Amap and Tencent maps give GCJ-02, Baidu BD-09, a GPS device "
                               "or a phone's photo WGS-84."))

    class Meta:
        model = Project
        fields = [
            "code", "name", "domain", "district", "owner", "is_industrial", "nature",
            "description", "total_investment_wan", "annual_plan_wan",
            "planned_signed_on", "planned_started_on", "planned_in_production_on",
            "actual_signed_on", "actual_started_on", "actual_in_production_on",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in (
                "planned_signed_on", "planned_started_on", "planned_in_production_on",
                "actual_signed_on", "actual_started_on", "actual_in_production_on",
            )
        } | {"description": SHORT_TEXT}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.instance.plan = plan
        self.fields["domain"].queryset = Domain.objects.filter(plan=plan)
        self.fields["district"].queryset = Division.objects.filter(
            Q(pk=plan.region_id) | Q(parent_id=plan.region_id)
        )
        self.fields["owner"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.OWNER
        )
        # A description is read on a phone, like a report's texts: the same limit (issue 11).
        description = self.fields["description"]
        description.max_length = DESCRIPTION_LIMIT
        description.validators.append(MaxLengthValidator(DESCRIPTION_LIMIT))
        description.widget.attrs["maxlength"] = str(DESCRIPTION_LIMIT)
        project = self.instance
        if project.longitude is not None and project.latitude is not None:
            self.initial.setdefault("location", f"{project.longitude},{project.latitude}")
            self.initial.setdefault("location_datum", project.location_datum)

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("location") or "").strip()
        datum = cleaned.get("location_datum") or Datum.GCJ02
        if not text:
            self.instance.longitude = self.instance.latitude = None
            self.instance.location_datum = ""
            return cleaned
        try:
            longitude, latitude = parse_point_text(text)
            point = check_project_point(longitude, latitude, datum, plan=self.plan)
        except InputError as exc:
            self.add_error("location", error_text(exc))
            return cleaned
        self.instance.longitude, self.instance.latitude = point.longitude, point.latitude
        self.instance.location_datum = point.datum
        return cleaned

    def clean_code(self) -> str | None:
        raw = (self.cleaned_data.get("code") or "").strip()
        if not raw:
            return None
        try:
            parsed = parse_project_code(raw)
        except InputError as exc:
            raise ValidationError(error_text(exc), code="format") from exc
        region = self.plan.region.code
        if not division_is_within(parsed.division, region):
            raise ValidationError(
                _(
                    "Project code %(code)s was issued by division %(division)s, which is outside "
                    "%(region)s (%(region_code)s); digits 6–11 must be this city, one of its "
                    "districts or its province."
                )
                % {"code": parsed, "division": parsed.division, "region": self.plan.region,
                   "region_code": region},
                code="division",
            )
        code = str(parsed)
        # The unique constraint involves the plan, which is not a form field, so the ModelForm
        # would not check it; check it here so the error lands on the code field.
        taken = Project.objects.filter(plan=self.plan, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("Another project in this plan has the project code %(code)s.") % {"code": code},
                code="unique",
            )
        return code


class MonthlyReportForm(forms.Form):
    """One month's report. The cross-month rules (one report per month, cumulatives that agree)
    are the service's (projects.services.report_save); the view puts its errors on our fields."""

    month = forms.TypedChoiceField(label=gettext_lazy("month"), coerce=int)
    investment_month_wan = MoneyField(label=gettext_lazy("investment this month (万元)"))
    cumulative_wan = MoneyField(label=gettext_lazy("cumulative investment this year (万元)"))
    progress_text = forms.CharField(
        label=gettext_lazy("physical progress"), required=False, widget=SHORT_TEXT
    )
    blockers = forms.CharField(
        label=gettext_lazy("problems (存在问题)"), required=False, widget=SHORT_TEXT
    )
    help_requested = forms.CharField(
        label=gettext_lazy("help requested"), required=False, widget=SHORT_TEXT
    )
    reason = forms.CharField(
        label=gettext_lazy("reason for the correction"), required=False, max_length=500,
        help_text=gettext_lazy("Kept in the report's history."),
    )
    # The shift of later cumulatives the user has seen and accepted (projects.rules.shift_summary).
    confirm_shift = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, month: int | None = None, **kwargs):
        """With ``month``, the form corrects that month's report and the month is fixed."""
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [
            (m, _("Month %(month)s") % {"month": m}) for m in range(1, 13)
        ]
        for name in ("investment_month_wan", "cumulative_wan"):
            # One of the two is enough: the other follows from the previous month.
            self.fields[name].required = False
        if month is not None:
            self.fields["month"].initial = month
            self.fields["month"].disabled = True
        else:
            del self.fields["reason"]

    def figures(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) or "" for name in
                ("progress_text", "blockers", "help_requested")} | {
            "month": data["month"], "investment_month_wan": data.get("investment_month_wan"),
            "cumulative_wan": data.get("cumulative_wan")}

    def is_shift_confirmed(self, shift) -> bool:
        return self.cleaned_data.get("confirm_shift") == str(shift)

    def ask_to_confirm(self, shift) -> None:
        """Show the form again with the shift filled in, so the next submit confirms it."""
        self.data = self.data.copy()
        self.data["confirm_shift"] = str(shift)

    def add_input_error(self, exc: InputError) -> None:
        field = exc.field if exc.field in self.fields else None
        self.add_error(field, error_text(exc))


class ReportWithdrawForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("reason for withdrawing"), max_length=500,
                             help_text=gettext_lazy("Kept in the report's history."))


class ProjectFilterForm(forms.Form):
    """The project list's GET filters. Only drawn by this form: the values go to
    projects.selectors.project_list_filtered as typed, where an unknown one matches nothing."""

    FILTERS = ("district", "domain", "industrial", "nature", "q")

    q = forms.CharField(label=gettext_lazy("Name or code"), required=False)
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    domain = forms.ChoiceField(label=gettext_lazy("Domain"), required=False)
    industrial = forms.ChoiceField(label=gettext_lazy("Industrial"), required=False)
    nature = forms.ChoiceField(label=gettext_lazy("Nature"), required=False)

    def __init__(self, *args, plan, districts, **kwargs):
        """``districts``: those the reader may choose (projects.selectors.districts_offered_to)."""
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        if len(districts) > 1 or (self.data or {}).get("district"):
            self.fields["district"].choices = everything + [
                (d.code, d.display_name) for d in districts]
        else:
            # One district to choose from (a district user's own) is no choice; one the
            # address asks for stays, so it can be seen and cleared.
            del self.fields["district"]
        self.fields["domain"].choices = everything + [
            (d.code, d.name) for d in Domain.objects.filter(plan=plan)
        ]
        self.fields["industrial"].choices = [*everything, ("1", _("Yes")), ("0", _("No"))]
        self.fields["nature"].choices = everything + list(Project.Nature.choices)

    def filters(self) -> dict[str, str]:
        values = {name: str(self.data.get(name, "")).strip() for name in self.FILTERS}
        values["query"] = values.pop("q")
        return values


class FilingForm(forms.Form):
    """The owner's report for the open month (projects.cycle_services.filing_save). Both
    figures may stay empty in a draft; submitting resolves them by projects.rules."""

    investment_month_wan = MoneyField(label=gettext_lazy("investment this month (万元)"),
                                      required=False)
    cumulative_wan = MoneyField(label=gettext_lazy("cumulative investment this year (万元)"),
                                required=False)
    progress_text = forms.CharField(label=gettext_lazy("physical progress"), required=False,
                                    widget=SHORT_TEXT)
    blockers = forms.CharField(label=gettext_lazy("problems (存在问题)"), required=False,
                               widget=SHORT_TEXT)
    help_requested = forms.CharField(label=gettext_lazy("help requested"), required=False,
                                     widget=SHORT_TEXT)
    # The version the user opened; a save against another version is a stale edit.
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def add_input_error(self, exc: InputError) -> None:
        field = exc.field if exc.field in self.fields and exc.field != "version" else None
        self.add_error(field, error_text(exc))


class ReviewForm(forms.Form):
    comment = forms.CharField(label=gettext_lazy("comment for the owner"), required=False,
                              max_length=1000, widget=SHORT_TEXT)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("reason"), max_length=500,
                             help_text=gettext_lazy("Kept in the history."))


class PeriodOpenForm(forms.Form):
    month = forms.TypedChoiceField(label=gettext_lazy("month"), coerce=int)
    due_on = forms.DateField(label=gettext_lazy("due date"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}),
                             help_text=gettext_lazy("Empty: the plan's due day of the month."))

    def __init__(self, *args, months: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(m, _("Month %(month)s") % {"month": m}) for m in months]


class BureauReportForm(forms.Form):
    """A bureau's report for the month (projects.bureau_services.bureau_report_save): the value
    of an indicator, typed in ``unit``, or the status of a work; a note either way. Everything
    may stay empty in a draft."""

    value = forms.CharField(label=gettext_lazy("value"), required=False,
                            widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                          "autocomplete": "off"}))
    status = forms.ChoiceField(label=gettext_lazy("status"), required=False)
    note = forms.CharField(label=gettext_lazy("progress note"), required=False,
                           widget=SHORT_TEXT)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, subject: str, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.is_growth = unit == "%"
        if subject == Subject.INDICATOR:
            del self.fields["status"]
            self.fields["value"].label = (
                _("growth to date over last year (%)") if self.is_growth
                else _("value to date (%(unit)s)") % {"unit": unit or "—"})
            self.fields["value"].help_text = (
                _("Year-on-year change of January to this month, e.g. 32.5 or -3.")
                if self.is_growth else _("The total from January to this month."))
        else:
            del self.fields["value"]
            self.fields["status"].choices = [("", "—"), *Status.choices]

    def clean_value(self):
        try:
            return parse_reported_value(self.cleaned_data.get("value"), unit=self.unit,
                                        allow_negative=self.is_growth)
        except InputError as exc:
            raise ValidationError(error_text(exc), code="value") from exc

    def add_input_error(self, exc: InputError) -> None:
        field = exc.field if exc.field in self.fields and exc.field != "version" else None
        self.add_error(field, error_text(exc))
