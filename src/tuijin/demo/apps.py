from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo programme and the demo accounts (DESIGN.md §5).

    It only writes into the domain apps, through their models; no domain app imports it, so
    the demo can change or go without touching them (tests/demo/test_independence.py).
    """

    name = "tuijin.demo"
    label = "demo"
    verbose_name = _("Demo")
