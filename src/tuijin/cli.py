"""The ``tuijin`` console command: manage.py under a friendlier name.

``tuijin plan load kaifeng-2023`` and ``tuijin plan export SLUG`` read as sub-commands; they
map onto the ``plan`` management command, so every Django command stays reachable too.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "tuijin"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
