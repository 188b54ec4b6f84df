"""Nothing outside the demo app imports it (DESIGN.md §5), so the domain apps work without it."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "tuijin"
DEMO = PACKAGE / "demo"


def imported_modules(path: Path, *, root: Path = SRC) -> set[str]:
    """Every module the file at ``path`` (under ``root``) imports: relative imports resolved,
    ``from a import b`` counted as both ``a`` and ``a.b`` (b may be a module)."""
    package = list(path.relative_to(root).parent.parts)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def imports_demo(path: Path, *, root: Path = SRC) -> bool:
    return any(name == "tuijin.demo" or name.startswith("tuijin.demo.")
               for name in imported_modules(path, root=root))


def test_no_module_outside_the_demo_app_imports_it():
    offenders = [
        str(path.relative_to(SRC)) for path in sorted(PACKAGE.rglob("*.py"))
        if DEMO not in path.parents and imports_demo(path)
    ]
    assert offenders == []


def test_the_check_sees_every_form_of_import(tmp_path):
    module = tmp_path / "tuijin" / "projects" / "services.py"
    module.parent.mkdir(parents=True)
    for source in ("import tuijin.demo.loader", "from tuijin.demo import loader",
                   "from tuijin import demo", "from ..demo.accounts import DEMO_ACCOUNTS",
                   "def f():\n    from tuijin.demo.loader import demo_load"):
        module.write_text(source)
        assert imports_demo(module, root=tmp_path), source
    module.write_text("from tuijin.projects import demo_rules\nimport tuijin.demonstration\n"
                      "from . import demo_like")
    assert not imports_demo(module, root=tmp_path)
