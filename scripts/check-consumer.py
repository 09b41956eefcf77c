#!/usr/bin/env python3
"""Plays a real consumer of mekong's JSONL: loads it in Python and slices.

usage: scripts/check-consumer.py MEKONG_BINARY CORPORA_DIR

For every .txt article and every line of every .jsonl file under CORPORA_DIR (plus a
few nasty inline texts), runs `mekong annotate --raw-offsets` and asserts that:
  * every block and sentence span slices `text` with Python's text[start:end] to a
    non-empty string without surrounding blanks, and every entity span to its "text";
  * every raw_start/raw_end slices the raw input (decoded as UTF-8) to a string that,
    run through mekong's normalization alone, equals the span's text;
  * --unit sentence records carry the same sentences as the document record.
Prints 'N passed, 0 failed' and exits non-zero on the first failure.
"""
import json
import pathlib
import subprocess
import sys

mekong, corpora = sys.argv[1], pathlib.Path(sys.argv[2])
checks = 0


def run(args, data):
    p = subprocess.run([mekong, "annotate", *args], input=data.encode("utf-8"), capture_output=True, check=True)
    return [json.loads(l) for l in p.stdout.decode("utf-8").splitlines() if l.strip()]


def normalize_alone(s):
    return run(["--stages", "normalize", "--input-format", "text"], s)[0]["text"]


def check(raw, label, args=("--input-format", "text")):
    global checks
    rec = run(["--raw-offsets", *args], raw)[0]
    assert "error" not in rec, (label, rec)
    text = rec["text"]
    for e in rec.get("entities", []):
        assert text[e["start"]:e["end"]] == e["text"], (label, e)
        assert raw[e["raw_start"]:e["raw_end"]].strip(), (label, e)
        checks += 1
    spans = rec["blocks"] + rec["sentences"]
    pieces = [raw[s["raw_start"]:s["raw_end"]] for s in spans]
    # one normalization run for all raw slices: a JSONL of them
    lines = "".join(json.dumps({"id": str(i), "text": p}, ensure_ascii=False) + "\n" for i, p in enumerate(pieces))
    normalized = [r["text"] for r in run(["--stages", "normalize", "--input-format", "jsonl"], lines)] if pieces else []
    for s, again in zip(spans, normalized):
        piece = text[s["start"]:s["end"]]
        assert piece and piece == piece.strip(" \n"), (label, s, piece)
        assert again == piece, (label, s, piece, again)
        checks += 1
    per_sentence = run(["--unit", "sentence", *args], raw)
    assert [r["text"] for r in per_sentence] == [text[s["start"]:s["end"]] for s in rec["sentences"]], label
    for r in per_sentence:
        assert text[r["start"]:r["end"]] == r["text"], (label, r)
        checks += 1


for path in sorted(corpora.rglob("*")):
    if path.suffix == ".txt":
        check(path.read_text(encoding="utf-8"), str(path))
    elif path.suffix == ".jsonl":
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                check(json.loads(line)["text"], f"{path}:{n + 1}")
for i, raw in enumerate([
    "  Vi\u0301\u00ea\u0323t\u00a0Nam 😀 e\u0301.\r\n\r\n\r\nDr. Smith\u200b said “yes”.   Zero\u00adwidth!\n\ufeffBiển XanhBiển Xanh15/09/2025  ",
    "\ufeff𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u2028 line\u2029separators. Tab\there.\x07 Bell.",
]):
    check(raw, f"inline-{i}")
print(f"consumer check: {checks} passed, 0 failed")
