#!/usr/bin/env bash
# Creates Benchmarks/Peers/.venv with the peer libraries (idempotent).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  echo "peers: creating virtualenv Benchmarks/Peers/.venv"
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import numpy, scipy, networkx, igraph, rustworkx, networkit, pymrio, pandas, orjson" 2>/dev/null; then
  echo "peers: installing $(grep -v '^#' requirements.txt | tr '\n' ' ')"
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -r requirements.txt
fi
.venv/bin/python - <<'PY'
import importlib
for name in ["numpy", "scipy", "networkx", "igraph", "rustworkx", "networkit", "fastcluster", "sklearn", "graphblas", "pymrio", "pandas", "orjson"]:
    try:
        m = importlib.import_module(name)
        print(f"peers: {name} {getattr(m, '__version__', '?')}")
    except Exception as e:
        print(f"peers: {name} unavailable ({e.__class__.__name__})")
PY
