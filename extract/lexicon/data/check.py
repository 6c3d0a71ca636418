#!/usr/bin/env python3
"""Sanity checks for the lexicon data files: run `python3 check.py` in this folder.

Checks: valid UTF-8, no blank or whitespace-only lines, no leading/trailing spaces, exactly
the expected number of TAB-separated fields, allowed values in enumerated columns, no
duplicate keys (first field; (name, parent) for places.txt), and that every line starts with
a comment header. Prints one count line per file and exits non-zero on any problem.
"""
import sys, os, collections

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = {
    # file: (fields, {column index: allowed values}, key columns)
    "surnames.txt": (2, {1: {"common", "rare"}}, (0,)),
    "titles.txt": (3, {1: {"party", "gov_head", "gov", "corp", "academic", "military",
                           "foreign", "group", "generic"}}, (0,)),
    "bodies.txt": (3, {1: {"party", "government", "ministry", "company", "hospital",
                           "university", "association", "group", "other"}}, (0,)),
    "places.txt": (4, {1: {"country", "province", "city", "district", "county"}}, (0, 2)),
    "countries.txt": (3, {2: {"country", "org"}}, (0,)),
    "translit.txt": (1, {}, (0,)),
    "foreign_names.txt": (2, {}, (0,)),
    "org_suffixes.txt": (2, {1: {"party", "government", "ministry", "company", "hospital",
                                 "university", "association", "group", "other"}}, (0,)),
    "not_names.txt": (1, {}, (0,)),
    "event_words.txt": (2, {1: {"meeting", "ceremony", "signing", "meeting_with",
                                "inspection", "speech", "other"}}, (0,)),
}
FLAGS = {"deputy", "acting-ok", "head"}

def check(name, nf, allowed, keycols):
    errs = []
    raw = open(os.path.join(HERE, name), "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return [f"{name}: not UTF-8: {e}"], 0
    if text.startswith("\ufeff"):
        errs.append(f"{name}: has a BOM")
    if not text.endswith("\n"):
        errs.append(f"{name}: no final newline")
    lines = text.split("\n")[:-1]
    if not lines or not lines[0].startswith("#"):
        errs.append(f"{name}: does not begin with a comment header")
    seen = {}
    n = 0
    for i, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        if not line.strip():
            errs.append(f"{name}:{i}: blank line")
            continue
        if line != line.strip() or "  " in line or " \t" in line or "\t " in line or "\r" in line:
            errs.append(f"{name}:{i}: stray whitespace: {line!r}")
        f = line.split("\t")
        if len(f) != nf:
            errs.append(f"{name}:{i}: {len(f)} fields, want {nf}: {line!r}")
            continue
        if any(x == "" for x in f):
            errs.append(f"{name}:{i}: empty field (use -)")
        for col, vals in allowed.items():
            if f[col] not in vals:
                errs.append(f"{name}:{i}: bad value {f[col]!r} in column {col + 1}")
        if name == "titles.txt" and f[2] != "-":
            bad = set(f[2].split(",")) - FLAGS
            if bad:
                errs.append(f"{name}:{i}: bad flags {bad}")
        if name == "translit.txt" and len(f[0]) != 1:
            errs.append(f"{name}:{i}: not one character")
        key = tuple(f[c] for c in keycols)
        if key in seen:
            errs.append(f"{name}:{i}: duplicate key {key} (first at line {seen[key]})")
        seen[key] = i
        n += 1
    return errs, n

def cross():
    errs = []
    def col(fn, c=0):
        out = []
        for l in open(os.path.join(HERE, fn), encoding="utf-8"):
            if l.startswith("#") or not l.strip():
                continue
            out.append(l.rstrip("\n").split("\t"))
        return out
    # bodies: an alias names one body only, and is not another body's canonical name
    owner = collections.defaultdict(set)
    canon = {r[0] for r in col("bodies.txt")}
    for r in col("bodies.txt"):
        for a in r[2].split("|"):
            if a != "-":
                owner[a].add(r[0])
    for a, o in owner.items():
        if len(o) > 1 or a in canon:
            errs.append(f"bodies.txt: alias {a} is ambiguous: {sorted(o)}")
    # places: every parent is itself listed
    names = {r[0] for r in col("places.txt")}
    for r in col("places.txt"):
        if r[2] != "-" and r[2] not in names:
            errs.append(f"places.txt: parent {r[2]} of {r[0]} not listed")
    # foreign_names: every country is a name in countries.txt
    cn = {r[0] for r in col("countries.txt")}
    for r in col("foreign_names.txt"):
        if r[1] not in cn:
            errs.append(f"foreign_names.txt: {r[1]} (for {r[0]}) not in countries.txt")
    # not_names must not contain a title or a foreign leader
    nn = {r[0] for r in col("not_names.txt")}
    for fn in ("titles.txt", "foreign_names.txt"):
        for r in col(fn):
            if r[0] in nn:
                errs.append(f"not_names.txt: {r[0]} is also in {fn}")
    return errs

def main():
    allerrs = []
    for name, (nf, allowed, keycols) in FILES.items():
        errs, n = check(name, nf, allowed, keycols)
        print(f"{name}: {n} entries{'' if not errs else ', %d problems' % len(errs)}")
        allerrs += errs
    allerrs += cross()
    for e in allerrs:
        print(e)
    sys.exit(1 if allerrs else 0)

if __name__ == "__main__":
    main()
