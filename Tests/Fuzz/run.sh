#!/usr/bin/env bash
# Coverage-guided fuzzing of Rensa's parsers and importers: libFuzzer with
# AddressSanitizer, one fuzzer per input format (Docs/Hardening.md).
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET ...]     default: 20 s for each of all targets
#
# Seeds: the bad-input catalogue, the built-in data, the test fixtures, and the first
# 64 KB of the real files in ../shared/datasets when present (copied into a temporary
# corpus; nothing is committed). A crash is saved as Tests/Fuzz/crashes/TARGET-…, the
# run goes on with the other targets and then fails. Files already in
# Tests/Fuzz/crashes/ are replayed first: a crash once found must stay fixed.
# Leaks are not checked (-detect_leaks=0): the one LeakSanitizer reports is in
# swift-corelibs-foundation's XMLParser (a CFString of each parse error, 72 bytes), not
# in Rensa, and Swift's ARC leaves Rensa no manual frees to get wrong. The fuzzers run
# with RENSA_MEMORY_LIMIT=256M, as on a small machine: an input that asks for more must
# be refused, not allocated.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="$root/../shared/datasets"
seconds="${1:-20}"
[ $# -gt 0 ] && shift
all=(dataset incidents csv edges graphml kev-json kev-csv stix csaf sector-mapping matrix astar io-table sector-values concordance integer-edges failure notes analyses)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

echo "fuzz: building the fuzzers (libFuzzer + AddressSanitizer; a few minutes the first time)"
# A failed build must fail the run: fuzzing a binary left by an earlier build would
# test old code and report "no findings".
# SwiftPM keeps the build plan of this package and does not notice a file added to the
# main package (a path dependency): "cannot find 'X' in scope". Removing the plan makes
# it plan again; compilation stays incremental.
rm -f "$here/.build/debug.yaml" "$here"/.build/*/debug/description.json
set +e
build_log=$(swift build --package-path "$here" -c debug -Xswiftc -sanitize=fuzzer,address --product rensa-fuzz 2>&1)
build_status=$?
set -e
echo "$build_log" | grep -E "error|warning: unre|Compiling rensa_fuzz|complete" || true
bin="$here/.build/debug/rensa-fuzz"
[ "$build_status" -eq 0 ] && [ -x "$bin" ] || { echo "fuzz: the build failed (exit $build_status)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bad="$root/Tests/RensaCLITests/BadInput"
seed() {  # seed TARGET FILE...
  local t="$1"; shift
  mkdir -p "$work/$t"
  for f in "$@"; do
    [ -f "$f" ] || continue
    head -c 65536 "$f" > "$work/$t/$(echo "${f#$root/}" | tr '/ ' '__')"
  done
}
shopt -s nullglob globstar
seed dataset "$root"/Datasets/nisc-2009/dataset.json "$bad"/dataset/*.json "$bad"/tables*/dataset.json
seed incidents "$bad"/incidents/*.json
seed csv "$bad"/**/*.csv "$bad"/**/*.tsv "$root"/Datasets/**/*.csv
seed edges "$bad"/edges/* "$root"/Datasets/example/example-network.csv
seed graphml "$bad"/graphml/* "$root"/Tests/Fixtures/*.graphml
seed kev-json "$bad"/kev/*.json "$shared"/cisa-kev/*.json
seed kev-csv "$bad"/kev/*.csv "$shared"/cisa-kev/*.csv
seed stix "$bad"/stix/*.json "$shared"/mitre-attack-ics/*.json
seed sector-mapping "$bad"/iim/concordance*.csv
seed matrix "$bad"/matrix/*
seed astar "$bad"/iim/astar*.csv "$bad"/iim/scores*.csv
seed io-table "$bad"/iim/io*.csv "$shared"/io-tables/**/*.csv
seed sector-values "$bad"/iim/perturbation*.csv "$bad"/iim/k-*.csv
seed concordance "$bad"/iim/concordance*.csv "$root"/Datasets/nisc-2009/industries-japan-2011-13.csv
seed csaf "$bad"/csaf/advisories/*.json
if [ -f "$shared/cisa-ics-advisories/raw_csaf_json.tar.xz" ]; then
  # The first advisories of the archive (a truncated stream: tar stops at its end).
  mkdir -p "$work/csaf-raw"
  xz -dc "$shared/cisa-ics-advisories/raw_csaf_json.tar.xz" 2>/dev/null | head -c 2000000 | tar -x -C "$work/csaf-raw" 2>/dev/null || true
  seed csaf $(find "$work/csaf-raw" -name '*.json' | head -40)
fi
# analyses: the built-in model, and copies with numbers at the edges validation allows.
seed notes "$bad"/notes/*.md "$root"/README.md "$root"/Docs/Report.md
seed analyses "$root"/Datasets/nisc-2009/dataset.json
python3 - "$root/Datasets/nisc-2009/dataset.json" "$work/analyses" <<'PY' || true
import json, sys
base = json.load(open(sys.argv[1]))
edges = {"timeToImpactHours": 87600, "delayHours": 0, "recoveryHours": 87600, "startHours": 87599,
         "durationHours": 1, "probability": 5e-324, "coupling": 1}
for k, (key, value) in enumerate(edges.items()):
    def walk(x):
        if isinstance(x, dict): return {a: (value if a == key else walk(b)) for a, b in x.items()}
        if isinstance(x, list): return [walk(y) for y in x]
        return x
    json.dump(walk(base), open(f"{sys.argv[2]}/edge-{k}.json", "w"))
PY
mkdir -p "$work/integer-edges" "$work/failure"
printf '# rensa-edges nodes=4 edges=3\n0\t1\n1\t2\n2\t0\n' > "$work/integer-edges/small"
printf 'grid@0+72' > "$work/failure/a"; printf 'a@b@1' > "$work/failure/b"; printf 'water' > "$work/failure/c"

mkdir -p "$here/crashes"
failed=()
printf '%-16s %12s %8s %s\n' target executions seconds result
for t in "${targets[@]}"; do
  replay=("$here"/crashes/"$t"-*)
  if [ ${#replay[@]} -gt 0 ] && ! ASAN_OPTIONS=detect_leaks=0 RENSA_MEMORY_LIMIT=256M RENSA_FUZZ_TARGET="$t" "$bin" -detect_leaks=0 "${replay[@]}" > "$work/$t.replay" 2>&1; then
    failed+=("$t (a saved crash is back)")
  fi
  log="$work/$t.log"
  status=0
  ASAN_OPTIONS=detect_leaks=0 RENSA_MEMORY_LIMIT=256M RENSA_FUZZ_TARGET="$t" "$bin" "$work/$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
    -print_final_stats=1 -artifact_prefix="$here/crashes/$t-" > "$log" 2>&1 || status=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || echo '?')"
  if [ "$status" -eq 0 ]; then result="no crash"; else result="CRASH (see $log)"; failed+=("$t"); cp "$log" "$here/crashes/$t.log"; fi
  printf '%-16s %12s %8s %s\n' "$t" "$runs" "$seconds" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (inputs in Tests/Fuzz/crashes/)" >&2
  exit 1
fi
echo "fuzz: no findings"
