"""Ofsted's provider lists for the SSDA903 conformance check.

Builds the children's homes list and the social care providers list
(current and closed sheets) for the URNs of a generated return, consistent
with its episodes, then spoils some entries on purpose: URNs left off the
lists, the wrong placement type or provider code, another postcode, a
provider closed before or during the placement, and entries right on the
boundaries (closed the day an episode ends, or on 31 March). The lists are
written as CSV for ours and as Excel workbooks, in the sheet layout it
expects, for the reference. Used by scripts/conformance_903.py.
"""

import csv
import datetime

YEAR_END = datetime.date(2025, 3, 31)
HOMES = ["URN", "Provider Name", "Local Authority", "Provider Code", "Provider Placement Code", "Closed Date", "Setting Postcode"]
SCP = ["URN", "Provider type", "Provider name", "Local authority", "Placement code", "Placement provider code", "Setting postcode"]
SCP_CLOSED = SCP + ["Deregistration date"]


def day(text):
    try:
        d, m, y = (int(x) for x in text.split("/"))
        return datetime.date(y, m, d)
    except ValueError:
        return None


def providers_of(episodes_csv):
    """Each URN of the return with what its episodes say about it."""
    found = {}
    with open(episodes_csv, newline="") as f:
        for r in csv.DictReader(f):
            urn = r["URN"].strip()
            if not urn or urn.upper() == "XXXXXXX":
                continue
            p = found.setdefault(urn, {"places": [], "providers": [], "postcode": "", "starts": [], "ends": []})
            for key, value in (("places", r["PLACE"]), ("providers", r["PLACE_PROVIDER"])):
                if value and value not in p[key]:
                    p[key].append(value)
            p["postcode"] = p["postcode"] or r["PL_POST"]
            p["starts"] += [d for d in [day(r["DECOM"])] if d]
            p["ends"].append(day(r["DEC"]) if r["DEC"] else None)
    return found


def spoil(n, urn, p):
    """The list entry for the n-th URN, with this entry's deliberate defect
    (None: left off the lists)."""
    places, providers = list(p["places"]), list(p["providers"])
    postcode, closed = p["postcode"] or "LE1 1AA", None
    if n % 11 == 1:
        return None
    if n % 13 == 2:
        places = [c for c in ["S1", "K1", "R1"] if c not in places][:1]
    if n % 17 == 3:
        providers = [c for c in ["PR5", "PR3"] if c not in providers][:1]
    if n % 7 == 4:
        postcode = "ZZ9 9ZZ"
    if n % 19 == 5 and p["starts"]:
        closed = min(p["starts"])  # closed the day the placement began
    if n % 23 == 6:
        closed = datetime.date(2024, 12, 31)  # closed during the year
    if n % 29 == 7:
        ends = [e for e in p["ends"] if e]
        # Right on the boundary: closed the day the placement ended, or on
        # 31 March for one still open.
        closed = max(ends) if ends and None not in p["ends"] else YEAR_END
    if n % 5 == 0:
        postcode = postcode.replace(" ", "").lower()  # written loosely
    if n % 3 == 0 and len(places) == 1:
        places = places + ["S1" if places[0] != "S1" else "K1"]  # more than one code
    return {"urn": urn, "places": places, "providers": providers, "postcode": postcode, "closed": closed}


def write_lists(episodes_csv, folder):
    """Writes the lists; returns their paths (CSV for ours, xlsx for the reference)."""
    folder.mkdir(parents=True, exist_ok=True)
    homes, current, closed = [], [], []
    for n, (urn, p) in enumerate(sorted(providers_of(episodes_csv).items())):
        e = spoil(n, urn, p)
        if e is None:
            continue
        if set(p["places"]) & {"K1", "K2"}:
            homes.append(e)
        elif e["closed"]:
            closed.append(e)
        else:
            current.append(e)
    uk = lambda d: d.strftime("%d/%m/%Y") if d else ""  # noqa: E731
    home_row = lambda e: [e["urn"], f"Home {e['urn']}", "Leicestershire", ",".join(e["places"]), "/".join(e["providers"]), e["closed"], e["postcode"]]  # noqa: E731
    scp_row = lambda e: [e["urn"], "Independent Fostering Agency", f"Provider {e['urn']}", "Leicestershire", ",".join(e["places"]), ",".join(e["providers"]), e["postcode"]]  # noqa: E731
    sheets = {
        "homes": [("Provider information", HOMES, [home_row(e) for e in homes])],
        "providers": [
            ("Current providers", SCP, [scp_row(e) for e in current]),
            ("Providers closed", SCP_CLOSED, [scp_row(e) + [e["closed"]] for e in closed]),
        ],
    }
    paths = {"csv": [], "xlsx": {}}
    import openpyxl

    for name, book in sheets.items():
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, header, rows in book:
            ws = wb.create_sheet(title)
            ws.append(header)
            for row in rows:
                ws.append(row)
            path = folder / f"{name}_{title.replace(' ', '_').lower()}.csv"
            with open(path, "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows([[uk(v) if isinstance(v, datetime.date) or v is None else v for v in row] for row in rows])
            paths["csv"].append(path)
        paths["xlsx"][name] = folder / f"{name}.xlsx"
        wb.save(paths["xlsx"][name])
    return paths


def reference_uploads(paths, uploaded_file):
    """The lists as the reference takes them: one workbook in each box."""
    return [
        uploaded_file(name=paths["xlsx"]["homes"].name, description="CH lookup", file_content=paths["xlsx"]["homes"].read_bytes()),
        uploaded_file(name=paths["xlsx"]["providers"].name, description="SCP lookup", file_content=paths["xlsx"]["providers"].read_bytes()),
    ]


def our_arguments(paths):
    """The lists as ours takes them: the same workbooks the reference reads,
    one --providers each."""
    return [a for p in paths["xlsx"].values() for a in ("--providers", str(p))]


def lower_urns(header, rows):
    """URNs and placement postcodes written loosely (lower case, no space)."""
    u, pc = header.index("URN"), header.index("PL_POST")
    for n, r in enumerate(rows):
        if n % 3 == 0:
            r[u] = r[u].lower()
            r[pc] = r[pc].replace(" ", "").lower()


def return_defects(set_cell):
    """Variants of the return for the URN rules."""
    return [
        ("urn_written_loosely", "Episodes", lower_urns),
        ("urn_xxxxxxx", "Episodes", set_cell("URN", "XXXXXXX", every=5)),
        ("urn_unknown", "Episodes", set_cell("URN", "SC000000", every=9)),
    ]
