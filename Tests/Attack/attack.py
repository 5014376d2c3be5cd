#!/usr/bin/env python3
"""An attacker of published Rensa reports, independent of Rensa: reads the JSON of
several reports (years, CLEAR and GREEN editions) of one dataset, knows the incident
schema, and solves with HiGHS (scipy.optimize.milp) for the least and greatest value of
every withheld count that everything printed allows.

The schema: an incident has a year, a sector, one threat type, whether it exceeded the
verification level, a catalogue threat or none, and for spill-overs (and only for them)
an originating sector other than its own; a record is CLEAR or GREEN. Printed facts:
  - headline, indicator-changes, indicators-by-type: incidents over the verification
    level by year, in total and by type (rows in the plan's order, total last);
  - indicators-by-sector: by year and sector; spillovers: the report's year, origin ->
    affected (pairs not listed have none);
  - the threat heatmap: all reported incidents of the report's year by sector and
    threat (null = withheld);
  - a count is an integer, {"withheld": true} means at least 1, a year of null ("no
    data") in every row means no record that year.

Usage: attack.py DATASET.json REPORT.json... [--k 3]
  DATASET.json: the dataset (for the sector and threat names; as `rensa datasets --export`).
Prints one line per withheld count with its range, then a summary line
  `attack: T withheld counts, narrowest W, N narrower than k`; exits 0.
"""
import json
import re
import sys

import numpy as np
from scipy.optimize import LinearConstraint, Bounds, milp
from scipy.sparse import lil_matrix

TYPES = ["intentional", "unintentional", "disaster", "spillover"]


def main(argv):
    k = 3
    if "--k" in argv:
        i = argv.index("--k")
        k = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    dataset = json.load(open(argv[0]))
    sectors = [s["id"] for s in dataset["sectors"]]
    # Either edition's labels: English names, and the Japanese ones (nameJa).
    sector_by_name = {s["name"]: s["id"] for s in dataset["sectors"]}
    sector_by_name.update({s["nameJa"]: s["id"] for s in dataset["sectors"] if s.get("nameJa")})
    threats = [t["id"] for t in dataset["threats"]]
    threat_by_name = {t["name"]: t["id"] for t in dataset["threats"]}
    threat_by_name.update({t["nameJa"]: t["id"] for t in dataset["threats"] if t.get("nameJa")})
    facts = {}  # (year, edition, kind) -> set of ("eq", n) / ("ge1",)
    empty = set()

    def record(year, edition, kind, v):
        key = (year, edition, kind)
        if isinstance(v, bool):
            return
        if isinstance(v, int):
            facts.setdefault(key, set()).add(("eq", v))
        elif isinstance(v, dict) and v.get("withheld") is True:
            facts.setdefault(key, set()).add(("ge1",))

    for path in argv[1:]:
        report = json.load(open(path))
        edition = 0 if report["marking"] == "TLP:CLEAR" else 1
        assert report["marking"] in ("TLP:CLEAR", "TLP:GREEN"), path
        ryear = report["year"]
        for section in report["sections"]:
            for b in section["blocks"]:
                if b["type"] == "table":
                    cols = b["columns"]
                    # "2026" (English), "2026年" (Japanese); fiscal-year editions are not mixed in.
                    years = [int(m.group(1)) if (m := re.fullmatch(r"(\d{4})年?", c)) else None for c in cols]
                    tid = b["id"]
                    if tid in ("headline", "indicator-changes"):
                        for r, row in enumerate(b["rows"][:5]):
                            kind = ("total",) if r == 0 else ("type", TYPES[r - 1])
                            for c, v in enumerate(row):
                                if years[c] is not None:
                                    record(years[c], edition, kind, v)
                    elif tid == "indicators-by-type":
                        for r, row in enumerate(b["rows"]):
                            kind = ("type", TYPES[r]) if r < 4 else ("total",)
                            for c, v in enumerate(row):
                                if years[c] is not None:
                                    record(years[c], edition, kind, v)
                        for c, y in enumerate(years):
                            if y is not None and all(row[c] is None for row in b["rows"]):
                                empty.add((y, edition))
                    elif tid == "indicators-by-sector":
                        for row in b["rows"]:
                            s = sector_by_name.get(row[0])
                            if s is None:
                                continue
                            for c, v in enumerate(row):
                                if years[c] is not None:
                                    record(years[c], edition, ("sector", s), v)
                    elif tid == "spillovers":
                        listed = set()
                        for row in b["rows"]:
                            o, a = sector_by_name.get(row[0]), sector_by_name.get(row[1])
                            if o and a:
                                record(ryear, edition, ("spill", o, a), row[2])
                                listed.add((o, a))
                        for o in sectors:
                            for a in sectors:
                                if o != a and (o, a) not in listed:
                                    record(ryear, edition, ("spill", o, a), 0)
                elif b["type"] == "chart" and b["id"] == "threat-heatmap":
                    for i, rn in enumerate(b["rows"]):
                        s = sector_by_name.get(rn)
                        for j, cn in enumerate(b["columns"]):
                            t = threat_by_name.get(cn)
                            if s is None or t is None:
                                continue
                            v = b["values"][i][j]
                            record(ryear, edition, ("threat", s, t), {"withheld": True} if v is None else int(v))

    # Combinations of one year: (layer, exceeded, type, sector, origin, threat).
    combos = []
    for layer in (0, 1):
        for s in range(len(sectors)):
            for t in range(len(threats)):
                combos.append((layer, False, None, s, None, t))
            for ty in TYPES:
                origins = [o for o in range(len(sectors)) if o != s] if ty == "spillover" else [None]
                for o in origins:
                    for t in [None] + list(range(len(threats))):
                        combos.append((layer, True, ty, s, o, t))

    def member(kind, edition, c, difference=False):
        layer, exceeded, ty, s, o, t = c
        if difference:
            if layer != 1:
                return False
        elif layer > edition:
            return False
        if kind[0] == "total":
            return exceeded
        if kind[0] == "type":
            return exceeded and ty == kind[1]
        if kind[0] == "sector":
            return exceeded and sectors[s] == kind[1]
        if kind[0] == "spill":
            return exceeded and o is not None and sectors[o] == kind[1] and sectors[s] == kind[2]
        if kind[0] == "threat":
            return sectors[s] == kind[1] and t is not None and threats[t] == kind[2]
        raise ValueError(kind)

    narrowest = None
    narrow = 0
    targets_total = 0
    for year in sorted({y for (y, _, _) in facts}):
        rows, lo, hi = [], [], []
        for (y, e, kind), fs in sorted(facts.items(), key=lambda x: repr(x[0])):
            if y != year:
                continue
            cols = [j for j, c in enumerate(combos) if member(kind, e, c)]
            for f in fs:
                rows.append(cols)
                if f[0] == "eq":
                    lo.append(f[1]); hi.append(f[1])
                else:
                    lo.append(1); hi.append(np.inf)
        for e in (0, 1):
            if (year, e) in empty:
                rows.append([j for j, c in enumerate(combos) if c[0] <= e])
                lo.append(0); hi.append(0)
        A = lil_matrix((len(rows), len(combos)))
        for i, cols in enumerate(rows):
            for j in cols:
                A[i, j] = 1
        A = A.tocsr()
        cons = LinearConstraint(A, np.array(lo, float), np.array(hi, float))
        targets = [(y, e, kind) for (y, e, kind), fs in facts.items() if y == year and ("ge1",) in fs]
        for (y, e, kind) in sorted(targets, key=repr):
            c = np.zeros(len(combos))
            for j, cb in enumerate(combos):
                if member(kind, e, cb):
                    c[j] = 1
            least = milp(c, constraints=cons, integrality=np.ones(len(combos)), bounds=Bounds(0, np.inf))
            most = milp(-c, constraints=cons, integrality=np.ones(len(combos)), bounds=Bounds(0, np.inf))
            lv = round(least.fun) if least.status == 0 else 0
            hv = None if most.status != 0 else round(-most.fun)
            width = None if hv is None else hv - lv + 1
            targets_total += 1
            if width is not None:
                narrowest = width if narrowest is None else min(narrowest, width)
                if width < k:
                    narrow += 1
            print(f"{y} {'CLEAR' if e == 0 else 'GREEN'} {kind}: {lv}..{'inf' if hv is None else hv}")
    print(f"attack: {targets_total} withheld counts, narrowest {narrowest if narrowest is not None else 'unbounded'}, {narrow} narrower than {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
