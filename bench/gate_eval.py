"""Topic-gate accuracy on a held-out labelled set it was never trained on.

    .venv/bin/python bench/gate_eval.py [--json out.json]

Trains `llm_server.dialogue.gate.TopicGate` on `llm_server/dialogue/data/gate_labels.tsv`
(as the server does) and reports accuracy, shop recall (shop questions not refused) and
off-topic recall on `bench/golden/gate_heldout.tsv`, plus 5-fold cross-validated accuracy
on the training set, and the p95 of one classification in ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from llm_server.dialogue.frames import interpret
from llm_server.dialogue.gate import TopicGate, load_labels

HELDOUT = Path(__file__).resolve().parent / "golden" / "gate_heldout.tsv"


def evaluate(gate: TopicGate, rows: list[tuple[str, str]]) -> dict:
    right = {"shop": [0, 0], "off_topic": [0, 0]}
    misses, times = [], []
    for label, text in rows:
        started = time.perf_counter()
        decision = gate.classify(interpret(text))
        times.append((time.perf_counter() - started) * 1000)
        predicted = "off_topic" if decision.intent == "off_topic" else "shop"
        right[label][0] += predicted == label
        right[label][1] += 1
        if predicted != label:
            misses.append({"label": label, "text": text, "score": decision.score})
    total = sum(r[1] for r in right.values())
    return {
        "n": total,
        "accuracy": round(sum(r[0] for r in right.values()) / total, 3),
        "shop_recall": round(right["shop"][0] / max(right["shop"][1], 1), 3),
        "off_topic_recall": round(right["off_topic"][0] / max(right["off_topic"][1], 1), 3),
        "p95_ms": round(statistics.quantiles(times, n=20)[-1], 3) if len(times) > 20 else None,
        "misses": misses,
    }


def cross_validated(rows: list[tuple[str, str]], folds: int = 5) -> float:
    shuffled = rows[:]
    random.Random(13).shuffle(shuffled)
    scores = []
    for k in range(folds):
        test = shuffled[k::folds]
        train = [r for i, r in enumerate(shuffled) if i % folds != k]
        scores.append(evaluate(TopicGate(train), test)["accuracy"])
    return round(statistics.mean(scores), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    train = load_labels()
    gate = TopicGate(train)
    gate.load()
    result = {
        "train_size": len(train),
        "cv_accuracy": cross_validated(train),
        "heldout": evaluate(gate, load_labels(HELDOUT)),
    }
    held = result["heldout"]
    print(f"gate: train {len(train)}, 5-fold CV accuracy {result['cv_accuracy']}")
    print(
        f"held-out ({held['n']}): accuracy {held['accuracy']}, shop recall {held['shop_recall']}, "
        f"off-topic recall {held['off_topic_recall']}, p95 {held['p95_ms']} ms"
    )
    for miss in held["misses"]:
        print(f"  miss [{miss['label']}] {miss['text']} (P(shop)={miss['score']})")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
