"""Runs the reference validator and ours on the same returns and compares,
rule by rule, the rows each reports. Called by scripts/conformance-903."""

import csv
import importlib
import io
import json
import logging
import pathlib
import random

import shutil
import subprocess
import sys

logging.disable(logging.CRITICAL)

from lac_validator.lac_validator import LacValidator  # noqa: E402
from lac_validator.types import UploadedFile  # noqa: E402

# Each of the reference's rules on the data as read: it hands each rule a
# shallow copy of one data store, so a rule that writes into a column (365
# fills every blank DEC with 31 March) changes what every later rule sees.
# With pandas' copy-on-write, a rule's writes go to its own copy, so the
# rules are compared, not the order they run in (a deep copy for each rule
# does the same, four times slower).
import pandas  # noqa: E402

pandas.options.mode.copy_on_write = True

out = pathlib.Path(sys.argv[1])
binary = sys.argv[2]
postcode_file = sys.argv[3]
returns = out / "returns"
clean = returns / "clean"
last_year = out / "previous" / "last_year"


# Real postcodes (scripts/real_postcodes_903.py) replace the generated
# returns' invented ones; variants below add the defects.
from real_postcodes_903 import draw, real_postcodes  # noqa: E402


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


def variant(name, table, change, source=None, into=None):
    """A copy of a return (the clean one) with one table changed (or
    several: a list of tables, each changed the same way)."""
    source = source or clean
    folder = (into or returns) / name
    shutil.copytree(source, folder)
    for t in table if isinstance(table, list) else [table]:
        with open(source / f"{t}.csv", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        change(header, body)
        write(folder, t, header, body)


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


def postcodes_from(column, pool, every):
    """Every nth postcode of a column replaced by one from a pool."""
    def change(header, rows):
        i = header.index(column)
        for n, r in enumerate(rows):
            if n % every == 0 and r[i]:
                r[i] = draw(pool)
    return change


def unknown_postcodes(header, rows):
    """Postcodes the directory does not have: well-formed, malformed, and
    the right shape in the wrong area."""
    h, p = header.index("HOME_POST"), header.index("PL_POST")
    bad = ["ZZ9 9ZZ", "LE99 9ZZ", "NOT A POSTCODE", "SW1A 0XX", "LE1"]
    for n, r in enumerate(rows):
        if n % 7 == 0:
            r[p] = bad[n % len(bad)]
        if n % 11 == 3:
            r[h] = bad[(n + 2) % len(bad)]


def no_authority_or_grid(header, rows):
    """Postcodes the directory has with neither authority nor grid reference."""
    postcodes_from("PL_POST", "no_authority", 8)(header, rows)
    postcodes_from("HOME_POST", "no_authority", 9)(header, rows)


def postcodes_in_lower_case_without_spaces(header, rows):
    for column in ("HOME_POST", "PL_POST"):
        i = header.index(column)
        for n, r in enumerate(rows):
            if n % 2 == 0:
                r[i] = r[i].lower().replace(" ", "")


defects = [
    ("dec_before_decom", "Episodes", swap_dates),
    ("postcodes_unknown", "Episodes", unknown_postcodes),
    ("postcodes_outside_england", "Episodes", postcodes_from("PL_POST", "nations", 5)),
    ("postcodes_new_authorities", "Episodes", postcodes_from("PL_POST", "new", 6)),
    ("postcodes_no_authority_or_grid", "Episodes", no_authority_or_grid),
    ("postcodes_case_and_spaces", "Episodes", postcodes_in_lower_case_without_spaces),
]
real_postcodes(clean)
real_postcodes(last_year)
# The tables the demo's export leaves empty (OC2, OC3, AD1, PrevPerm),
# filled in consistently with the rest, so that their rules meet data.
import mutations_903 as mutations  # noqa: E402

mutations.complete(clean, 2024)
mutations.complete(last_year, 2023)
for name, table, change in defects:
    variant(name, table, change)
# Defects of every kind (scripts/mutations_903.py), to this year's tables
# in three groups and to last year's, each group in a return of its own.
GROUPS = {
    "every_table": ["Header", "UASC", "OC2", "OC3", "AD1", "Episodes", "PlacedAdoption", "PrevPerm",
                    "Reviews", "Missing", "SWEpisodes"],
}
family_variants = []
for group, tables in GROUPS.items():
    for name, _, change in mutations.variants(["all"]):
        family = name.split("_", 1)[1]
        family_variants.append((f"{group}_{family}", tables, change))
for name, tables, change in family_variants:
    variant(name, tables, change)
last_year_variants = out / "previous" / "variants"
shutil.rmtree(last_year_variants, ignore_errors=True)
every_table = [t for ts in GROUPS.values() for t in ts]
for name, _, change in mutations.variants(["last_year"]):
    variant(name, every_table, change, source=last_year, into=last_year_variants)

# For the rules comparing the placement's derived authority, location and
# distance with last year's (452, 453, 503G, 503H, 503J): this year's
# placements as last year's, moved elsewhere in England, homes moved, and
# placements unknown.
for name, table, change in [
    ("same_placements", "Episodes", lambda header, rows: None),
    ("placements_moved", "Episodes", postcodes_from("PL_POST", "england", 4)),
    ("homes_moved", "Episodes", postcodes_from("HOME_POST", "leics", 5)),
    ("placements_unknown", "Episodes", unknown_postcodes),
]:
    variant(name, table, change)

# Ofsted's provider lists: generated from the clean return's URNs, with
# deliberate defects, and given to both validators for every return.
import ofsted_lists_903 as ofsted  # noqa: E402

for name, table, change in ofsted.return_defects(set_cell):
    variant(name, table, change)
defects += ofsted.return_defects(set_cell)
provider_lists = ofsted.write_lists(clean / "Episodes.csv", out / "providers")


def reference(folder, previous=None, only=None):
    files = [
        UploadedFile(name=p.name, description=description, file_content=p.read_bytes())
        for description, f in (("This year", folder), ("Prev year", previous))
        if f is not None
        for p in sorted(f.glob("*.csv"))
        if p.stat().st_size > 0
    ] + ofsted.reference_uploads(provider_lists, UploadedFile)
    registry = importlib.import_module("lac_validator.rules.lac2024_25").registry
    if only is not None:
        registry = {code: rule for code, rule in registry.items() if code.lower() in only}
    # A rule run alone (on its own cases) needs no copy-on-write, and some of
    # the reference's helpers count on writing in place (its
    # add_CLA_column's fillna(inplace=True) on a column).
    with pandas.option_context("mode.copy_on_write", only is None):
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


def row_as_read(finding):
    """The row of a finding as the reference numbers it: ours leaves out
    rows with every value blank (and says which line of the file it means),
    the reference counts them, so the file's line gives the row."""
    if finding.get("line"):
        return finding["line"] - 2
    return finding["row"] if finding["row"] is not None else -1


def ours(folder, previous=None, only=None):
    run = subprocess.run(
        [binary, "903", "validate", str(folder), "--year", "2024-25", "--format", "json",
         "--postcodes", postcode_file]
        + (["--previous", str(previous)] if previous else [])
        + ofsted.our_arguments(provider_lists)
        + (["--rules", ",".join(sorted(only))] if only is not None else []),
        capture_output=True,
        text=True,
    )
    if run.returncode == 2:
        raise SystemExit(f"our validator could not read {folder}: {run.stderr}")
    found = {}
    for f in json.loads(run.stdout or "[]"):
        found.setdefault(f["rule"].lower(), set()).add((f["table"], row_as_read(f)))
    return found


# Each rule's own cases (scripts/scenarios_903.py): the rows the
# reference's unit test of the rule hands it, five times over, in a return
# of its own with last year's; each is run for that rule alone.
import scenarios_903 as scenarios  # noqa: E402
from lac_validator.config import column_names  # noqa: E402

own_cases = out / "own_cases"
shutil.rmtree(own_cases, ignore_errors=True)
registry_2024 = importlib.import_module("lac_validator.rules.lac2024_25").registry
own_returns = scenarios.write(scenarios.harvest(registry_2024), column_names, own_cases)

totals = {}
runs = [(folder, last_year, None) for folder in sorted(returns.iterdir())]
runs += [(clean, folder, None) for folder in sorted(last_year_variants.iterdir())]
runs += [(this, previous, {code}) for code, (this, previous) in sorted(own_returns.items())]
# Each run's rows go to runs.jsonl as it ends (and progress to stderr), so
# that a check stopped part-way (it takes over an hour) still leaves what it
# compared.
progress = open(out / "runs.jsonl", "w")
for n, (folder, previous, only) in enumerate(runs, 1):
    ref, reference_rules = reference(folder, previous, only)
    mine = ours(folder, previous, only)
    print(f"[{n}/{len(runs)}] {folder.relative_to(out)} with {previous.relative_to(out) if previous else None}", file=sys.stderr, flush=True)
    progress.write(json.dumps({
        "this": str(folder.relative_to(out)), "previous": str(previous.relative_to(out)) if previous else None,
        "only": sorted(only) if only else None,
        "reference": {c: sorted(rows) for c, rows in ref.items()},
        "ours": {c: sorted(rows) for c, rows in mine.items()},
    }) + "\n")
    progress.flush()
    for code in reference_rules | set(mine):
        if only is not None and code not in only:
            continue
        t = totals.setdefault(code, {"returns": 0, "agree": 0, "ref_rows": 0, "our_rows": 0, "ref_only": 0, "ours_only": 0})
        a, b = ref.get(code, set()), mine.get(code, set())
        t["returns"] += 1
        t["agree"] += int(a == b)
        t["ref_rows"] += len(a)
        t["our_rows"] += len(b)
        t["ref_only"] += len(a - b)
        t["ours_only"] += len(b - a)

# The reference's known bugs, each on a return of two rows or so: what the
# rule should report (ours must), and what the reference reports.
import reference_bugs_903 as bugs  # noqa: E402

bug_lines = [
    "| rule | the reference's bug | rows that should be reported | the reference reports | ours reports |",
    "|---|---|---|---|---|",
]
bug_failures = []
examples = out / "examples"
shutil.rmtree(examples, ignore_errors=True)
for example in bugs.EXAMPLES:
    code = example["rule"].lower()
    folders = {}
    for year in ("this", "last"):
        if example[year] is not None:
            folders[year] = examples / code / year
            folders[year].mkdir(parents=True)
            for name, text in example[year].items():
                (folders[year] / name).write_text(text)
    ref, _ = reference(folders["this"], folders.get("last"))
    mine = ours(folders["this"], folders.get("last"))
    shown = lambda rows: ", ".join(f"{t} row {r}" for t, r in sorted(rows)) or "nothing"  # noqa: E731
    expected = set(example["expected"])
    if mine.get(code, set()) != expected:
        bug_failures.append(example["rule"])
    bug_lines.append(
        f"| {example['rule']} | {example['bug']} | {shown(expected)} | {shown(ref.get(code, set()))} | {shown(mine.get(code, set()))} |"
    )

listed = subprocess.run([binary, "903", "rules", "--year", "2024-25"], capture_output=True, text=True).stdout
implemented = {line.split("\t")[0].lower() for line in listed.splitlines() if line.strip()}

# A rule is exercised when it reports at least this many rows on both
# sides over all the returns; those that are not are listed with why (from
# NOT_EXERCISED in scripts/reference_bugs_903.py), and a rule not
# exercised without a reason there is a failure of this check.
EXERCISED_AT = 5
lines = [
    "| rule | ours | returns agreeing | rows reported (reference / ours) | only the reference | only ours | exercised |",
    "|---|---|---|---|---|---|---|",
]
agree_all = 0
not_exercised = []
for code in sorted(totals, key=lambda c: (len(c.rstrip("abcdefghij")), c)):
    t = totals[code]
    status = "implemented" if code in implemented else "not yet"
    if code in implemented and t["agree"] == t["returns"]:
        agree_all += 1
    exercised = t["ref_rows"] >= EXERCISED_AT and t["our_rows"] >= EXERCISED_AT
    if code in implemented and not exercised:
        not_exercised.append(code)
    lines.append(
        f"| {code} | {status} | {t['agree']} of {t['returns']} | {t['ref_rows']} / {t['our_rows']} | {t['ref_only']} | {t['ours_only']} | {'yes' if exercised else 'no'} |"
    )
unexplained = [c for c in not_exercised if c not in bugs.NOT_EXERCISED]
summary = (
    f"{len(implemented)} rules implemented; {agree_all} agree with the reference on every return they were "
    f"compared on: {len(runs)} runs of both validators, each with last year's return ({len(list(returns.iterdir()))} "
    f"returns: a 400-child council's with {len(defects) + len(family_variants)} variants with deliberate defects, "
    f"{len(list(last_year_variants.iterdir()))} with defects in last year's return). Not exercised (a rule "
    f"reporting fewer than "
    f"{EXERCISED_AT} rows on either side): {len(not_exercised)}, of which {len(unexplained)} without a reason."
)
why = ["| rule | rows (reference / ours) | why it is not exercised |", "|---|---|---|"]
for code in not_exercised:
    t = totals[code]
    why.append(f"| {code} | {t['ref_rows']} / {t['our_rows']} | {bugs.NOT_EXERCISED.get(code, '**no reason given**')} |")
(out / "report.md").write_text(
    summary + "\n\n" + "\n".join(lines) + "\n\n## Rules not exercised\n\n" + "\n".join(why)
    + "\n\n## The reference's bugs, each on a small return\n\n" + "\n".join(bug_lines) + "\n"
)
print(summary)
if bug_failures:
    raise SystemExit(f"ours does not report what the examples expect for {', '.join(bug_failures)}")
if unexplained:
    raise SystemExit(f"rules not exercised without a reason: {', '.join(unexplained)}")
