"""Section 存在问题及督办 of the bulletin, worded from the problems app's summary
(``problems.summary.problem_summary``) as it is: closed this month, still open, overdue by
responsible unit, by category, and the overdue problems the office presses for (督办). Pure:
it takes the summary and returns a ``content.Section``; every count is the summary's.
"""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tuijin.bulletins.content import Column, Section, Table
from tuijin.problems.summary import ProblemSummary

# The overdue list prints at most this many, longest overdue first; the text gives the count.
OVERDUE_LIMIT = 50


def _date(value) -> str:
    return _("%(year)s-%(month)s-%(day)s") % {"year": value.year, "month": value.month,
                                              "day": value.day}


def problems_build(summary: ProblemSummary) -> Section:
    """The section, in the bulletin's language (the caller's ``translation.override``)."""
    s = summary
    if not s.total:
        return Section(_("Problems and supervision"),
                       [_("No problem has been raised so far.")])
    paragraphs = [
        _("As of %(today)s, %(total)s problems have been raised; %(closed)s were closed in "
          "month %(month)s and %(open)s are still open, %(overdue)s of them past their "
          "deadline.") % {"today": _date(s.today), "total": s.total,
                          "closed": len(s.closed_this_month), "month": s.month,
                          "open": s.open_count, "overdue": s.overdue_count}]
    if s.escalated_open:
        paragraphs.append(_("%(n)s open problems have been escalated to the city.")
                          % {"n": s.escalated_open})
    categories = [c for c in s.by_category if c.open]
    if categories:
        separator = pgettext("bulletin list", ", ")
        paragraphs.append(_("By category, the open problems are: %(items)s.") % {
            "items": separator.join(
                _("%(category)s %(open)s (%(overdue)s overdue)")
                % {"category": c.category, "open": c.open, "overdue": c.overdue}
                if c.overdue else
                _("%(category)s %(open)s") % {"category": c.category, "open": c.open}
                for c in categories)})
    if s.overdue_by_unit:
        paragraphs.append(_("Units with overdue problems, to settle them at once: %(units)s.")
                          % {"units": pgettext("bulletin list", ", ").join(
                              _("%(unit)s (%(n)s)") % {"unit": u.unit, "n": u.count}
                              for u in s.overdue_by_unit)})
    tables = []
    oldest = {u.unit_id: u.oldest_days_overdue for u in s.overdue_by_unit}
    if s.by_unit:
        tables.append(Table(
            "problems_by_unit", _("Open problems by responsible unit"),
            [Column(pgettext("bulletin column", "No."), "int"),
             Column(pgettext("bulletin column", "Responsible unit")),
             Column(pgettext("bulletin column", "Open"), "int"),
             Column(pgettext("bulletin column", "Overdue"), "int"),
             Column(pgettext("bulletin column", "Longest overdue (days)"), "int")],
            [[i, u.unit, u.open, u.overdue, oldest.get(u.unit_id)]
             for i, u in enumerate(s.by_unit, start=1)],
            total=[None, _("Total"), sum(u.open for u in s.by_unit),
                   sum(u.overdue for u in s.by_unit), None],
            unit=""))
    if s.overdue:
        if s.overdue_count > OVERDUE_LIMIT:
            paragraphs.append(_("The list of overdue problems gives the %(n)s longest "
                                "overdue.") % {"n": OVERDUE_LIMIT})
        tables.append(Table(
            "problems_overdue", _("Overdue problems (supervised)"),
            [Column(pgettext("bulletin column", "No."), "int"),
             Column(pgettext("bulletin column", "Project")),
             Column(pgettext("bulletin column", "District")),
             Column(pgettext("bulletin column", "Category")),
             Column(pgettext("bulletin column", "Problem")),
             Column(pgettext("bulletin column", "Responsible unit")),
             Column(pgettext("bulletin column", "Deadline")),
             Column(pgettext("bulletin column", "Days overdue"), "int")],
            [[i, p.project_name, p.district, p.category, p.description, p.unit,
              _date(p.deadline) if p.deadline else "", p.days_overdue]
             for i, p in enumerate(s.overdue[:OVERDUE_LIMIT], start=1)],
            unit=""))
    if s.closed_this_month:
        tables.append(Table(
            "problems_closed", _("Problems closed in the month"),
            [Column(pgettext("bulletin column", "No."), "int"),
             Column(pgettext("bulletin column", "Project")),
             Column(pgettext("bulletin column", "District")),
             Column(pgettext("bulletin column", "Category")),
             Column(pgettext("bulletin column", "Responsible unit")),
             Column(pgettext("bulletin column", "Days to close"), "int")],
            [[i, p.project_name, p.district, p.category, p.unit, p.days_to_close]
             for i, p in enumerate(s.closed_this_month, start=1)],
            unit=""))
    return Section(_("Problems and supervision"), paragraphs, tables)
