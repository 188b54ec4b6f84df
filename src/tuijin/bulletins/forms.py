from django import forms
from django.utils.translation import gettext_lazy as _

from tuijin.bulletins.services import BulletinInput, check_pattern
from tuijin.core.errors import InputError


class BulletinForm(forms.Form):
    issuer = forms.CharField(label=_("Issuing body"), max_length=100)
    document_number_pattern = forms.CharField(
        label=_("Document number pattern"), max_length=64,
        help_text=_("For example 汴发改重点〔{year}〕{number}号; {year} and {number} are "
                    "filled in."))
    # type=date takes ISO only; the locale's 2023/07/10 would show an empty, required field.
    issued_on = forms.DateField(label=_("Date"), widget=forms.DateInput(
        format="%Y-%m-%d", attrs={"type": "date"}))
    addressees = forms.CharField(label=_("Addressees"), max_length=300)
    next_steps = forms.CharField(
        label=_("Next steps (下一步工作要求)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One paragraph per line; kept with the bulletin."))

    def clean_document_number_pattern(self):
        pattern = self.cleaned_data["document_number_pattern"]
        try:
            check_pattern(pattern)
        except InputError as exc:
            raise forms.ValidationError(f"{exc.message} {exc.hint}") from exc
        return pattern

    def to_input(self) -> BulletinInput:
        data = self.cleaned_data
        return BulletinInput(issuer=data["issuer"], addressees=data["addressees"],
                             issued_on=data["issued_on"],
                             document_number_pattern=data["document_number_pattern"],
                             next_steps=data["next_steps"])
