#!/usr/bin/env python3
"""Outside-world check of Rensa's input-output conventions on the real tables.

For the Japan 2011 13-sector table (long form) and the Norway 64-sector table
(bare matrix with a total-output row) from ../shared/datasets/io-tables, compute
with pymrio (and numpy where pymrio has no function) the technical coefficients
A, the Leontief inverse L, the Ghosh inverse, the interdependency matrix A* and
an IIM equilibrium, and compare them with `rensa inoperability --print-matrix`
/ `--json` on the same files. Every entry must agree to 1e-10 relative (to
max(1, |value|)); a mismatch exits 1.

Usage: io_tables.py RENSA_BINARY SHARED_DATASETS_DIR
"""
import io
import json
import subprocess
import sys

import numpy as np
import pandas as pd
from pymrio.tools import iomath

TOL = 1e-10


def rensa_matrix(rensa, args):
    out = subprocess.run([rensa, "inoperability"] + args, check=True, capture_output=True, text=True).stdout
    frame = pd.read_csv(io.StringIO(out), index_col=0)
    return list(frame.index), frame.to_numpy(dtype=float)


def rensa_equilibrium(rensa, args):
    out = subprocess.run([rensa, "inoperability"] + args + ["--json"], check=True, capture_output=True, text=True).stdout
    data = json.loads(out)
    return {s["id"]: s["inoperability"] for s in data["sectors"]}, data["spectral_radius"]


def compare(name, ours, theirs, failures):
    err = np.max(np.abs(ours - theirs) / np.maximum(1, np.abs(theirs)))
    status = "agrees" if err <= TOL else "MISMATCH"
    print(f"  {name}: max relative difference {err:.2e} ({status})")
    if err > TOL:
        failures.append(name)


def japan(rensa, shared, failures):
    path = f"{shared}/io-tables/japan-2011-13sector/iotable_13sector_2011.csv"
    t = pd.read_csv(path, encoding="utf-8-sig")
    t.columns = [c.strip() for c in t.columns]
    industries = list(dict.fromkeys(t.loc[t.input_type == "industry", "input_name"]))
    n = len(industries)
    idx = {s: i for i, s in enumerate(industries)}
    z = np.zeros((n, n))
    y = np.zeros(n)  # final demand + exports + imports (deducted), per product
    va = np.zeros(n)
    for r in t.itertuples():
        if r.input_type == "industry" and r.output_type == "industry":
            z[idx[r.input_name], idx[r.output_name]] = r.value_M
        elif r.input_type == "industry":
            y[idx[r.input_name]] += r.value_M
        elif r.output_type == "industry":
            va[idx[r.output_name]] += r.value_M
    x = iomath.calc_x(pd.DataFrame(z), pd.DataFrame(y)).to_numpy().ravel()
    assert np.allclose(x, z.sum(axis=0) + va, rtol=1e-12), "the Japan table does not balance"
    a = iomath.calc_A(pd.DataFrame(z), x).to_numpy()
    l = iomath.calc_L(pd.DataFrame(a)).to_numpy()
    print(f"Japan 2011, {n} sectors (pymrio {__import__('pymrio').__version__}):")
    labels, ours = rensa_matrix(rensa, ["--io-table", path, "--imports", "total", "--print-matrix", "technical"])
    assert labels == industries, "sector order differs"
    compare("technical coefficients A = Z x^-1 (pymrio calc_A)", ours, a, failures)
    _, ours = rensa_matrix(rensa, ["--io-table", path, "--imports", "total", "--print-matrix", "leontief"])
    compare("Leontief inverse (I - A)^-1 (pymrio calc_L)", ours, l, failures)
    b = z / x[:, None]
    _, ours = rensa_matrix(rensa, ["--io-table", path, "--imports", "total", "--print-matrix", "ghosh"])
    compare("Ghosh inverse (I - B)^-1, B = x^-1 Z (numpy)", ours, np.linalg.inv(np.eye(n) - b), failures)
    _, ours = rensa_matrix(rensa, ["--io-table", path, "--imports", "total", "--print-matrix", "astar"])
    compare("demand-side A* = x^-1 A x (numpy)", ours, np.diag(1 / x) @ a @ np.diag(x), failures)
    _, ours = rensa_matrix(rensa, ["--io-table", path, "--imports", "total", "--side", "supply", "--print-matrix", "astar"])
    compare("supply-side A* = A^T (numpy)", ours, a.T, failures)
    # Domestic flows: the standard Japanese model (I - (I - M)A)^-1 with import ratios
    # m_i = imports_i / (intermediate + final demand)_i.
    imports = np.zeros(n)
    final = np.zeros(n)
    for r in t.itertuples():
        if r.input_type == "industry" and r.output_type == "import":
            imports[idx[r.input_name]] -= r.value_M
        elif r.input_type == "industry" and r.output_type == "finaldemand":
            final[idx[r.input_name]] += r.value_M
    m = imports / (z.sum(axis=1) + final)
    ld = np.linalg.inv(np.eye(n) - (1 - m)[:, None] * a)
    _, ours = rensa_matrix(rensa, ["--io-table", path, "--print-matrix", "leontief"])
    compare("domestic Leontief inverse (I - (I - M)A)^-1 (numpy)", ours, ld, failures)
    # IIM equilibrium of a 72-hour outage of sector 05 on the domestic demand side.
    astar = np.diag(1 / x) @ ((1 - m)[:, None] * a) @ np.diag(x)
    c = np.zeros(n)
    c[idx["05_Electricity,gas and water supply"]] = 72 / 8760
    q = np.linalg.solve(np.eye(n) - astar, c)
    ours_q, rho = rensa_equilibrium(rensa, ["--io-table", path, "--perturb", "05=72h"])
    compare("IIM equilibrium q, 72 h outage of sector 05 (numpy solve)", np.array([ours_q[s] for s in industries]), q, failures)
    compare("spectral radius of A* (numpy eigvals)", np.array([rho]), np.array([max(abs(np.linalg.eigvals(astar)))]), failures)


def norway(rensa, shared, failures):
    path = f"{shared}/io-tables/norway-ssb-64sector/ssb_io.csv"
    frame = pd.read_csv(path)
    codes = list(frame.columns)
    values = frame.to_numpy(dtype=float)
    z, x = values[:-1], values[-1]
    keep = [i for i in range(len(codes)) if x[i] > 0 or z[i].any() or z[:, i].any()]
    z, x = z[np.ix_(keep, keep)], x[keep]
    a = iomath.calc_A(pd.DataFrame(z), x).to_numpy()
    l = iomath.calc_L(pd.DataFrame(a)).to_numpy()
    print(f"Norway, {len(keep)} of {len(codes)} sectors with activity:")
    labels, ours = rensa_matrix(rensa, ["--io-table", path, "--print-matrix", "technical"])
    assert labels == [codes[i] for i in keep], "sector order differs"
    compare("technical coefficients A (pymrio calc_A)", ours, a, failures)
    _, ours = rensa_matrix(rensa, ["--io-table", path, "--print-matrix", "leontief"])
    compare("Leontief inverse (pymrio calc_L)", ours, l, failures)


def main():
    rensa, shared = sys.argv[1], sys.argv[2]
    failures = []
    japan(rensa, shared, failures)
    norway(rensa, shared, failures)
    if failures:
        print("MISMATCHES: " + "; ".join(failures))
        sys.exit(1)
    print("all IO-table checks agree to 1e-10")


if __name__ == "__main__":
    main()
