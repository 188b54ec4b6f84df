"""Forms of the user pages. Each check is the services' own (accounts/rules.py, the password
validators, core/phones.py), run here too so that one submission shows every problem, each
next to its field and naming it (STYLE.md §5)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuijin.accounts.models import User
from tuijin.accounts.rules import scope_errors
from tuijin.accounts.services import field_labels, password_problems
from tuijin.core.errors import InputError
from tuijin.core.models import Division, Organisation
from tuijin.core.phones import parse_phone

ACTIVE_CHOICES = [("", gettext_lazy("all")), ("1", gettext_lazy("active")),
                  ("0", gettext_lazy("deactivated"))]


def error_text(exc: InputError) -> str:
    return f"{exc.message} {exc.hint}".strip()


def add_input_error(form: forms.Form, exc: InputError) -> None:
    """Show a service's InputError next to the field it names (or above the form)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, error_text(exc))


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} · {obj.get_kind_display()}"


class NamedErrorsMixin:
    """"This field is required." names no field; say which one, as every other message does."""

    def _name_required_errors(self) -> None:
        for field in self.fields.values():
            field.error_messages["required"] = _("%(field)s: this field is required.") % {
                "field": capfirst(field.label)}


class UserForm(NamedErrorsMixin, forms.Form):
    username = forms.CharField(
        label=gettext_lazy("username"), max_length=150,
        help_text=gettext_lazy("What the user logs in with: letters, digits and @ . + - _ "
                               "only, e.g. longting-wang."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}))
    full_name = forms.CharField(label=gettext_lazy("full name"), max_length=64)
    role = forms.ChoiceField(label=gettext_lazy("role"), choices=User.Role.choices)
    divisions = forms.ModelMultipleChoiceField(
        label=gettext_lazy("districts"), required=False,
        queryset=Division.objects.filter(
            level__in=[Division.Level.DISTRICT, Division.Level.ZONE]).order_by("code"),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("District users only: the districts they see and review."))
    organisation = OrganisationChoiceField(
        label=gettext_lazy("organisation"), required=False,
        queryset=Organisation.objects.select_related(None).order_by("kind", "name"),
        help_text=gettext_lazy("Project owners and bureaus only: the unit they report for."))
    phone = forms.CharField(
        label=gettext_lazy("phone"), max_length=32, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        help_text=gettext_lazy("Shown to the district on the list of late reports."))
    email = forms.EmailField(label=gettext_lazy("e-mail"), required=False,
                             help_text=gettext_lazy("Reminders are sent here."))
    password = forms.CharField(
        label=gettext_lazy("password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Leave empty and tuijin makes up a temporary password, shown "
                               "once after saving."))

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            # The username is how they log in; the password has its own reset page.
            del self.fields["username"], self.fields["password"]
        self.fields["email"].error_messages["invalid"] = _(
            "%(field)s: enter an address such as name@example.gov.cn.") % {
            "field": field_labels()["email"]}
        self._name_required_errors()

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {
            "full_name": user.full_name or user.get_full_name(), "role": user.role,
            "divisions": sorted(user.division_ids), "organisation": user.organisation_id,
            "phone": user.phone, "email": user.email,
        }

    def clean_username(self) -> str:
        username = User.normalize_username(self.cleaned_data["username"].strip())
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("%(field)s: “%(username)s” is already taken.")
                % {"field": field_labels()["username"], "username": username}
                + " " + _("Choose another one, e.g. with the district or unit added."))
        return username

    def clean_phone(self) -> str:
        try:
            return parse_phone(self.cleaned_data["phone"])
        except InputError as exc:
            raise forms.ValidationError(
                f"{field_labels()['phone']}: {error_text(exc)}") from exc

    def clean(self):
        data = super().clean()
        if "role" in data:
            for exc in scope_errors(
                    role=data["role"], district_count=len(data.get("divisions") or []),
                    has_organisation=data.get("organisation") is not None,
                    labels=field_labels()):
                if exc.field not in self.errors:
                    self.add_error(exc.field, error_text(exc))
        password = data.get("password")
        if password and self.user is None:
            candidate = User(username=data.get("username", self.data.get("username", "")),
                             full_name=data.get("full_name", ""),
                             email=data.get("email", ""))
            problem = password_problems(password, user=candidate)
            if problem:
                self.add_error("password", error_text(problem))
        return data


class ReasonForm(NamedErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason"), max_length=80,
        help_text=gettext_lazy("Kept in the user's history, e.g. moved to another post."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._name_required_errors()


class PasswordResetForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("new password"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Leave empty and tuijin makes up a temporary password, shown "
                               "once."))


class UserFilterForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("search"), required=False,
                           widget=forms.TextInput(attrs={"type": "search"}))
    role = forms.ChoiceField(label=gettext_lazy("role"), required=False,
                             choices=[("", gettext_lazy("all")), *User.Role.choices])
    active = forms.ChoiceField(label=gettext_lazy("status"), required=False,
                               choices=ACTIVE_CHOICES)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        active = self.cleaned_data["active"]
        return {"text": self.cleaned_data["text"], "role": self.cleaned_data["role"],
                "is_active": None if active == "" else active == "1"}


class TokenForm(NamedErrorsMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("name"), max_length=64,
        help_text=gettext_lazy("Which system uses the token, such as 省平台 or 数据组."))
    expires_on = forms.DateField(
        label=gettext_lazy("expires on"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Optional: the token stops working on this day."))
