"""What the whole-process peers share: reading a CSV/TSV edge list as Rensa reads it, and
writing the answer (orjson when installed)."""
import numpy as np
import pandas as pd

try:
    import orjson

    def dumps(doc):
        return orjson.dumps(doc) + b"\n"
except ImportError:  # pragma: no cover
    import json

    def dumps(doc):
        return (json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


def read_edges(path):
    """The edge list with pandas' C parser: (frame, supplier codes, dependent codes, ids).
    Ids are strings, trimmed, numbered in order of first appearance (supplier, then
    dependent, row by row): Rensa's node order."""
    sep = "\t" if path.endswith(".tsv") else ","
    frame = pd.read_csv(path, sep=sep, dtype={"supplier": str, "dependent": str}, keep_default_na=False, engine="c")
    interleaved = np.empty(2 * len(frame), dtype=object)
    interleaved[0::2] = frame["supplier"].str.strip().to_numpy()
    interleaved[1::2] = frame["dependent"].str.strip().to_numpy()
    codes, ids = pd.factorize(interleaved, sort=False)
    return frame, codes[0::2].astype(np.int64), codes[1::2].astype(np.int64), np.asarray(ids, dtype=object)


def write(data, out):
    """The answer's bytes to `out`, or to stdout."""
    if out:
        with open(out, "wb") as f:
            f.write(data)
    else:
        import sys
        sys.stdout.buffer.write(data)
