"""Turn an extraction into a "tuijin-plan/1" draft, the format `tuijin plan import` loads."""

import re

from django.utils.translation import gettext as _

from tuijin.core.errors import InputError

from .extract import MAX_CHARS, Extraction, TargetItem, extract, value_text
from .normalize import normalize

# Metrics the project programme measures itself (DESIGN.md §2, the "8232" plan and 三个一批).
_SOURCES = [
    (r"新签约", "signed"),
    (r"新开工", "started"),
    (r"新投产|竣工投产", "in_production"),
    (r"产业项目.*投资|工业投资", "industrial_investment"),
    (r"^(?:年度|全年|项目)?(?:完成)?投资$|年度投资|完成投资", "investment"),
    (r"^(?:实施|在建|推进)(?:重点|重大)?项目$", "project_count"),
]


def indicator_source(item: TargetItem) -> str:
    if item.basis != "level":
        return "manual"
    for pattern, source in _SOURCES:
        if re.search(pattern, item.metric):
            if source == "project_count" and item.unit != "个":
                continue
            if source in ("investment", "industrial_investment") and item.unit not in (
                "亿元", "万元"
            ):
                continue
            return source
    return "manual"


def check_text(text: str) -> str:
    """Refuse what cannot be a plan: nothing, a whole site's worth, or binary junk."""
    if len(text) > MAX_CHARS:
        raise InputError(
            _("The text is too long (%(count)s characters).") % {"count": f"{len(text):,}"},
            hint=_("Paste one plan of at most %(max)s characters.") % {"max": f"{MAX_CHARS:,}"},
            field="text",
        )
    if not text.strip():
        raise InputError(_("There is no text."), hint=_("Paste or upload the plan's text."),
                         field="text")
    sample = text[:20000]
    junk = sum(1 for ch in sample if ch == "\x00" or ch == "\ufffd"
               or (ord(ch) < 32 and ch not in "\n\r\t"))
    if junk > max(8, len(sample) // 20):
        raise InputError(
            _("This does not look like text: it has many control or unreadable characters."),
            hint=_("Upload a .txt file saved as UTF-8 or GB18030, or paste the text itself."),
            field="text",
        )
    return text


def decode_upload(data: bytes) -> str:
    """Text of an uploaded file in UTF-8 (with or without BOM) or GB18030, else InputError."""
    if b"\x00" in data[:4096]:
        raise InputError(_("The file is not a text file."),
                         hint=_("Save the plan as plain text (.txt) and upload that."),
                         field="file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(_("The file's encoding could not be read."),
                     hint=_("Save it as UTF-8 or GB18030 text."), field="file")


def read_plan_text(raw: str, *, year: int | None = None) -> Extraction:
    """Check, normalise and extract: the one entry point of the command and the page."""
    check_text(raw)
    return extract(normalize(raw), year=year)


def _title(text: str) -> str:
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= 60 and not re.search(r"[。；！？]$", first):
        return first
    return ""


def draft_plan(extraction: Extraction, *, region: str | None = None,
               year: int | None = None) -> dict:
    """The draft as a "tuijin-plan/1" dict; ``region`` (GB/T 2260) and ``year`` are hints."""
    year = year or extraction.year
    title = _title(extraction.text)
    name = title or (_("Draft plan %(year)s") % {"year": year} if year else _("Draft plan"))
    region_part = f"-{region}" if region else ""
    slug = f"draft{region_part}-{year}" if year else f"draft{region_part}"
    key_tasks = [
        {
            "number": work.number, "title": work.title[:200], "summary": "", "lead_unit": None,
            "co_units": [], "deadline": None, "status": "in_progress",
            "source_sentence": work.source_sentence,
            "measures": [
                {"number": m.number, "title": m.title[:200], "text": m.text, "lead_unit": None,
                 "co_units": [], "deadline": None, "status": "in_progress", "children": []}
                for m in work.measures
            ],
        }
        for work in extraction.key_works
    ]
    indicators = []
    codes: dict[str, str] = {}  # a target's metric → its indicator code, for its baselines
    for number, item in enumerate(extraction.targets, start=1):
        codes.setdefault(item.metric, f"target-{number:02d}")
        indicators.append({
            "code": f"target-{number:02d}", "name": item.metric, "unit": item.unit,
            "source": indicator_source(item), "key_task": item.key_work, "owner": None,
            "number": number,
            "targets": [{
                "comparator": item.comparator, "value": value_text(item.value),
                "unit": item.unit, "tolerance": None, "commitment": item.commitment,
                "basis": item.basis, "baseline_value": value_text(item.baseline_value),
                "baseline_year": item.baseline_year,
                "wording": item.wording, "source_sentence": item.source_sentence,
            }],
            "actuals": [],
        })
    baselines = [
        {"metric": b.metric, "value": value_text(b.value), "unit": b.unit, "year": b.year,
         "basis": b.basis, "kind": b.kind, "source_sentence": b.source_sentence,
         "reason": b.reason, "target": codes.get(b.target_metric)}
        for b in extraction.baselines
    ]
    return {
        "format": "tuijin-plan/1", "slug": slug, "name": name[:200], "region": region,
        "year": year, "summary": "", "source": title, "yellow_band": "0.10",
        "approx_tolerance": "0.10", "report_due_day": 25, "organisations": [],
        "key_tasks": key_tasks, "domains": [], "indicators": indicators,
        "baselines": baselines, "text": extraction.text,
    }


def draft_from_text(raw: str, *, region: str | None = None, year: int | None = None
                    ) -> tuple[dict, list[str]]:
    """The draft plan of ``raw`` text and the warnings met on the way (InputError if unusable)."""
    extraction = read_plan_text(raw, year=year)
    return draft_plan(extraction, region=region, year=year), extraction.warnings
