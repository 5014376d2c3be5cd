#!/usr/bin/env bash
# Every output of the CLI on the built-in data (and, where ../shared/datasets is
# present, on the shared public data), written into one folder so that two builds can
# be compared byte for byte:
#
#   Tests/Golden/cli-outputs.sh RENSA OUT      run binary RENSA, write OUT/<case>/…
#   diff -r OUT-before OUT-after               nothing may differ
#
# Each case is a folder with `stdout`, `stderr` and `exit`, plus the files it wrote
# (reports, exported tables, stores as their `incidents export`). Used to prove that a
# refactoring changes no behaviour (issue 20: the module split); the bad-input
# catalogue (Tests/RensaCLITests/BadInput) is checked byte for byte by the test suite.
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: $0 RENSA OUT" >&2; exit 64; }
rensa=$(realpath "$1")
out=$(realpath -m "$2")
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${RENSA_SHARED_DATASETS:-$root/../shared/datasets}
rm -rf "$out" && mkdir -p "$out"
# A fixed work folder: paths in messages are then the same for both builds.
work=/tmp/rensa-golden-work
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
export SWIFT_DETERMINISTIC_HASHING=1 OPENBLAS_NUM_THREADS=1 RENSA_STORE="$work/default.sqlite"
cases=0

# run NAME ARGS...: one case, run in a fresh folder (files it writes are kept).
run() {
  local name=$1
  shift
  local dir="$out/$name"
  mkdir -p "$dir/files"
  (cd "$dir/files" && "$rensa" "$@" >"$dir/stdout" 2>"$dir/stderr" </dev/null; echo $? >"$dir/exit")
  # Paths of the output folder read the same whoever runs it.
  sed -i "s|$out/|OUT/|g" "$dir/stdout" "$dir/stderr"
  # Stores are binary and carry timestamps of their own; compare what they hold.
  find "$dir/files" -name '*.sqlite*' -delete
  rmdir "$dir/files" 2>/dev/null || true
  cases=$((cases + 1))
}

edges="$work/edges.csv"
printf 'supplier,dependent,group,need,delay_h,recovery_h\ngrid,hospital,power,1,4,1\ngenerator,hospital,power,1,0,0\nwater-pumps,hospital,,,2,1\ngrid,water-pumps,,,1,1\ngrid,telecom,,,3,2\ntelecom,bank,,,0,1\ngrid,bank,,,6,1\nbank,grid,,,24,1\n' >"$edges"

# Help and version texts.
run help --help
run version --version
for c in closure cascade restore inoperability cluster report validate datasets import incidents; do
  run "help-$c" "$c" --help
done

# Built-in datasets.
run datasets datasets
run export-nisc datasets --export nisc-2009
run export-example datasets --export example-network
run export-mapping datasets --export cisa-sector-mapping
run export-tables datasets --export nisc-2009 --tables tables
run validate validate

# Closure.
run closure closure
run closure-json closure --json
run closure-top0 closure --top 0
run closure-spof closure --single-points-of-failure
run closure-spof-json closure --single-points-of-failure --json
run closure-dataset closure --dataset nisc-2009 --json
run closure-dataset-table closure --dataset nisc-2009 --top 0
run closure-edges closure "$edges" --json
run closure-edges-from closure "$edges" --from grid
run closure-edges-to closure "$edges" --to hospital --json
run closure-edges-spof closure "$edges" --single-points-of-failure

# Cascade and restoration.
run cascade cascade
run cascade-json cascade --json
run cascade-top0 cascade --top 0
for s in $("$rensa" datasets --export nisc-2009 | python3 -c 'import json,sys; print(" ".join(s["id"] for s in json.load(sys.stdin)["scenarios"]))'); do
  run "cascade-$s" cascade --scenario "$s" --json
  run "restore-$s" restore --scenario "$s" --crews 2
  run "restore-$s-json" restore --scenario "$s" --crews 3 --json
done
run cascade-mc cascade --scenario tokyo-earthquake --trials 2000 --seed 7 --json
run cascade-mc-threads1 cascade --scenario tokyo-earthquake --trials 2000 --seed 7 --threads 1 --json
run cascade-mc-table cascade --scenario tokyo-earthquake --trials 500 --seed 3
run cascade-crews cascade --crews 2 --json
run cascade-edges cascade "$edges" --fail grid@0+72 --json
run cascade-edges-table cascade "$edges" --fail grid@0+12,telecom@2
run cascade-edges-mc cascade "$edges" --fail grid@0+72 --trials 1000 --seed 1 --json

# Inoperability.
run iim inoperability
run iim-json inoperability --json --top 0
run iim-dynamic inoperability --dynamic --recovery-steps 14 --json
run iim-dynamic-table inoperability --dynamic --recovery-steps 7 --steps 10
run iim-clip inoperability --clip --json
run iim-matrix inoperability --print-matrix astar
io="$shared/io-tables/japan-2011-13sector"
if [ -d "$io" ]; then
  table="$io/iotable_13sector_2011.csv"
  run iim-io inoperability --io-table "$table" --perturb 05=72h --json
  run iim-io-supply inoperability --io-table "$table" --side supply --perturb 05=0.1
  run iim-io-dynamic inoperability --io-table "$table" --perturb 05=72h --dynamic --recovery-steps 14 --steps 12 --json
fi

# Clustering and findings.
run findings cluster --findings latest
run findings-json cluster --findings latest --json
run findings-2024 cluster --findings 2024 --json
matrix="$work/matrix.csv"
printf 'entity,a,b,c,d,e\ns1,1,0,1,0,1\ns2,1,1,0,0,1\ns3,0,1,1,1,0\ns4,1,0,1,1,1\ns5,0,0,0,1,1\n' >"$matrix"
for metric in jaccard dice overlap cosine; do
  run "cluster-$metric" cluster "$matrix" --metric "$metric" --method average --json
done
for method in single complete weighted centroid median ward; do
  run "cluster-$method" cluster "$matrix" --method "$method" --clusters 2 --optimal-order --json
done
run cluster-table cluster "$matrix" --shared 3 --silhouettes --clusters 2
run cluster-distances cluster "$matrix" --distances-only
run cluster-cocluster cluster "$matrix" --cocluster 2 --seed 1 --json
attack="$shared/mitre-attack-ics/ics-attack-18.1.json"
if [ -f "$attack" ]; then
  run cluster-stix cluster --stix "$attack" --entities groups --method average --clusters 4 --json
  run import-stix import stix "$attack"
fi
csaf="$shared/cisa-ics-advisories/raw_csaf_json.tar.xz"
kev="$shared/cisa-kev/known_exploited_vulnerabilities.json"
if [ -f "$csaf" ]; then
  run cluster-csaf cluster --csaf "$csaf" --rows plan-sectors --features cwe --years 2022-2024 --json
  [ -f "$kev" ] && run cluster-csaf-kev cluster --csaf "$csaf" --features cve --kev "$kev" --years 2024 --shared 5
fi
[ -f "$kev" ] && run import-kev import kev "$kev"

# Imports.
run import-edges import edges "$edges" --sector electric-power
shelby="$shared/shelby-county/Extended_Shelby_County"
if [ -d "$shelby" ]; then
  run import-shelby import shelby-county "$shelby"
  "$rensa" import shelby-county "$shelby" >"$work/shelby.json" 2>/dev/null
  run shelby-closure closure --dataset "$work/shelby.json" --json
  run shelby-spof closure --dataset "$work/shelby.json" --single-points-of-failure
  run shelby-cascade cascade --dataset "$work/shelby.json" --json
fi

# The incident store.
"$rensa" datasets --export nisc-2009 | python3 -c '
import json, sys
d = json.load(sys.stdin)
json.dump({"operators": d["operators"], "incidents": d["incidents"][:40]}, open(sys.argv[1], "w"))' "$work/reports.json"
store="$work/store.sqlite"
run incidents-import incidents import "$work/reports.json" --store "$store"
run incidents-list incidents list --store "$store"
run incidents-list-2025 incidents list --year 2025 --store "$store"
run incidents-export incidents export --store "$store"
run report-store report --store "$store" --out rep --format json

# The annual report: every audience, every format.
for audience in clear green amber amber-strict red; do
  run "report-$audience" report --audience "$audience" --out rep --format html,md,json
done
run report-2024 report --year 2024 --out rep --format md,json
run report-strict report --min-reporters 5 --dominance 85 --out rep --format json
run report-mc report --trials 300 --seed 9 --crews 3 --out rep --format json
"$rensa" datasets --export nisc-2009 | python3 -c '
import json, sys
d = json.load(sys.stdin)
d["dependencies"] = d["dependencies"][:-5]
json.dump(d, open(sys.argv[1], "w"))' "$work/previous.json"
run report-previous report --previous "$work/previous.json" --out rep --format md
if [ -d "$io" ]; then
  run report-io report --io-table "$table" --io-sectors "$root/Datasets/nisc-2009/industries-japan-2011-13.csv" --io-unit "million JPY" --out rep --format md,json
fi

echo "golden: $cases cases written to $out"
