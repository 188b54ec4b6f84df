"""Forms of the problem pages. The rules' refusals (problems.rules, problems.services) are
shown on the field they name (STYLE.md §5)."""

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

from tuijin.core.errors import InputError
from tuijin.problems.attachments import ACCEPTED, attachment_limits
from tuijin.problems.days import MAX_DAYS, days_checked
from tuijin.problems.models import ProblemCategory
from tuijin.problems.rules import Action, State
from tuijin.problems.selectors import assignable_units, categories_offered

SHORT_TEXT = forms.Textarea(attrs={"rows": 3})


def _error_text(exc: InputError) -> str:
    return f"{exc.message} {exc.hint}".strip()


class InputErrorMixin:
    def add_input_error(self, exc: InputError) -> None:
        field = exc.field if exc.field in self.fields and exc.field != "version" else None
        self.add_error(field, _error_text(exc))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; the view passes ``request.FILES.getlist`` to the service,
    which checks them (problems.attachments)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(AttachmentsField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


def attachments_help() -> str:
    limits = attachment_limits()
    return gettext_lazy("PDF, pictures, Word or Excel; at most %(count)s files of %(mb)s MB "
                        "each.") % {"count": limits.per_step, "mb": limits.max_mb}


class ProblemForm(InputErrorMixin, forms.Form):
    category = forms.ModelChoiceField(label=gettext_lazy("category"), queryset=None,
                                      required=False)
    description = forms.CharField(label=gettext_lazy("problem"), widget=SHORT_TEXT,
                                  max_length=2000, required=False)
    help_requested = forms.CharField(label=gettext_lazy("help requested"), widget=SHORT_TEXT,
                                     max_length=2000, required=False)
    attachments = AttachmentsField(label=gettext_lazy("attachments"))
    source_month = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_offered()
        self.fields["attachments"].help_text = attachments_help()


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.division.display_name}）" if obj.division_id else obj.name


class StepForm(InputErrorMixin, forms.Form):
    """One step of a problem; ``action`` decides the fields shown (assign: unit and deadline)
    and what the comment is called (the answer, the reason)."""

    unit = UnitChoiceField(label=gettext_lazy("responsible unit"), queryset=None,
                           required=False)
    # 办理时限, as the problem's messages, reminders and bulletin call it (a plan's deadline is
    # its 完成时限).
    deadline = forms.DateField(label=pgettext_lazy("problem", "deadline"), required=False,
                               # A date input reads and shows ISO dates only, whatever
                               # the language's date format.
                               widget=forms.DateInput(attrs={"type": "date"},
                                                      format="%Y-%m-%d"))
    # The range is checked by problems.days.days_checked (clean_days), whose message says
    # what is allowed; the browser is told the same bounds.
    days = forms.IntegerField(label=gettext_lazy("or within (days)"), required=False,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0,
                                                              "max": MAX_DAYS}))
    comment = forms.CharField(label=gettext_lazy("comment"), widget=SHORT_TEXT,
                              max_length=2000, required=False)
    attachments = AttachmentsField(label=gettext_lazy("attachments"))
    version = forms.IntegerField(widget=forms.HiddenInput)

    LABELS = {
        Action.ANSWER: gettext_lazy("answer"),
        Action.DECLINE: gettext_lazy("reason"),
        Action.SEND_BACK: gettext_lazy("what is still to do"),
        Action.ESCALATE: gettext_lazy("reason"),
    }

    def __init__(self, *args, action: str, project=None, **kwargs):
        kwargs.setdefault("prefix", action)
        super().__init__(*args, **kwargs)
        self.action = action
        if action == Action.ASSIGN:
            # The units that may take this project's problem (problems.rules.may_take_problem):
            # its district's and the city's, and its own owner.
            self.fields["unit"].queryset = assignable_units(project)
            self.fields["days"].help_text = _days_help()
        else:
            del self.fields["unit"]
            del self.fields["deadline"]
            del self.fields["days"]
        if action == Action.ANSWER:
            self.fields["attachments"].help_text = attachments_help()
        else:
            del self.fields["attachments"]
        if action in self.LABELS:
            self.fields["comment"].label = self.LABELS[action]

    # Set by the page: an assignment offered again, as a correction (problems.views).
    is_reassign = False

    @property
    def label(self) -> str:
        if self.is_reassign:
            return gettext_lazy("Assign again")
        return Action(self.action).label

    @property
    def has_files(self) -> bool:
        return "attachments" in self.fields

    def clean_days(self):
        days = self.cleaned_data.get("days")
        if days is not None:
            try:
                days_checked(days)
            except InputError as exc:
                raise forms.ValidationError(_error_text(exc)) from exc
        return days


def _days_help() -> str:
    from tuijin.problems.days import WORKING, day_count

    return (gettext_lazy("Counted in working days (holidays off, adjusted weekends on).")
            if day_count() == WORKING else gettext_lazy("Counted in calendar days."))


class FilterForm(forms.Form):
    """The list's GET filters."""

    state = forms.ChoiceField(label=gettext_lazy("state"), required=False,
                              choices=[("", gettext_lazy("All")), *State.choices])
    overdue = forms.BooleanField(label=gettext_lazy("overdue only"), required=False)
    mine = forms.BooleanField(label=gettext_lazy("assigned to me"), required=False)
    district = forms.ChoiceField(label=gettext_lazy("district"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("category"), required=False)
    unit = forms.ChoiceField(label=gettext_lazy("responsible unit"), required=False)
    project = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, districts=(), units=(), has_mine=True, **kwargs):
        """Only the filters that mean something to the reader (problems.selectors.
        list_filters_for): without districts or units to choose from, that filter is left
        out."""
        super().__init__(*args, **kwargs)
        if not has_mine:  # nothing is assigned to the reader's unit
            del self.fields["mine"]
        if not districts:
            del self.fields["district"]
        else:
            self.fields["district"].choices = [("", gettext_lazy("All"))] + [
                (d.code, d.display_name) for d in districts]
        # Every category, the deactivated ones too: old problems keep theirs.
        self.fields["category"].choices = [("", gettext_lazy("All"))] + [
            (c.name, c.name) for c in ProblemCategory.objects.all()]
        if not units:
            del self.fields["unit"]
        else:
            self.fields["unit"].choices = [("", gettext_lazy("All"))] + [
                (str(u.pk), u.name) for u in units]


class CategoryForm(InputErrorMixin, forms.Form):
    """One category on the city office's page: its name, place in the list and whether new
    problems may choose it."""

    name = forms.CharField(label=gettext_lazy("name"), max_length=32)
    order = forms.IntegerField(label=gettext_lazy("order"), min_value=0, max_value=32767)
    is_active = forms.BooleanField(label=gettext_lazy("offered for new problems"),
                                   required=False)


class CoordinationForm(forms.Form):
    """需要协调, on the owner's filing page: saving or submitting the report with the box ticked
    raises its blockers as a problem (problems.services.filing_save_raising)."""

    needs_coordination = forms.BooleanField(
        label=gettext_lazy("Needs coordination (需要协调): raise the problems above for the "
                           "district or the city to solve when saving"), required=False)
    coordination_category = forms.ModelChoiceField(
        label=gettext_lazy("category of the problem"), queryset=None, required=False,
        empty_label=gettext_lazy("(not sure: 其他)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordination_category"].queryset = categories_offered()
