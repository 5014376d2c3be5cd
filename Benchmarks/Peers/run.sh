#!/usr/bin/env bash
# One command for the peer comparison: sets up the virtualenv, builds the release
# CLI, generates the workloads (fixed seeds) and runs compare.py on all of them.
#   Benchmarks/Peers/run.sh [--quick] [--timeout S] [--only KERNEL]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
"$here/setup.sh"
(cd "$root" && make -s setup && swift build -c release --product rensa && swift build -c release --product rensa-bench)
rensa="$root/.build/release/rensa"
bench="$root/.build/release/rensa-bench"
work="$root/Benchmarks/Workloads"
mkdir -p "$work"
gen() { [ -f "$work/$5" ] || "$bench" generate --family "$1" --nodes "$2" --degree "$3" --seed "$4" --out "$work/$5" ${6:+--delays "$6"}; }
gen random 10000 3 1 random-10000-d3.tsv
gen random 10000 8 1 random-10000-d8.tsv
gen random 50000 3 1 random-50000-d3.tsv
gen random 50000 8 1 random-50000-d8.tsv
gen hard 50000 3 1 hard-50000.tsv
gen random 1000000 5 1 random-1000000-d5.tsv
gen random 100000 5 1 timed-100000-d5.tsv 1-24
gen random 100000 5 1 random-100000-d5.tsv
# Inoperability workloads (binary, format in Docs/Benchmarks.md).
[ -f "$work/iim-2000.bin" ] || "$bench" generate-iim --n 2000 --scenarios 64 --seed 1 --out "$work/iim-2000.bin"
[ -f "$work/iim-5000.bin" ] || "$bench" generate-iim --n 5000 --scenarios 1 --seed 1 --out "$work/iim-5000.bin"
[ -f "$work/iim-sparse-100000.bin" ] || "$bench" generate-iim --n 100000 --per-row 10 --seed 1 --out "$work/iim-sparse-100000.bin"
# Clustering workloads: binary entity × feature matrices (format in Docs/Benchmarks.md).
[ -f "$work/binary-10000.tsv" ] || "$bench" generate-binary --rows 10000 --columns 400 --density 0.05 --seed 1 --out "$work/binary-10000.tsv"
[ -f "$work/binary-20000.tsv" ] || "$bench" generate-binary --rows 20000 --columns 400 --density 0.05 --seed 1 --out "$work/binary-20000.tsv"
for n in 1000 2000; do [ -f "$work/binary-$n.tsv" ] || "$bench" generate-binary --rows $n --columns 400 --density 0.05 --seed 1 --out "$work/binary-$n.tsv"; done
[ -f "$work/blocks-10000.tsv" ] || "$bench" generate-binary --rows 10000 --columns 400 --density 0.05 --blocks 10 --inside 0.3 --seed 1 --out "$work/blocks-10000.tsv"
[ -f "$work/blocks-20000.tsv" ] || "$bench" generate-binary --rows 20000 --columns 400 --density 0.05 --blocks 10 --inside 0.3 --seed 1 --out "$work/blocks-20000.tsv"
[ -f "$work/debian.tsv" ] || python3 "$here/debian_graph.py" "$work/debian.tsv"
# The same graphs as the CSV edge lists a user gives `rensa closure` (whole-process rows).
[ -f "$work/hard-50000.csv" ] || python3 "$here/edges_csv.py" "$work/hard-50000.tsv" "$work/hard-50000.csv"
[ -f "$work/debian.csv" ] || python3 "$here/edges_csv.py" "$work/debian.tsv" "$work/debian.csv"
[ -f "$work/timed-100000-d5.csv" ] || python3 "$here/edges_csv.py" "$work/timed-100000-d5.tsv" "$work/timed-100000-d5.csv"
# N-k workloads (issue 23): the hard family with groups of alternatives, as CSV with group and need.
for n in 10000 100000; do [ -f "$work/nk-$n.csv" ] || "$bench" n-k --nodes $n --export "$work/nk-$n.csv"; done
# Real workloads from the shared datasets (read there, never copied into the repository).
shared="$root/../shared/datasets"
# present PATH WHAT: whether a shared file or folder is there; if not, says what is skipped.
present() { [ -e "$1" ] || { echo "note: $1 is absent; $2 skipped" >&2; return 1; }; }
# The Western US power grid: as is, and with seeded delays.
grid="$shared/power-grid-us-western/powergridUSWS.txt"
if present "$grid" "the power-grid workloads are"; then
  [ -f "$work/power-grid.tsv" ] || python3 "$here/power_grid.py" "$grid" "$work/power-grid.tsv"
  [ -f "$work/power-grid-timed.tsv" ] || "$bench" generate --from "$work/power-grid.tsv" --delays 1-24 --seed 1 --out "$work/power-grid-timed.tsv"
fi
# Shelby County interdependent networks: as is, and with seeded delays.
shelby="$shared/shelby-county/Extended_Shelby_County"
if present "$shelby" "the Shelby County workloads are"; then
  [ -f "$work/shelby.tsv" ] || python3 "$here/shelby_graph.py" "$shelby" "$work/shelby.tsv"
  [ -f "$work/shelby-timed.tsv" ] || "$bench" generate --from "$work/shelby.tsv" --delays 1-24 --seed 1 --out "$work/shelby-timed.tsv"
fi
# ATT&CK Enterprise groups × techniques.
attack="$shared/mitre-attack-enterprise/enterprise-attack-18.1.reassembled.json.xz"
if present "$attack" "the ATT&CK workloads are"; then
  [ -f "$work/attack-groups.tsv" ] || "$bench" generate-binary --stix "$attack" --out "$work/attack-groups.tsv"
fi
# CISA ICS advisories × CWEs.
advisories="$shared/cisa-ics-advisories/raw_csaf_json.tar.xz"
if present "$advisories" "the ICS-advisory workloads are"; then
  [ -f "$work/ics-advisories-cwe.tsv" ] || "$bench" generate-binary --csaf "$advisories" --out "$work/ics-advisories-cwe.tsv"
fi
# The IO-table conventions against pymrio and numpy on the real tables (exits 1 on a mismatch).
if present "$shared/io-tables" "the IO-table agreement check is"; then
  "$here/.venv/bin/python" "$here/io_tables.py" "$rensa" "$shared"
fi
# numpy wheels bring their own OpenBLAS (both use 2 threads here); the graph kernels use no BLAS.
"$here/.venv/bin/python" "$here/compare.py" "$@"
# Whole-process rows: `rensa closure|cascade FILE.csv --json` against peer scripts that read
# the same file and write the same answer (process.json; exits 1 on a disagreement).
"$here/.venv/bin/python" "$here/process.py"
