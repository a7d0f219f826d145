#!/usr/bin/env bash
# Fuzzy-matching benchmark: generates a TM of N units (default 1,000,000) and
# 1,000 queries (QUERIES=n to change) with gen_tm, then runs
# examples/fuzzy_bench (median of RUNS runs, default 3).
#   benches/fuzzy.sh [UNITS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${1:-1000000}
RUNS=${2:-3}
SEED=${SEED:-7}
QUERIES=${QUERIES:-1000}
DIR=${BENCH_DIR:-target/bench}
mkdir -p "$DIR"
cargo build --release --example gen_tm --example fuzzy_bench
TM="$DIR/gen-$UNITS-$SEED.tmx"
Q="$DIR/queries-$UNITS-$SEED-$QUERIES.txt"
[ -s "$TM" ] || target/release/examples/gen_tm --units "$UNITS" --seed "$SEED" -o "$TM"
[ -s "$Q" ] || target/release/examples/gen_tm --units "$UNITS" --seed "$SEED" --queries "$QUERIES" -o "$Q"
echo "machine: $(nproc) cores, $(uname -sm), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "command: QUERIES=$QUERIES SEED=$SEED benches/fuzzy.sh $UNITS $RUNS"
target/release/examples/fuzzy_bench --tm "$TM" --queries "$Q" --runs "$RUNS"
