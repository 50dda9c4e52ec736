"""Each rule's own cases for scripts/conformance-903: the rows the
reference's unit test of each rule in force for 2024-25 hands to the rule
(cases that should fail it beside near misses that should pass), written as
one return of this year and one of last year, every case five times over
under other children's identifiers, so that each rule meets at least five
rows that should fail it.

The reference's tests give only the columns the rule reads; the others are
left blank, but for a child's DOB, which every table carries and which is
taken from the test's Header where the test gives one. Columns that the validators derive from the postcodes (PL_LA,
PL_LOCATION, PL_DISTANCE) are dropped, and the UASC flag of the XML form
with them; where a test gives PL_LA and no PL_POST, a placement with a
PL_LA has a postcode in the council instead. A test that names its collection year has every date moved by
whole years to 2024-25, the year both validators are run for. Each rule is
run on its own cases only, in a return of its own: the reference gives up
on a rule that fails anywhere in a return (a rule of its crashing on
another rule's cases would report nothing), and the other rules' cases
were not made for it."""

import contextlib
import copy
import datetime
import io
import re
import sys
import warnings

COPIES = 5
DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def harvest(registry):
    """(rule code, tables) for each call of each rule in its unit tests:
    the tables the test hands the rule (`Header`, `Episodes_last`, ...,
    and `metadata`)."""
    out = []
    for code, rule in sorted(registry.items()):
        module = sys.modules[rule.func.__module__]
        name = rule.func.__name__
        original = getattr(module, name)
        calls = []

        def capture(dfs, *args, _original=original, _calls=calls, **kwargs):
            _calls.append(copy.deepcopy(dfs))
            return _original(dfs, *args, **kwargs)

        setattr(module, name, capture)
        try:
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for test_name, test in list(vars(module).items()):
                    if test_name.startswith("test") and callable(test):
                        try:
                            test()
                        except Exception:  # noqa: BLE001 (a failing test still gave its data)
                            pass
        finally:
            setattr(module, name, original)
        out.extend((code, dfs) for dfs in calls)
    return out


def _year(text):
    if text is None:
        return None
    text = str(text)
    m = DATE.match(text)
    if m:
        return int(m.group(3))
    m = re.match(r"^(\d{4})-\d{2}-\d{2}", text)
    return int(m.group(1)) if m else None


def _shift(value, years):
    """A dd/mm/yyyy date moved by whole years (29 February to the 28th)."""
    m = DATE.match(value)
    if not m or years == 0:
        return value
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3)) + years
    try:
        datetime.date(year, month, day)
    except ValueError:
        if month == 2 and day == 29:
            day = 28
        else:
            return value
    day_text = f"{day:02d}" if len(m.group(1)) == 2 else str(day)
    return f"{day_text}/{m.group(2)}/{year}"


def _text(value, years):
    import pandas as pd

    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, (pd.Timestamp, datetime.date)):
        return _shift(value.strftime("%d/%m/%Y"), years)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _shift(str(value), years)


def write(cases, columns, folder, start_year=2024):
    """Writes each rule's cases as a return of its own with last year's
    (`folder/<code>/this` and `folder/<code>/last`), every case COPIES
    times over under other children's identifiers, and gives the folders
    by rule code (lower case)."""
    import csv

    import pandas as pd

    by_rule = {}
    for n, (code, dfs) in enumerate(cases):
        by_rule.setdefault(code.lower(), []).append((n, dfs))
    out = {}
    for code, calls in by_rule.items():
        tables = {"this": {}, "last": {}}
        for n, dfs in calls:
            metadata = dfs.get("metadata") or {}
            start = _year(metadata.get("collection_start"))
            end = _year(metadata.get("collection_end"))
            years = start_year - start if start else (start_year + 1 - end if end else 0)
            for copy_number in range(COPIES):
                ids = {}

                def child(value):
                    text = _text(value, 0)
                    if not text:
                        return ""
                    return ids.setdefault(text, f"{n:03d}{copy_number}{text}")

                # A table the test gives without DOB has the child's DOB
                # from the test's Header, as a return would.
                births = {}
                for key in ("Header_last", "Header"):
                    df = dfs.get(key)
                    if isinstance(df, pd.DataFrame) and {"CHILD", "DOB"} <= set(df.columns):
                        births.update((_text(c, 0), _text(d, years)) for c, d in zip(df["CHILD"], df["DOB"]))
                for key, df in dfs.items():
                    if not isinstance(df, pd.DataFrame):
                        continue
                    name, year = (key[:-5], "last") if key.endswith("_last") else (key, "this")
                    if name not in columns:
                        continue
                    header = columns[name]
                    rows = tables[year].setdefault(name, [])
                    for _, record in df.iterrows():
                        row = []
                        for column in header:
                            if column == "CHILD":
                                row.append(child(record["CHILD"]) if "CHILD" in df.columns
                                           else f"{n:03d}{copy_number}r{len(rows)}")
                            elif column in df.columns:
                                row.append(_text(record[column], years))
                            elif column == "PL_POST" and "PL_LA" in df.columns:
                                # A placement authority given: a placement
                                # in the council (E10000018), from which
                                # both validators derive it.
                                row.append("LE3 8RA" if _text(record["PL_LA"], 0) else "")
                            elif column == "DOB" and "CHILD" in df.columns:
                                row.append(births.get(_text(record["CHILD"], 0), ""))
                            else:
                                row.append("")
                        rows.append(row)
        folders = {}
        for year in ("this", "last"):
            folders[year] = folder / code / year
            folders[year].mkdir(parents=True, exist_ok=True)
            for name, rows in tables[year].items():
                with open(folders[year] / f"{name}.csv", "w", newline="") as f:
                    w = csv.writer(f, lineterminator="\n")
                    w.writerow(columns[name])
                    w.writerows(rows)
        if tables["this"]:
            out[code] = (folders["this"], folders["last"] if tables["last"] else None)
    return out
