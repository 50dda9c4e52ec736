"""Runs the reference validator and ours on the same returns and compares,
rule by rule, the rows each reports. Called by scripts/conformance-903."""

import csv
import importlib
import io
import json
import logging
import pathlib

import shutil
import subprocess
import sys

logging.disable(logging.CRITICAL)

from lac_validator.lac_validator import LacValidator  # noqa: E402
from lac_validator.types import UploadedFile  # noqa: E402

out = pathlib.Path(sys.argv[1])
binary = sys.argv[2]
returns = out / "returns"
clean = returns / "clean"


def read(table):
    with open(clean / f"{table}.csv", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write(folder, table, header, rows):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{table}.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def variant(name, table, change):
    """A copy of the clean return with one table changed."""
    folder = returns / name
    shutil.copytree(clean, folder)
    header, rows = read(table)
    change(header, rows)
    write(folder, table, header, rows)


def set_cell(column, value, every=7):
    def change(header, rows):
        i = header.index(column)
        for n, r in enumerate(rows):
            if n % every == 0:
                r[i] = value
    return change


def swap_dates(header, rows):
    a, b = header.index("DECOM"), header.index("DEC")
    for n, r in enumerate(rows):
        if n % 5 == 0 and r[b]:
            r[a], r[b] = r[b], r[a]


def duplicate_rows(header, rows):
    rows.extend([list(r) for r in rows[::11]])


defects = [
    ("blank_dob", "Header", set_cell("DOB", "")),
    ("bad_dob", "Header", set_cell("DOB", "31/02/2015")),
    ("bad_ethnic", "Header", set_cell("ETHNIC", "XXXX")),
    ("bad_sex", "Header", set_cell("SEX", "9")),
    ("bad_upn", "Header", set_cell("UPN", "A12345678901X")),
    ("bad_rne", "Episodes", set_cell("RNE", "Q")),
    ("bad_ls", "Episodes", set_cell("LS", "C9")),
    ("bad_cin", "Episodes", set_cell("CIN", "N9")),
    ("bad_place", "Episodes", set_cell("PLACE", "Z9")),
    ("bad_provider", "Episodes", set_cell("PLACE_PROVIDER", "PR9")),
    ("blank_decom", "Episodes", set_cell("DECOM", "")),
    ("dec_before_decom", "Episodes", swap_dates),
    ("bad_rec", "Episodes", set_cell("REC", "E99", every=3)),
    ("blank_place_change", "Episodes", set_cell("REASON_PLACE_CHANGE", "")),
    ("duplicate_episodes", "Episodes", duplicate_rows),
    ("bad_review_code", "Reviews", set_cell("REVIEW_CODE", "PN9")),
    ("bad_review_date", "Reviews", set_cell("REVIEW", "01/01/1990")),
    ("bad_missing_type", "Missing", set_cell("MISSING", "X", every=1)),
    ("bad_sw_reason", "SWEpisodes", set_cell("SW_REASON", "NOPE")),
]
for name, table, change in defects:
    variant(name, table, change)


# Ofsted's provider lists: generated from the clean return's URNs, with
# deliberate defects, and given to both validators for every return.
import ofsted_lists_903 as ofsted  # noqa: E402

for name, table, change in ofsted.return_defects(set_cell):
    variant(name, table, change)
defects += ofsted.return_defects(set_cell)
provider_lists = ofsted.write_lists(clean / "Episodes.csv", out / "providers")


def reference(folder):
    files = [
        UploadedFile(name=p.name, description="This year", file_content=p.read_bytes())
        for p in sorted(folder.glob("*.csv"))
        if p.stat().st_size > 0
    ] + ofsted.reference_uploads(provider_lists, UploadedFile)
    registry = importlib.import_module("lac_validator.rules.lac2024_25").registry
    v = LacValidator({"collectionYear": "2025", "localAuthority": "E10000018"}, files, registry)
    found = {}
    for table, df in v.ds_results.items():
        if not hasattr(df, "columns"):
            continue
        for column in df.columns:
            if str(column).startswith("ERR_"):
                code = str(column)[4:]
                rows = {(table, int(i)) for i in df.index[df[column] == True]}  # noqa: E712
                found.setdefault(code.lower(), set()).update(rows)
    return found, {str(c).lower() for c in registry.keys()}


def ours(folder):
    run = subprocess.run(
        [binary, "903", "validate", str(folder), "--year", "2024-25", "--format", "json"]
        + ofsted.our_arguments(provider_lists),
        capture_output=True,
        text=True,
    )
    if run.returncode == 2:
        raise SystemExit(f"our validator could not read {folder}: {run.stderr}")
    found = {}
    for f in json.loads(run.stdout or "[]"):
        found.setdefault(f["rule"].lower(), set()).add((f["table"], f["row"] if f["row"] is not None else -1))
    return found


totals = {}
for folder in sorted(returns.iterdir()):
    ref, reference_rules = reference(folder)
    mine = ours(folder)
    for code in reference_rules | set(mine):
        t = totals.setdefault(code, {"returns": 0, "agree": 0, "ref_rows": 0, "our_rows": 0, "ref_only": 0, "ours_only": 0})
        a, b = ref.get(code, set()), mine.get(code, set())
        t["returns"] += 1
        t["agree"] += int(a == b)
        t["ref_rows"] += len(a)
        t["our_rows"] += len(b)
        t["ref_only"] += len(a - b)
        t["ours_only"] += len(b - a)

listed = subprocess.run([binary, "903", "rules", "--year", "2024-25"], capture_output=True, text=True).stdout
implemented = {line.split("\t")[0].lower() for line in listed.splitlines() if line.strip()}

lines = [
    "| rule | ours | returns agreeing | rows reported (reference / ours) | only the reference | only ours |",
    "|---|---|---|---|---|---|",
]
agree_all = 0
for code in sorted(totals, key=lambda c: (len(c.rstrip("abcdefghij")), c)):
    t = totals[code]
    status = "implemented" if code in implemented else "not yet"
    if code in implemented and t["agree"] == t["returns"]:
        agree_all += 1
    lines.append(
        f"| {code} | {status} | {t['agree']} of {t['returns']} | {t['ref_rows']} / {t['our_rows']} | {t['ref_only']} | {t['ours_only']} |"
    )
summary = (
    f"{len(implemented)} rules implemented; {agree_all} agree with the reference on every one of "
    f"{len(list(returns.iterdir()))} returns (a clean export of a 400-child council and "
    f"{len(defects)} variants with deliberate defects)."
)
(out / "report.md").write_text(summary + "\n\n" + "\n".join(lines) + "\n")
print(summary)
