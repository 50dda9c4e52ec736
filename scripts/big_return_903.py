"""Makes a large SSDA903 return from a generated one, for measuring memory:
each table's rows repeated COPIES times, each copy's children renamed
(C0000001 becomes C1000001, C2000001, ...), so that every copy is a
council of its own size with the same defects.

    python3 scripts/big_return_903.py SOURCE_DIR TARGET_DIR COPIES
"""
import pathlib
import sys

source, target, copies = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
target.mkdir(parents=True, exist_ok=True)
for csv in sorted(source.glob("*.csv")):
    lines = csv.read_text().splitlines(keepends=True)
    with open(target / csv.name, "w") as out:
        out.write(lines[0])
        for copy in range(copies):
            for line in lines[1:]:
                # Every table's first column is CHILD, "C" and seven digits.
                out.write(f"C{copy}{line[2:]}" if copy else line)
