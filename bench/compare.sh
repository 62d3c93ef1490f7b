#!/usr/bin/env bash
# Times debrief's grader against two prose linters on the same corpus, in the same run:
# proselint (PyPI) and write-good (npm). The corpus is every answer of the calibration set,
# repeated until it is at least 1 MB, one answer per paragraph (text) and per line (JSONL).
#
# Usage: bash bench/compare.sh          (installs the linters under target/compare on first run)
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/compare
mkdir -p "$work"

if [ ! -x "$work/venv/bin/proselint" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q proselint==0.16.0
fi
if [ ! -x "$work/node_modules/.bin/write-good" ]; then
  npm install --silent --prefix "$work" write-good@1.0.8 >/dev/null
fi
cargo build --release -q -p debrief-cli

python3 - "$work" <<'PY'
import glob, json, sys, tomllib
work = sys.argv[1]
answers = []
for path in sorted(glob.glob("content/calibration/*/*.toml")):
    for pair in tomllib.load(open(path, "rb")).get("pair", []):
        for which in ("strong", "weak"):
            answers.append((pair["role"], pair["round"], pair[which].strip()))
rows, size, n = [], 0, 0
while size < 1_000_000:
    for role, rnd, text in answers:
        rows.append((f"a{n}", role, rnd, text)); size += len(text.encode()); n += 1
with open(f"{work}/corpus.txt", "w") as t, open(f"{work}/corpus.jsonl", "w") as j:
    for id_, role, rnd, text in rows:
        t.write(text.replace("\n", " ") + "\n\n")
        j.write(json.dumps({"id": id_, "answer": text, "role": role, "round": rnd}) + "\n")
print(f"corpus: {len(rows)} answers, {size} bytes")
PY

bytes=$(wc -c < "$work/corpus.txt")
run() {
  local name=$1; shift
  local start end secs
  start=$(date +%s.%N)
  "$@" > /dev/null 2>&1 || true
  end=$(date +%s.%N)
  secs=$(echo "$end - $start" | bc -l)
  printf '%-34s %8.2f s %10.0f KB/s\n' "$name" "$secs" "$(echo "$bytes / 1000 / $secs" | bc -l)"
}
echo "corpus: $bytes bytes"
run "debrief grade --batch (1 core)" taskset -c 0 target/release/debrief grade --batch "$work/corpus.jsonl" --json
run "proselint 0.16.0 check" "$work/venv/bin/proselint" check "$work/corpus.txt"
run "write-good 1.0.8" "$work/node_modules/.bin/write-good" "$work/corpus.txt"
