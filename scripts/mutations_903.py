"""Defects of every kind for scripts/conformance-903: variants of a clean
return in which every column of every table is blanked, given each of its
valid codes and invalid ones, has its dates moved by a day, a week, a year
or eighteen, set to the year's edges or to no date (31/02, a two-digit
year), and in which rows are duplicated, dropped or given to another child;
and the same to last year's return. Each variant changes one table of one
year, every fifth row, a different column from row to row, so that each
rule meets the cases that should fail it and the near misses that should
pass in the same run."""

import csv
import datetime
import random

# The DfE's codes for each coded column (2024-25), as the return writes
# them. A code that is not valid is added by the "invalid" family.
CODES = {
    "SEX": ["M", "F", "1", "2"],
    "ETHNIC": ["WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
               "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"],
    "MOTHER": ["0", "1"],
    "RNE": ["S", "P", "L", "T", "U", "B"],
    "LS": ["C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"],
    "CIN": ["N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"],
    "PLACE": ["A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1", "T0",
              "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"],
    "PLACE_PROVIDER": ["PR0", "PR1", "PR2", "PR3", "PR4", "PR5"],
    "REC": ["E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E4A", "E4B", "E41", "E45", "E46", "E47",
            "E48", "E5", "E6", "E7", "E8", "E9", "X1"],
    "REASON_PLACE_CHANGE": ["CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ",
                            "PLACE", "CUSTOD", "OTHER"],
    "REVIEW_CODE": ["PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"],
    "SDQ_REASON": ["SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"],
    "CONVICTED": ["0", "1"],
    "HEALTH_CHECK": ["0", "1"],
    "IMMUNISATIONS": ["0", "1"],
    "TEETH_CHECK": ["0", "1"],
    "HEALTH_ASSESSMENT": ["0", "1"],
    "SUBSTANCE_MISUSE": ["0", "1"],
    "INTERVENTION_RECEIVED": ["0", "1"],
    "INTERVENTION_OFFERED": ["0", "1"],
    "IN_TOUCH": ["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"],
    "ACTIV": ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"],
    "ACCOM": ["B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2", "K1", "K2", "R1", "R2",
              "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2", "X2", "X3", "Y1", "Y2", "Z1", "Z2", "0"],
    "FOSTER_CARE": ["0", "1"],
    "NB_ADOPTR": ["1", "2"],
    "SEX_ADOPTR": ["M1", "F1", "MM", "FF", "MF"],
    "LS_ADOPTR": ["L0", "L11", "L12", "L2", "L3", "L4"],
    "REASON_PLACED_CEASED": ["RD1", "RD2", "RD3", "RD4"],
    "PREV_PERM": ["P1", "P2", "P3", "Z1"],
    "MISSING": ["M", "A"],
    "SW_REASON": ["MANAGE", "FCONTA", "LEFTROLE", "ORGRESTRUC", "OTHER", "UNKNOWN", "CHCHAN"],
    "UPN": ["UN1", "UN2", "UN3", "UN4", "UN5", "A123456789012", "B12345678901C", "I123456789012"],
    "LA_PERM": ["800", "855", "856", "212", "NUK", "WAL", "SCO", "NIR", "999"],
    "SDQ_SCORE": ["0", "12", "40", "41", "-1", "12.5"],
    "URN": ["XXXXXXX", "SC000001", "1234567"],
    "SW_ID": ["SW1", "SW12", "SW12345", "XX123", "AB123"],
    "HOME_POST": ["LE1 1AA", "LE11AA", "le1 1aa", "ZZ9 9ZZ"],
    "PL_POST": ["LE1 1AA", "LE11AA", "le1 1aa", "ZZ9 9ZZ"],
}
INVALID = ["XX9", "9", "Q", "x"]
DATES = {"DOB", "MC_DOB", "DUC", "DECOM", "DEC", "REVIEW", "MIS_START", "MIS_END", "DATE_PERM", "DATE_PLACED",
         "DATE_PLACED_CEASED", "DATE_INT", "DATE_MATCH", "SW_DECOM", "SW_DEC", "DOLO_START", "DOLO_END"}
SHIFTS = [datetime.timedelta(days=d) for d in (-1, 1, -7, 7, -30, 30, -365, 365, -366, 366, -3, 3, -91, 91)]
SHIFTS += ["-16y", "+16y", "-18y", "+18y", "-17y", "+17y", "-4y", "+4y", "-21y", "-25y"]
DATE_VALUES = ["01/04/2024", "31/03/2025", "01/04/2025", "31/03/2024", "1/1/20", "31/02/2024", "ZZ/05/2024",
               "01/01/1990", "14/10/1991", "13/10/1991", "2024-05-01", "01/05/2024", "15/06/2024", "30/03/2025"]


def parse(text):
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


def shifted(text, shift):
    d = parse(text)
    if d is None:
        return text
    if isinstance(shift, str):
        years = int(shift[:-1])
        try:
            return d.replace(year=d.year + years).strftime("%d/%m/%Y")
        except ValueError:
            return (d.replace(day=28).replace(year=d.year + years)).strftime("%d/%m/%Y")
    return (d + shift).strftime("%d/%m/%Y")


def families():
    """Each family: a name and a function from (column, current value, n) to
    the new value, or None when the family has nothing for the column."""
    def blank(column, value, n):
        return "" if column != "CHILD" else None

    def codes(column, value, n):
        if column in CODES:
            return CODES[column][n % len(CODES[column])]
        return None

    def invalid(column, value, n):
        if column in DATES:
            return ["31/02/2024", "1/1/20", "ZZ/05/2024", "2024-05-01", "00/00/0000"][n % 5]
        if column in CODES:
            return INVALID[n % len(INVALID)]
        return None

    def dates_moved(column, value, n):
        if column in DATES and value:
            return shifted(value, SHIFTS[n % len(SHIFTS)])
        return None

    def dates_set(column, value, n):
        if column in DATES:
            return DATE_VALUES[n % len(DATE_VALUES)]
        return None

    def case_and_space(column, value, n):
        if column in CODES and value:
            return [value.lower(), f" {value}", f"{value} "][n % 3]
        return None

    return [("blank", blank), ("codes", codes), ("invalid", invalid), ("dates_moved", dates_moved),
            ("dates_set", dates_set), ("case_and_space", case_and_space)]


def cell_variant(header, rows, change, every=5):
    """Every `every`th row has one of its columns changed, a different
    column from one such row to the next."""
    columns = [c for c in header if c != "CHILD"]
    k = 0
    for n, r in enumerate(rows):
        if n % every:
            continue
        for tries in range(len(columns)):
            column = columns[(k + tries) % len(columns)]
            new = change(column, r[header.index(column)], k // len(columns))
            if new is not None:
                r[header.index(column)] = new
                break
        k += 1


def structural(header, rows, kind, rng):
    if kind == "duplicated":
        rows.extend([list(r) for r in rows[::9]])
    elif kind == "dropped":
        del rows[3::6]
    elif kind == "other_child":
        i = header.index("CHILD")
        children = sorted({r[i] for r in rows})
        for n, r in enumerate(rows):
            if n % 11 == 5 and children:
                r[i] = rng.choice(children)
    elif kind == "reordered":
        rng.shuffle(rows)


def variants(tables):
    """(name, table, change) for every family and table: `change(header,
    rows)` edits the table in place."""
    rng = random.Random(903)
    out = []
    for table in tables:
        for name, f in families():
            out.append((f"{table}_{name}", table, lambda h, r, f=f: cell_variant(h, r, f)))
        for kind in ("duplicated", "dropped", "other_child", "reordered"):
            out.append((f"{table}_{kind}", table, lambda h, r, kind=kind: structural(h, r, kind, rng)))
    return out


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def complete(folder, start_year):
    """Adds the tables the demo's export leaves empty (OC2, OC3, AD1,
    PrevPerm), consistent with the return's Header and Episodes, as a
    council's return would have them: the outcomes of children looked after
    for the twelve months to 31 March, care leavers around their 17th to
    21st birthdays, the adoption details of children adopted in the year,
    and previous permanence for children who started to be looked after."""
    rng = random.Random(start_year)
    start = datetime.date(start_year, 4, 1)
    end = datetime.date(start_year + 1, 3, 31)
    h_header, header = read(folder / "Header.csv")
    e_header, episodes = read(folder / "Episodes.csv")
    dob = {r[0]: r[h_header.index("DOB")] for r in header}
    col = {c: i for i, c in enumerate(e_header)}
    by_child = {}
    for r in episodes:
        by_child.setdefault(r[0], []).append(r)

    def age(child, on):
        d = parse(dob.get(child, ""))
        if d is None:
            return None
        return on.year - d.year - ((on.month, on.day) < (d.month, d.day))

    oc2, oc3, ad1, prev = [], [], [], []
    for child, rows in sorted(by_child.items()):
        rows.sort(key=lambda r: parse(r[col["DECOM"]]) or datetime.date.max)
        first, last = rows[0], rows[-1]
        begun, ended = parse(first[col["DECOM"]]), parse(last[col["DEC"]])
        a = age(child, end)
        if a is None:
            continue
        if begun and begun <= datetime.date(start_year, 3, 31) and ended is None:
            # Looked after for the twelve months to 31 March: OC2.
            sdq = str(rng.randrange(0, 41)) if 4 <= a <= 16 else ""
            reason = "" if sdq or not (4 <= a <= 16) else "SDQ1"
            oc2.append([child, dob[child], sdq, reason, "0" if a >= 10 else "", "1" if a < 5 else "",
                        "1", "1", "1", "0" if a >= 10 else "", "", ""])
        if 17 <= a <= 21 and ended is not None:
            oc3.append([child, dob[child], "YES", rng.choice(["F2", "P2", "G4"]), rng.choice(["S2", "T2", "B2"])])
        if last[col["REC"]] in ("E11", "E12") and ended and start <= ended <= end:
            ad1.append([child, dob[child], (ended - datetime.timedelta(days=200)).strftime("%d/%m/%Y"),
                        (ended - datetime.timedelta(days=120)).strftime("%d/%m/%Y"), "1", "2", "MF", "L2"])
        if first[col["RNE"]] == "S" and begun and start <= begun <= end:
            if rng.random() < 0.3:
                prev.append([child, dob[child], "P1", "855", (begun - datetime.timedelta(days=700)).strftime("%d/%m/%Y")])
            else:
                prev.append([child, dob[child], "Z1", "", ""])
    for name, columns, rows in (
        ("OC2", ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
                 "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
                 "INTERVENTION_OFFERED"], oc2),
        ("OC3", ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"], oc3),
        ("AD1", ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"], ad1),
        ("PrevPerm", ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"], prev),
    ):
        write(folder / f"{name}.csv", columns, rows)
    return {"OC2": len(oc2), "OC3": len(oc3), "AD1": len(ad1), "PrevPerm": len(prev)}
