"""Forms of the problem pages. The rules' refusals (problems.rules, problems.services) are
shown on the field they name (STYLE.md §5)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from tuijin.core.errors import InputError
from tuijin.core.models import Organisation
from tuijin.problems.rules import Action, State
from tuijin.problems.selectors import categories_offered

SHORT_TEXT = forms.Textarea(attrs={"rows": 3})


def _error_text(exc: InputError) -> str:
    return f"{exc.message} {exc.hint}".strip()


class InputErrorMixin:
    def add_input_error(self, exc: InputError) -> None:
        field = exc.field if exc.field in self.fields and exc.field != "version" else None
        self.add_error(field, _error_text(exc))


class ProblemForm(InputErrorMixin, forms.Form):
    category = forms.ModelChoiceField(label=gettext_lazy("category"), queryset=None,
                                      required=False)
    description = forms.CharField(label=gettext_lazy("problem"), widget=SHORT_TEXT,
                                  max_length=2000, required=False)
    help_requested = forms.CharField(label=gettext_lazy("help requested"), widget=SHORT_TEXT,
                                     max_length=2000, required=False)
    source_month = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories_offered()


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.division.display_name}）" if obj.division_id else obj.name


class StepForm(InputErrorMixin, forms.Form):
    """One step of a problem; ``action`` decides the fields shown (assign: unit and deadline)
    and what the comment is called (the answer, the reason)."""

    unit = UnitChoiceField(label=gettext_lazy("responsible unit"), queryset=None,
                           required=False)
    deadline = forms.DateField(label=gettext_lazy("deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    comment = forms.CharField(label=gettext_lazy("comment"), widget=SHORT_TEXT,
                              max_length=2000, required=False)
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
            # Bureaus, district governments and utilities, and the project's own owner: the
            # owners of other projects are never the unit to solve this one.
            units = ~Q(kind=Organisation.Kind.OWNER)
            if project is not None and project.owner_id:
                units |= Q(pk=project.owner_id)
            self.fields["unit"].queryset = (Organisation.objects.filter(units)
                                            .select_related("division"))
        else:
            del self.fields["unit"]
            del self.fields["deadline"]
        if action in self.LABELS:
            self.fields["comment"].label = self.LABELS[action]

    @property
    def label(self) -> str:
        return Action(self.action).label


class FilterForm(forms.Form):
    """The list's GET filters."""

    state = forms.ChoiceField(label=gettext_lazy("state"), required=False,
                              choices=[("", gettext_lazy("All")), *State.choices])
    overdue = forms.BooleanField(label=gettext_lazy("overdue only"), required=False)
    mine = forms.BooleanField(label=gettext_lazy("assigned to me"), required=False)
    district = forms.ChoiceField(label=gettext_lazy("district"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("category"), required=False)

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", gettext_lazy("All"))] + [
            (d.code, d.display_name) for d in districts]
        self.fields["category"].choices = [("", gettext_lazy("All"))] + [
            (c.name, c.name) for c in categories_offered()]
