#!/usr/bin/env bash
# Memory benchmark: what a 200 MB upload to the SSDA903 check costs the
# server, against the release binary on SQLite (issue 14, finding 6).
#
#   benches/upload_memory.sh [megabytes]
#
# Reads the server's VmRSS (now) and VmHWM (peak) from /proc before and after
# each upload:
#   1. a stale form: the token does not match, so it is refused before the
#      file is read;
#   2. a file the check does not recognise (no 903 table's columns);
#   3. a Header table of that size, checked in full, its report kept;
#   4. the same again, to see whether memory keeps growing.
# Traffic goes only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-200}"
cargo build --release -q
dir=$(mktemp -d)
port=8183
target/release/permanence serve --demo --demo-children 300 --port "$port" \
  --database "sqlite:$dir/upload.sqlite3" >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

jar="$dir/jar"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/sign-in" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)
curl -s -b "$jar" -c "$jar" -o /dev/null \
  --data "csrf_token=$csrf&username=performance-analyst.demo&password=permanence-demo&next=/" \
  "http://127.0.0.1:$port/sign-in"
token=$(curl -s -b "$jar" "http://127.0.0.1:$port/returns/check" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1)

# The files: a Header table of about $mb MB (one child a row), and as much
# text that is no 903 table.
python3 - "$dir" "$mb" <<'PY'
import sys
d, mb = sys.argv[1], int(sys.argv[2])
size = mb * 1000 * 1000
with open(f"{d}/header.csv", "w") as f:
    f.write("CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n")
    n, written = 0, 0
    while written < size:
        line = f"C{n:09d},{1 + n % 2},{1 + n % 28:02d}/{1 + n % 12:02d}/20{10 + n % 10},WBRI,A{n:012d},,\n"
        f.write(line); written += len(line); n += 1
with open(f"{d}/junk.csv", "w") as f:
    row = "x" * 99 + "\n"
    for _ in range(size // 100):
        f.write(row)
PY

mem() { awk '/^VmRSS|^VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$server/status"; }
upload() { # $1 label, $2 token, $3 file
  local before after status
  before=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status")
  status=$(curl -s -o /dev/null -w '%{http_code} in %{time_total}s' -b "$jar" \
    -F "csrf_token=$2" -F "year=2024-25" -F "la=E10000018" -F "current=@$3;type=text/csv" \
    "http://127.0.0.1:$port/returns/check")
  sleep 1
  after=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status")
  echo "== $1: HTTP $status; RSS $((before / 1024)) -> $((after / 1024)) MB (+$(((after - before) / 1024)) MB); $(mem)"
}

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); files of $mb MB"
echo "== started: $(mem)"
upload "stale token, $mb MB file" "not-the-token" "$dir/header.csv"
upload "$mb MB that is no 903 table" "$token" "$dir/junk.csv"
upload "$mb MB Header table, checked" "$token" "$dir/header.csv"
upload "the same again" "$token" "$dir/header.csv"
echo "== temporary upload files left: $(find "${TMPDIR:-/tmp}" -maxdepth 1 -name "permanence-upload-$server-*" | wc -l)"
