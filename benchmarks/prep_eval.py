"""Evaluate ``twoway prep`` on the job descriptions in benchmarks/data/prep_jds/ (written before
the phrase extractor; labels.json lists each posting's main skills and tools, with accepted
variants). Prints themes recall (a labelled theme is found when one of its variants appears in
one of the plan's themes, or a theme in it, ignoring case) and every tailored question, for a
reader to judge.

    python benchmarks/prep_eval.py [--show]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from twoway.prep import build_plan, key_themes

DATA = Path(__file__).resolve().parent / "data" / "prep_jds"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true")
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA,
        help="prep_jds (labels.json; same author as the code) or prep_jds2 (blind: one JSON each)",
    )
    args = parser.parse_args()
    data: Path = args.data
    if (data / "labels.json").exists():
        labels = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    else:  # one NN_role.json beside each NN_role.txt; each theme is its own only variant
        labels = {}
        for path in sorted(data.glob("*.json")):
            label = json.loads(path.read_text(encoding="utf-8"))
            label["themes"] = [[theme] for theme in label["themes"]]
            labels[path.with_suffix(".txt").name] = label
    found = total = 0
    for name, label in labels.items():
        text = (data / name).read_text(encoding="utf-8")
        themes = key_themes(text, 12, exclude=(label["company"], label["role"]))
        low = [t.lower() for t in themes]
        missed = []
        for variants in label["themes"]:
            total += 1
            if any(v.lower() in t or t in v.lower() for v in variants for t in low):
                found += 1
            else:
                missed.append(variants[0])
        print(
            f"{name}: {len(label['themes']) - len(missed)}/{len(label['themes'])}  missed: {missed}"
        )
        if args.show:
            print("  themes:", themes)
            plan = build_plan(label["role"], label["company"], text, interviewer="Dana Lee")
            for q in plan.questions:
                tag = " [tailored]" if q.source.startswith("job description") else ""
                print(f"  - {q.text}{tag}")
    print(f"themes recall: {found}/{total} = {found / total:.3f}")


if __name__ == "__main__":
    main()
