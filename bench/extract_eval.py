"""Precision and recall of the plan text extractor on the labelled set (issue 5).

    .venv/bin/python bench/extract_eval.py --real [--verbose]   # the headline: real text
    .venv/bin/python bench/extract_eval.py [--verbose]          # the written set (regression)

Reads bench/extract_eval_set.json, runs normalise + extract on every passage (clean and mangled
variants) and scores targets and key works. A predicted target counts as correct when its metric
contains the labelled phrase and comparator, value, unit, basis and commitment all agree; each
label is matched at most once. An achievement reported as a target is counted separately. The
baseline is a naive regex extractor (every number with a unit after 增长/达到/完成…)
scored the same way in the same run, on the same normalised text. The set has five splits:
"dev", read while the rules were written; "holdout" to "holdout3", each written after the
rules froze and measured once before its misses were fixed; "holdout4", written after the last
fix and left as it scored. The last line, the JSON figure, is the holdout4 target F1.

    .venv/bin/python bench/extract_eval.py --set bench/extract_dev_set_real.json [--verbose]
    .venv/bin/python bench/extract_eval.py --real [--verbose]

scores another set in the same format, such as the real-text development set (issue 15); its
JSON figure is the target F1 over the whole set, and "past or other figures as targets" counts
predicted targets whose value and unit are those of a figure labelled as a past result, in-year
progress or another place's figure. --real scores the seven real-text sets (the dev set and
the six holdouts) and prints each one's first recorded score (blind for the holdouts) beside the
current one.
"""

import json
import os
import re
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuijin.settings")

import django  # noqa: E402

django.setup()

from tuijin.plans.text.draft import read_plan_text  # noqa: E402
from tuijin.plans.text.normalize import normalize  # noqa: E402
from tuijin.plans.text.numbers import UNIT, parse_number  # noqa: E402

SET = Path(__file__).with_name("extract_eval_set.json")

NAIVE = re.compile(
    rf"(?P<metric>[^，。；：、\d]{{0,12}}?)(?P<verb>增长|下降|达到|完成|实施|控制在|稳定在|突破|新增|提高)"
    rf"(?P<number>\d+(?:\.\d+)?)(?P<unit>{UNIT})(?P<q>以上|左右|以内|以下)?"
)


def naive_targets(text: str) -> list[dict]:
    """What a first attempt would do: take every figure after a verb, past or future."""
    found = []
    for m in NAIVE.finditer(text):
        q = m["q"] or ""
        comparator = {"左右": "approx", "以内": "lte", "以下": "lte"}.get(q, "gte")
        value = Decimal(m["number"])
        basis = "growth" if m["unit"] == "%" and m["verb"] in ("增长", "下降", "提高") else "level"
        if m["verb"] == "下降" and basis == "growth":
            value, comparator = -value, "lte" if comparator == "gte" else comparator
        metric = m["metric"]
        commitment = "must" if "确保" in metric else "strive" if "力争" in metric else "plain"
        found.append({"metric": m["metric"], "comparator": comparator, "value": value,
                      "unit": m["unit"], "basis": basis, "commitment": commitment})
    return found


def _same(label: dict, got: dict) -> bool:
    value = None if label["value"] is None else Decimal(label["value"])
    return (
        label["metric"] in got["metric"]
        and label["comparator"] == got["comparator"]
        and value == got["value"]
        and label["unit"] == got["unit"]
        and label["basis"] == got["basis"]
        and label["commitment"] == got["commitment"]
    )


def score(labels: list[dict], predicted: list[dict]) -> tuple[int, int, int, list, list]:
    """(true positives, false positives, false negatives, unmatched predictions, missed)."""
    left = list(labels)
    wrong = []
    for got in predicted:
        match = next((label for label in left if _same(label, got)), None)
        if match is None:
            wrong.append(got)
        else:
            left.remove(match)
    tp = len(predicted) - len(wrong)
    return tp, len(wrong), len(left), wrong, left


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main(verbose: bool = False, path: Path = SET) -> dict:
    passages = json.loads(path.read_text(encoding="utf-8"))["passages"]
    totals = {"tp": 0, "fp": 0, "fn": 0, "kw_tp": 0, "kw_fp": 0, "kw_fn": 0,
              "naive_tp": 0, "naive_fp": 0, "naive_fn": 0, "achievements_as_targets": 0}
    by_variant: dict[str, list[int]] = {}
    for passage in passages:
        extraction = read_plan_text(passage["text"], year=passage["year"])
        predicted = [
            {"metric": t.metric, "comparator": t.comparator, "value": t.value, "unit": t.unit,
             "basis": t.basis, "commitment": t.commitment}
            for t in extraction.targets
        ]
        tp, fp, fn, wrong, missed = score(passage["targets"], predicted)
        totals["tp"] += tp
        totals["fp"] += fp
        totals["fn"] += fn
        variant = "clean" if passage["variant"] == "clean" else "mangled"
        for key in (variant, passage.get("split", passage.get("kind", "all"))):
            counts = by_variant.setdefault(key, [0, 0, 0])
            counts[0] += tp
            counts[1] += fp
            counts[2] += fn
        for got in wrong:
            if any(parse_number(a["value"]) == abs(got["value"] or 0) and a["unit"] == got["unit"]
                   for a in passage["achievements"]):
                totals["achievements_as_targets"] += 1

        titles = [w.title for w in extraction.key_works]
        expected = list(passage["key_works"])
        kw_tp = sum(1 for t in titles if t in expected)
        totals["kw_tp"] += kw_tp
        totals["kw_fp"] += len(titles) - kw_tp
        totals["kw_fn"] += len(expected) - kw_tp

        ntp, nfp, nfn, _, _ = score(passage["targets"], naive_targets(normalize(passage["text"])))
        totals["naive_tp"] += ntp
        totals["naive_fp"] += nfp
        totals["naive_fn"] += nfn
        naive = by_variant.setdefault(
            "naive " + passage.get("split", passage.get("kind", "all")), [0, 0, 0])
        naive[0] += ntp
        naive[1] += nfp
        naive[2] += nfn

        if verbose and (wrong or missed or kw_tp != len(titles) or kw_tp != len(expected)):
            print(f"--- {passage['id']} ({passage['variant']})")
            for got in wrong:
                print("  extra  ", got)
            for label in missed:
                print("  missed ", label)
            if kw_tp != len(titles) or kw_tp != len(expected):
                print("  key works", titles, "expected", expected)

    p = _ratio(totals["tp"], totals["tp"] + totals["fp"])
    r = _ratio(totals["tp"], totals["tp"] + totals["fn"])
    kp = _ratio(totals["kw_tp"], totals["kw_tp"] + totals["kw_fp"])
    kr = _ratio(totals["kw_tp"], totals["kw_tp"] + totals["kw_fn"])
    np_ = _ratio(totals["naive_tp"], totals["naive_tp"] + totals["naive_fp"])
    nr = _ratio(totals["naive_tp"], totals["naive_tp"] + totals["naive_fn"])
    f1, naive_f1 = _f1(p, r), _f1(np_, nr)
    labelled = sum(len(x["targets"]) for x in passages)
    print(f"passages: {len(passages)} ({sum(x['variant'] == 'clean' for x in passages)} clean), "
          f"labelled targets: {labelled}")
    print(f"targets    precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    split_f1 = {}
    for variant, (tp, fp, fn) in sorted(by_variant.items()):
        vp, vr = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        split_f1[variant] = _f1(vp, vr)
        print(f"  {variant:13} precision {vp:.3f}  recall {vr:.3f}  F1 {split_f1[variant]:.3f}"
              f"  ({tp + fn} labelled)")
    print(f"key works  precision {kp:.3f}  recall {kr:.3f}")
    print(f"past or other figures reported as targets: {totals['achievements_as_targets']}")
    print(f"baseline (naive regex) precision {np_:.3f}  recall {nr:.3f}  F1 {naive_f1:.3f}")
    # The headline is the last held-out split: "dev" was read while the rules were written,
    # and the misses of "holdout" to "holdout4" were fixed after they were measured (holdout4's
    # one miss, 下降到 read as ≥, after its blind score of 0.977); the README keeps each
    # split's first, blind score. A new split is the honest next measure.
    if path != SET:
        figure = {"bench": "extract_eval", "set": path.name, "value": round(f1, 4),
                  "unit": "target F1", "precision": round(p, 4), "recall": round(r, 4),
                  "past_or_other_as_targets": totals["achievements_as_targets"],
                  "baseline": round(naive_f1, 4),
                  "ratio": round(f1 / naive_f1, 3) if naive_f1 else None, "better": "higher"}
        print(json.dumps(figure, ensure_ascii=False))
        figure["counts"] = totals
        return figure
    held, naive_held = split_f1["holdout4"], split_f1["naive holdout4"]
    figure = {
        "bench": "extract_eval", "value": round(held, 4), "unit": "target F1 (holdout4)",
        "baseline": round(naive_held, 4),
        "ratio": round(held / naive_held, 3) if naive_held else None, "better": "higher",
    }
    print(json.dumps(figure))
    return figure


# Each real set's first score, recorded when it was taken (docs/reference/plan-text.md): the dev
# set before any change, each holdout once, blind, before its misses were read.
REAL_SETS = {
    "extract_dev_set_real.json": {"first": "before any change", "precision": 0.236,
                                  "recall": 0.926, "past_or_other_as_targets": 81},
    "extract_holdout_real.json": {"first": "blind", "precision": 0.850, "recall": 0.829,
                                  "past_or_other_as_targets": 4},
    "extract_holdout2_real.json": {"first": "blind", "precision": 0.598, "recall": 0.897,
                                   "past_or_other_as_targets": 40},
    "extract_holdout3_real.json": {"first": "blind", "precision": 0.488, "recall": 0.889,
                                   "past_or_other_as_targets": 41},
    "extract_holdout4_real.json": {"first": "blind", "precision": 0.753, "recall": 0.753,
                                   "past_or_other_as_targets": 15},
    "extract_holdout5_real.json": {"first": "blind", "precision": 0.725, "recall": 0.674,
                                   "past_or_other_as_targets": 14},
    "extract_holdout6_real.json": {"first": "blind", "precision": 0.689, "recall": 0.802,
                                   "past_or_other_as_targets": 25},
}


def main_real(verbose: bool = False) -> dict:
    """Every real-text set: its first recorded score beside the current one (issue 15)."""
    rows = {}
    pooled = dict.fromkeys(("tp", "fp", "fn", "naive_tp", "naive_fp", "naive_fn"), 0)
    for name, first in REAL_SETS.items():
        print(f"=== {name}")
        now = main(verbose=verbose, path=Path(__file__).with_name(name))
        rows[name] = {"first": first, "now": {k: now[k] for k in (
            "precision", "recall", "past_or_other_as_targets")}}
        for key in pooled:
            pooled[key] += now["counts"][key]
    print()
    print(f"{'set':30} {'first (P / R / past)':38} now (P / R / past)")
    for name, row in rows.items():
        f, n = row["first"], row["now"]
        print(f"{name:30} {f['first']:17} {f['precision']:.3f} / {f['recall']:.3f} / "
              f"{f['past_or_other_as_targets']:<3}  {n['precision']:.3f} / {n['recall']:.3f} / "
              f"{n['past_or_other_as_targets']}")
    # The headline: target F1 over every real passage now, beside the naive regex extractor's
    # in the same run. The honest figures for new text are the holdouts' first, blind ones.
    p = _ratio(pooled["tp"], pooled["tp"] + pooled["fp"])
    r = _ratio(pooled["tp"], pooled["tp"] + pooled["fn"])
    naive_p = _ratio(pooled["naive_tp"], pooled["naive_tp"] + pooled["naive_fp"])
    naive_r = _ratio(pooled["naive_tp"], pooled["naive_tp"] + pooled["naive_fn"])
    f1, naive_f1 = _f1(p, r), _f1(naive_p, naive_r)
    figure = {"bench": "extract_eval_real", "value": round(f1, 4),
              "unit": "target F1, all real sets now (not blind)", "baseline": round(naive_f1, 4),
              "ratio": round(f1 / naive_f1, 3) if naive_f1 else None, "better": "higher",
              "sets": rows}
    print(json.dumps(figure))
    return figure


if __name__ == "__main__":
    args = sys.argv[1:]
    if "--real" in args:
        main_real(verbose="--verbose" in args)
    else:
        chosen = Path(args[args.index("--set") + 1]) if "--set" in args else SET
        main(verbose="--verbose" in args, path=chosen)
