"""Loading the GB/T 2260 reference divisions shipped with tuijin."""

import json
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "divisions.json"


def reference_divisions() -> list[dict]:
    """The shipped divisions, parents before children."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def divisions_sync(division_model) -> int:
    """Create or update the reference divisions; takes the model so migrations can pass theirs."""
    by_code = {}
    for row in reference_divisions():
        obj, _ = division_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "level": row["level"],
                "parent": by_code.get(row["parent"]),
                "is_gb2260": row.get("is_gb2260", True),
            },
        )
        by_code[row["code"]] = obj
    return len(by_code)
