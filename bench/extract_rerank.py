"""Experiment (issue 15): does a model trained on the labelled real passages, over each
figure's context, tell this year's targets from the rest better than the rules alone?

    .venv/bin/python bench/extract_rerank.py            # leave-one-set-out on the six sets
    .venv/bin/python bench/extract_rerank.py --blind    # then holdout 6, once

The rules propose targets; a logistic regression (scikit-learn), trained on every labelled
figure (a target or not) over its context — the characters before and after it, the rules'
cue classes in its sentence and clause, the opening characters of its sentence and line, the
years the sentence names against the plan's, its place in the text — gives each proposed
target a probability, and one below the threshold is demoted. Demotion only: a missed target
is not found again this way.

Protocol, so that the last figure is blind: the regularisation and the threshold are chosen
by leave-one-set-out over the dev set and holdouts 1–5 (train on five, score the sixth with
the real scorer), and only then is the model trained on those six and holdout 6 scored, once.
The rules were never tuned on holdout 6. Ends with one JSON line: holdout 6's target F1 with
the model beside the rules' alone.
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_eval import _f1, _ratio, score
from tuijin.plans.text import extract as rules
from tuijin.plans.text.draft import read_plan_text

TRAIN_SETS = ["extract_dev_set_real.json", "extract_holdout_real.json",
              "extract_holdout2_real.json", "extract_holdout3_real.json",
              "extract_holdout4_real.json", "extract_holdout5_real.json"]
BLIND_SET = "extract_holdout6_real.json"
CUES = {name: getattr(rules, name) for name in (
    "MUST", "STRIVE", "PAST", "LAST_YEAR", "FUTURE", "NAMED_FUTURE", "PLAN_WORDS", "PROGRESS",
    "OTHER_PERIOD", "RESULT", "SIZE", "PLANNED_SIZE", "ESTIMATE", "YEAR_PLAN", "COMPARISON")}


def _window_features(text: str, at: int, end: int, year: int | None) -> dict[str, float]:
    """A figure's context in the normalised text: the characters before and after it, the
    cue classes of its sentence and of the clause before it, the sentence's and the line's
    opening characters, and the years its sentence names against the plan's."""
    line_start = text.rfind("\n", 0, at) + 1
    sentence_start = max(line_start, *(text.rfind(mark, 0, at) + 1 for mark in "。；！？"))
    sentence_end = min([k for k in (text.find(mark, end) for mark in "。；！？\n") if k >= 0]
                       or [len(text)])
    sentence = text[sentence_start:sentence_end]
    clause_start = max(sentence_start, *(text.rfind(mark, 0, at) + 1 for mark in "，：,"))
    clause = text[clause_start:at]
    before, after = text[max(clause_start, at - 8):at], text[end:end + 4]
    found = {"bias": 1.0}
    for k in range(len(before) - 1):
        found[f"before={before[k:k + 2]}"] = 1.0
    for k in range(len(before)):
        found[f"before1={before[k]}"] = 1.0
    for k in range(len(after) - 1):
        found[f"after={after[k:k + 2]}"] = 1.0
    for name, pattern in CUES.items():
        if pattern.search(sentence):
            found[f"cue={name}"] = 1.0
        if pattern.search(clause):
            found[f"clause_cue={name}"] = 1.0
    for prefix, head in (("sentence", sentence[:8]), ("line", text[line_start:line_start + 8])):
        for k in range(len(head) - 1):
            found[f"{prefix}_head={head[k:k + 2]}"] = 1.0
    for named in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", sentence):
        if year is not None:
            relation = "past" if int(named) < year else "plan" if int(named) == year else "later"
            found[f"year={relation}"] = 1.0
    found[f"position={min(int(4 * at / max(len(text), 1)), 3)}"] = 1.0
    return found


def figures(passage: dict) -> tuple[str, list[tuple[int, int, int | None]]]:
    """Every figure with a unit in the passage's normalised text, labelled 1 (a target), 0 (a
    past, progress or other figure) or None (unlabelled), each label used once, in order."""
    from decimal import Decimal

    from tuijin.plans.text.normalize import normalize
    from tuijin.plans.text.numbers import QUANTITY, parse_number, split_chinese_magnitude

    text = normalize(passage["text"])
    targets = [(Decimal(t["value"]), t["unit"]) for t in passage["targets"]
               if t["value"] is not None]
    others = [(parse_number(a["value"]), a["unit"]) for a in passage["achievements"]]
    out = []
    for m in QUANTITY.finditer(text):
        number, unit = split_chinese_magnitude(m["number"], m["unit"])
        value = parse_number(number)
        if value is None:
            continue
        label = None
        for pool, mark in ((targets, 1), (others, 0)):
            for key in ((value, unit), (-value, unit)):
                if key in pool:
                    pool.remove(key)
                    label = mark
                    break
            if label is not None:
                break
        out.append((m.start(), m.end(), label))
    return text, out


def figure_rows(names: list[str]) -> tuple[list[dict], list[int]]:
    rows, ys = [], []
    for name in names:
        for passage in json.loads(Path(__file__).with_name(name).read_text("utf-8"))["passages"]:
            text, found = figures(passage)
            for at, end, label in found:
                if label is not None:
                    rows.append(_window_features(text, at, end, passage["year"]))
                    ys.append(label)
    return rows, ys


def proposals(name: str) -> list[tuple[dict, list, str, int | None]]:
    """Per passage: its labels, the rules' targets, the normalised text and the year."""
    from tuijin.plans.text.normalize import normalize

    passages = json.loads(Path(__file__).with_name(name).read_text("utf-8"))["passages"]
    out = []
    for passage in passages:
        extraction = read_plan_text(passage["text"], year=passage["year"])
        out.append((passage, extraction.targets, normalize(passage["text"]), passage["year"]))
    return out


def _figure_at(text: str, target) -> tuple[int, int] | None:
    """Where the target's figure stands in the text: the first figure of its value and unit
    inside its sentence."""
    from tuijin.plans.text.numbers import QUANTITY, parse_number, split_chinese_magnitude

    for m in QUANTITY.finditer(text, target.start, max(target.end, target.start + 1)):
        number, unit = split_chinese_magnitude(m["number"], m["unit"])
        value = parse_number(number)
        if unit == target.unit and value is not None and abs(value) == abs(target.value or 0):
            return m.start(), m.end()
    return None


def scored(per_passage: list, model=None, vectoriser=None, threshold: float = 0.0) -> dict:
    """Precision and recall of the rules' targets, less those the model demotes."""
    tp = fp = fn = 0
    for passage, targets, text, year in per_passage:
        kept = []
        for target in targets:
            at = _figure_at(text, target) if model is not None and target.value is not None \
                else None
            if at is not None:
                p = model.predict_proba(vectoriser.transform(
                    [_window_features(text, *at, year)]))[0, 1]
                if p < threshold:
                    continue
            kept.append(target)
        predicted = [{"metric": t.metric, "comparator": t.comparator, "value": t.value,
                      "unit": t.unit, "basis": t.basis, "commitment": t.commitment} for t in kept]
        a, b, c, _wrong, _missed = score(passage["targets"], predicted)
        tp, fp, fn = tp + a, fp + b, fn + c
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    return {"precision": round(precision, 3), "recall": round(recall, 3),
            "f1": round(_f1(precision, recall), 4)}


def fit(names: list[str], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, ys = figure_rows(names)
    vectoriser = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    model.fit(vectoriser.fit_transform(rows), ys)
    return model, vectoriser


def figure_accuracy(name: str, model, vectoriser) -> float:
    rows, ys = figure_rows([name])
    predicted = model.predict(vectoriser.transform(rows))
    return sum(int(a == b) for a, b in zip(predicted, ys, strict=True)) / max(len(ys), 1)


def main(blind: bool) -> None:
    sets = {name: proposals(name) for name in [*TRAIN_SETS, *([BLIND_SET] if blind else [])]}
    thresholds = (0.05, 0.1, 0.2, 0.3, 0.5)
    grid = [(c, t) for c in (0.1, 0.3, 1.0) for t in thresholds]
    results = {}
    for c in (0.1, 0.3, 1.0):
        accuracy = []
        for held in TRAIN_SETS:
            model, vectoriser = fit([n for n in TRAIN_SETS if n != held], c)
            accuracy.append(round(figure_accuracy(held, model, vectoriser), 3))
            for t in thresholds:
                results.setdefault((c, t), []).append(
                    scored(sets[held], model, vectoriser, t)["f1"])
        print(f"C={c}: figure accuracy, each set by a model trained on the others: {accuracy}")
    rules_alone = [scored(sets[n])["f1"] for n in TRAIN_SETS]
    print("leave-one-set-out target F1 over dev and holdouts 1-5 (each set scored by a model "
          "trained on the other five; the rules were tuned on all six):")
    print(f"  rules alone          {sum(rules_alone) / len(rules_alone):.3f}  {rules_alone}")
    for key in grid:
        mean = sum(results[key]) / len(results[key])
        print(f"  C={key[0]:<4} threshold={key[1]}  {mean:.3f}  {results[key]}")
    # The rules were tuned on these six sets, so demoting can only cost there: the choice is
    # the most demoting threshold (then the strongest regularisation) whose mean F1 stays
    # within 0.005 of the rules' alone — what the model may do on new text at no cost on known.
    alone = sum(rules_alone) / len(rules_alone)
    free = [key for key in grid if sum(results[key]) / len(results[key]) >= alone - 0.005]
    best = max(free, key=lambda key: (key[1], -key[0]))
    print(f"chosen: C={best[0]}, threshold={best[1]}")
    if not blind:
        return
    model, vectoriser = fit(TRAIN_SETS, best[0])
    blind_rules = scored(sets[BLIND_SET])
    blind_model = scored(sets[BLIND_SET], model, vectoriser, best[1])
    print(f"holdout 6, rules alone: {blind_rules}")
    print(f"holdout 6, rules and model (scored once): {blind_model}")
    print(json.dumps({"bench": "extract_rerank_holdout6", "value": blind_model["f1"],
                      "unit": "target F1", "baseline": blind_rules["f1"],
                      "ratio": round(blind_model["f1"] / blind_rules["f1"], 3)
                      if blind_rules["f1"] else None, "better": "higher",
                      "precision": blind_model["precision"], "recall": blind_model["recall"],
                      "chosen": {"C": best[0], "threshold": best[1]}}))


if __name__ == "__main__":
    main(blind="--blind" in sys.argv[1:])
