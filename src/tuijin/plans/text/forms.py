"""The paste-or-upload form of the plan text page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tuijin.core.errors import InputError
from tuijin.core.models import Division

from .draft import check_text, decode_upload
from .extract import MAX_CHARS


def region_choices() -> list[tuple[str, str]]:
    return [("", _("(not given)"))] + [
        (d.code, f"{d.code} {d.name}") for d in Division.objects.order_by("code")
    ]


class PlanTextForm(forms.Form):
    text = forms.CharField(
        label=_("Plan text"), required=False, strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "maxlength": MAX_CHARS}),
        help_text=_("Paste a work report, a speech or an interview, even as copied from a web "
                    "page; or upload it as a file below."),
    )
    file = forms.FileField(
        label=_("or a text file"), required=False,
        help_text=_(".txt saved as UTF-8 or GB18030."),
    )
    region = forms.ChoiceField(
        label=_("Region (a hint)"), required=False,
        help_text=_("The city, province or county the plan is for; the region of the plan "
                    "you work in unless you choose another."),
    )
    year = forms.IntegerField(
        label=_("Year (a hint)"), required=False, min_value=2000, max_value=2100,
        help_text=_("Left empty, the year is read from the text where it says so (as in "
                    "“2023年是…” or “2023年主要预期目标”); where it does not, the review page "
                    "asks for it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = region_choices()

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        field = "text"
        if upload is not None and text.strip():
            # Reading one and dropping the other unseen would import a plan nobody reviewed.
            message = _("Paste the text or upload a file, not both.")
            hint = _("Empty the text box to read the file, or send the form again without the "
                     "file to read the pasted text.")
            self.add_error("file", f"{message} {hint}")
            return data
        try:
            if upload is not None:
                field = "file"
                if upload.size > MAX_CHARS * 4:
                    raise InputError(
                        _("The file is too large (%(size)s bytes).") % {"size": f"{upload.size:,}"},
                        hint=_("Upload one plan as plain text, at most %(max)s characters.")
                        % {"max": f"{MAX_CHARS:,}"}, field="file",
                    )
                text = decode_upload(upload.read())
            data["plan_text"] = check_text(text)
        except InputError as exc:
            self.add_error(exc.field or field, f"{exc.message} {exc.hint}".strip())
        return data
