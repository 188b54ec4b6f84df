"""Forms of the plan pages: the plan's settings for the year (plans.services.PlanSettings).

Bounds are typed in points or per cent (10 = 10 points, 80 = 80 %), as the office speaks of
them, and handed to the service as shares (0.10, 0.80), as the plan stores them.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy

from tuijin.plans.models import LightSchemeKind, Plan
from tuijin.plans.services import PlanSettings, plan_settings_errors, plan_settings_of

HUNDRED = Decimal(100)


def _bound_field(label, help_text):
    return forms.DecimalField(label=label, help_text=help_text, min_value=0, max_value=100,
                              max_digits=5, decimal_places=2,
                              widget=forms.NumberInput(attrs={"step": "any",
                                                              "inputmode": "decimal"}))


class PlanSettingsForm(forms.Form):
    report_due_day = forms.IntegerField(
        label=gettext_lazy("reports due on day"), min_value=1, max_value=28,
        help_text=gettext_lazy("1 to 28. The due date of a month opened from now on; a month "
                               "already open keeps its due date."))
    counted_report_states = forms.MultipleChoiceField(
        label=gettext_lazy("reports the dashboards count"),
        choices=[("submitted", gettext_lazy("submitted (waiting for review)")),
                 ("approved", gettext_lazy("approved"))],
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=gettext_lazy("Drafts and returned reports never count: a returned report "
                               "counts as missing."))
    light_scheme = forms.ChoiceField(label=gettext_lazy("light scheme"),
                                     choices=LightSchemeKind.choices)
    green_band = _bound_field(
        gettext_lazy("gap: green within (points behind time progress)"),
        gettext_lazy("0 = green only once completion reaches time progress (the default); "
                     "Yinchuan: 10."))
    yellow_band = _bound_field(
        gettext_lazy("gap: yellow up to (points behind); red beyond"),
        gettext_lazy("Default 10; Yinchuan: 30. Also the floor of the indicator targets and "
                     "the forecast's margin."))
    ratio_yellow_below = _bound_field(
        gettext_lazy("ratio: yellow below (per cent of time progress)"),
        gettext_lazy("Wuhan: 80."))
    ratio_red_below = _bound_field(
        gettext_lazy("ratio: red below (per cent of time progress)"),
        gettext_lazy("Wuhan: 60."))

    is_open_data = forms.BooleanField(
        label=gettext_lazy("publish the plan's projects as open data (OC4IDS)"), required=False,
        help_text=gettext_lazy("Off by default. When on, anyone may download the projects, "
                               "their budgets, milestones and monthly investment, without "
                               "logging in; reports' blockers, photos and people are never "
                               "published."))

    SHARES = ("green_band", "yellow_band", "ratio_yellow_below", "ratio_red_below")

    @classmethod
    def for_plan(cls, plan: Plan, data=None) -> "PlanSettingsForm":
        current = plan_settings_of(plan)
        initial = {name: getattr(current, name)
                   for name in ("report_due_day", "light_scheme", "is_open_data")}
        initial["counted_report_states"] = list(current.counted_report_states)
        for name in cls.SHARES:
            # 0.1000 → 10, not 1E+1 nor 10.0000
            initial[name] = Decimal(f"{(getattr(current, name) * HUNDRED).normalize():f}")
        return cls(data, initial=initial)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.settings = PlanSettings(
            report_due_day=cleaned["report_due_day"],
            counted_report_states=tuple(cleaned["counted_report_states"]),
            light_scheme=cleaned["light_scheme"],
            is_open_data=cleaned["is_open_data"],
            **{name: cleaned[name] / HUNDRED for name in self.SHARES})
        for error in plan_settings_errors(self.settings):
            self.add_error(error.field if error.field in self.fields else None,
                           f"{error.message} {error.hint}".strip())
        return cleaned
