#!/usr/bin/env bash
# make bench: saqcheck's speed, reproducibly. Generates seeded portfolios,
# classifies them, and prints documents/s and peak RSS; compares a single
# check's start-up with a Go hello-world; runs the Go benchmarks.
# Environment: BENCH_DIR (default bench/out), BENCH_BIG=1 to add 10,000,000.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-bench/out}
mkdir -p "$dir"
# saqcheck ships static (CGO_ENABLED=0): cobra's flags import net, which with
# cgo links libc dynamically and costs ~0.8 ms at every start here.
CGO_ENABLED=0 go build -o "$dir/saqcheck" ./cmd/saqcheck
go build -o "$dir/hello" ./bench/hello
go build -o "$dir/measure" ./bench/measure
go build -o "$dir/genportfolio" ./bench/genportfolio

echo "== machine"
echo "$(nproc) cores, $(go version | cut -d' ' -f3-), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

echo "== portfolio: check --jsonl (seed 1, as of 2026-12-03)"
for n in 100000 1000000; do
  [ -s "$dir/p$n.jsonl" ] || "$dir/genportfolio" -n $n -seed 1 > "$dir/p$n.jsonl"
done
cat "$dir/p1000000.jsonl" > /dev/null # into the page cache
run() { "$dir/measure" batch "$@" -- "$dir/saqcheck" check --jsonl --as-of 2026-12-03; }
run -label "100k, to /dev/null" -docs 100000 -in "$dir/p100000.jsonl"
run -label "1M, to /dev/null" -docs 1000000 -in "$dir/p1000000.jsonl"
run -label "1M, to /dev/null (again)" -docs 1000000 -in "$dir/p1000000.jsonl"
run -label "1M, to a file" -docs 1000000 -in "$dir/p1000000.jsonl" -out "$dir/results.jsonl"
# The kernel's share of that: the same bytes copied by cat.
"$dir/measure" batch -label "  (cat of those results, baseline)" -docs 1000000 -in "$dir/results.jsonl" -out "$dir/copy.jsonl" -- cat
rm -f "$dir/results.jsonl" "$dir/copy.jsonl"
if [ "${BENCH_BIG:-0}" = 1 ]; then
  # Streamed from the generator: RSS is saqcheck's; docs/s shares the CPU.
  "$dir/genportfolio" -n 10000000 -seed 2 | run -label "10M streamed, to /dev/null" -docs 10000000
fi

echo "== single check: start-up against a Go hello-world (medians of 300 alternating runs)"
"$dir/measure" startup -runs 300 -base "$dir/hello" -- "$dir/saqcheck" check --as-of 2026-12-03 examples/elements-and-terminal.json
"$dir/measure" startup -runs 300 -base "$dir/hello" -- "$dir/saqcheck" check -o json examples/elements-and-terminal.json

echo "== Go benchmarks (per document; allocations reported)"
go test -run '^$' -bench 'Decode$|Evaluate$|Encode$|BuildResult$|Run$|LoadEmbedded$|LoadYAML$' -benchmem \
  ./internal/questionnaire ./internal/saq ./internal/report ./internal/batch | grep -E '^(Benchmark|ok|FAIL)'
