#!/usr/bin/env bash
# Import benchmark: the generated SSDA903 return of CHILDREN children in care
# (default 84,000, the size of all England) imported with `permanence 903
# import` into an empty SQLite database and, when PostgreSQL answers on
# 127.0.0.1:5432, into an empty PostgreSQL database (import_bench_903,
# dropped and created here); then the year before (2023-24) imported into
# an empty database and this year's joined to it (every child held is
# joined, set by set). Release build; the returns are generated once (demo
# council, seed 903) and kept in target/import-903/.
#
#   benches/import-903.sh [CHILDREN]
set -euo pipefail
cd "$(dirname "$0")/.."
children="${1:-84000}"
cargo build --release -q -p cli
bin="${CARGO_TARGET_DIR:-target}/release/permanence"
dir="target/import-903/$children"
if [ ! -f "$dir/last/Header.csv" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  "$bin" demo --children "$children" --as-of 2025-06-30 --seed 903 --database "sqlite:$dir/source.sqlite3" >/dev/null 2>&1
  "$bin" 903 export --year 2024-25 --database "sqlite:$dir/source.sqlite3" "$dir/this" >/dev/null
  "$bin" 903 export --year 2023-24 --database "sqlite:$dir/source.sqlite3" "$dir/last" >/dev/null
  rm -f "$dir"/source.sqlite3*
fi
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "return: $(($(wc -l <"$dir/this/Header.csv") - 1)) children, $(cat "$dir"/this/*.csv | wc -l) lines; the year before: $(($(wc -l <"$dir/last/Header.csv") - 1)) children"
import() { # label, database, year, folder
  /usr/bin/time -f "$1: %e s elapsed, %U s user, %M KB peak" \
    "$bin" 903 import --year "$3" --database "$2" "$4" 2>&1 | tr '\r' '\n' | grep -v '^Importing' | tail -n 2
}
rm -f "$dir"/import.sqlite3*
import "sqlite, 2024-25 into an empty database" "sqlite:$dir/import.sqlite3" 2024-25 "$dir/this"
rm -f "$dir"/import.sqlite3*
import "sqlite, 2023-24 into an empty database" "sqlite:$dir/import.sqlite3" 2023-24 "$dir/last"
import "sqlite, 2024-25 joined to it" "sqlite:$dir/import.sqlite3" 2024-25 "$dir/this"
rm -f "$dir"/import.sqlite3*
if psql -h 127.0.0.1 -U postgres -d postgres -qc "SELECT 1" >/dev/null 2>&1; then
  pg() { psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS import_bench_903" -c "CREATE DATABASE import_bench_903" 2>/dev/null; }
  url="postgres://postgres@127.0.0.1:5432/import_bench_903"
  pg
  import "postgres, 2024-25 into an empty database" "$url" 2024-25 "$dir/this"
  pg
  import "postgres, 2023-24 into an empty database" "$url" 2023-24 "$dir/last"
  import "postgres, 2024-25 joined to it" "$url" 2024-25 "$dir/this"
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS import_bench_903"
fi
