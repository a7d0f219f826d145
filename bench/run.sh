#!/usr/bin/env bash
# concord's benchmark harness: one command, see BENCHMARKS.md.
#
#   bench/run.sh            full matrix (10k/100k/1M-unit TMs, 100 MB + 1 GB parse)
#   bench/run.sh --quick    10k/100k only, no 1 GB file (for development)
#
# Installs its peers (xmllint, GNU time, Translate Toolkit in a venv), builds
# concord in release, generates every input deterministically under
# $BENCH_DATA (default /tmp/concord-bench-data; generated once, reused), runs
# the compared commands interleaved ($BENCH_RUNS times, default 3, after one
# untimed warm-up) and prints medians, min–max, peak RSS and paired ratios.
# Environment: BENCH_RUNS, BENCH_DATA, BENCH_TT_QUERIES (queries given to
# Translate Toolkit's matcher per TM size; its time is extrapolated to 1,000),
# BENCH_ONLY (comma-separated subset of the scenarios parse,match,tt,check;
# default all of them), BENCH_POFILTER_RUNS (default BENCH_RUNS),
# BENCH_TT_BIG_RUNS (Translate Toolkit runs on the 1M-unit TM, default 1).
set -euo pipefail

QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BENCH_DATA:-/tmp/concord-bench-data}
RUNS=${BENCH_RUNS:-3}
VENV=/tmp/concord-bench-venv
OUT=$DATA/results-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$DATA" "$OUT"
RESULTS=$OUT/results.tsv
RATIOS=$OUT/ratios.tsv
: >"$RESULTS"
: >"$RATIOS"
ONLY=${BENCH_ONLY:-parse,match,tt,check}
want() { [[ ",$ONLY," == *",$1,"* ]]; }
log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- peers -----------------------------------------------------------------
if ! command -v xmllint >/dev/null || [[ ! -x /usr/bin/time ]]; then
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq libxml2-utils time
fi
if [[ ! -x $VENV/bin/pofilter ]]; then
    python3 -m venv "$VENV"
    # rapidfuzz: the C Levenshtein Translate Toolkit uses when present (its fastest setup).
    "$VENV/bin/pip" install -q translate-toolkit rapidfuzz
fi
PY=$VENV/bin/python

# --- build -----------------------------------------------------------------
log "building concord (release)"
(cd "$ROOT" && cargo build --release -q --bin concord --example gen_tm)
CONCORD=$ROOT/target/release/concord
GEN=$ROOT/target/release/examples/gen_tm

# --- data (deterministic; generated once) ------------------------------------
gen() { # gen OUT ARGS… — run a generator into OUT unless OUT exists
    local out=$1; shift
    [[ -s $out ]] && return 0
    log "generating $(basename "$out")"
    "$@" -o "$out.tmp" && mv "$out.tmp" "$out"
}
if ((QUICK)); then SIZES="10000 100000"; else SIZES="10000 100000 1000000"; fi
for n in $SIZES; do
    gen "$DATA/tm-$n.tmx" "$GEN" --units "$n" --seed 7
    gen "$DATA/queries-$n.txt" "$GEN" --units "$n" --seed 7 --queries 1000
    head -n 1 "$DATA/queries-$n.txt" >"$DATA/query1-$n.txt"
done
# Parse files: ~100 MB is 150k units, ~1 GB is 1.5M units (≈ 660 bytes each).
gen "$DATA/parse-100mb.tmx" "$GEN" --units 150000 --seed 3
((QUICK)) || gen "$DATA/parse-1gb.tmx" "$GEN" --units 1500000 --seed 3
# Checked files: another seed than the TM, so most units are new to it.
for n in 10000 100000; do
    gen "$DATA/check-$n.tmx" "$GEN" --units "$n" --seed 11
done
# The check scenario: a 10k-entry glossary of terms that recur in the checked
# file, whose renderings are written into the targets (3% of occurrences
# wrong: missing, forbidden, misspelt) and into the TM (0.5%); see make_inputs.py.
MI=$ROOT/bench/make_inputs.py
[[ -s $DATA/glossary-terms-10000.csv ]] || "$PY" "$MI" glossary "$DATA/check-100000.tmx" 10000 "$DATA/glossary-terms-10000.csv"
for n in 10000 100000; do
    [[ -s $DATA/check-terms-$n.tmx ]] || "$PY" "$MI" render "$DATA/glossary-terms-10000.csv" "$DATA/check-$n.tmx" "$DATA/check-terms-$n.tmx" 30
done
[[ -s $DATA/tm-terms-100000.tmx ]] || "$PY" "$MI" render "$DATA/glossary-terms-10000.csv" "$DATA/tm-100000.tmx" "$DATA/tm-terms-100000.tmx" 5
[[ -s $DATA/check-terms-100000.po ]] || "$PY" "$MI" po "$DATA/check-terms-100000.tmx" "$DATA/check-terms-100000.po"
# An empty working folder: no concord.toml or concord.ignore is picked up.
WORK=$(mktemp -d)
cd "$WORK"

# --- measurement -------------------------------------------------------------
# measure LABEL RUN CMD… — one timed run; stdout discarded; exit 0 or 1 accepted.
measure() {
    local label=$1 run=$2; shift 2
    local t=$OUT/time.txt rc=0
    /usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null 2>"$OUT/stderr.txt" || rc=$?
    if ((rc > 1)); then
        log "FAILED ($rc): $*"; cat "$OUT/stderr.txt" >&2; return 1
    fi
    # GNU time puts "Command exited with non-zero status 1" (findings) before
    # the figures: they are on the last line.
    read -r secs kib < <(tail -n 1 "$t")
    printf '%s\t%s\t%s\t%s\n' "$label" "$run" "$secs" "$kib" >>"$RESULTS"
}
# derive LABEL A B [SCALE] — per run, (seconds(A) − seconds(B)) × SCALE: the
# share of A beyond B (e.g. N queries minus 1 query), scaled to 1,000 queries.
derive() {
    awk -F'\t' -v L="$1" -v A="$2" -v B="$3" -v S="${4:-1}" '
        $1==A {a[$2]=$3; ra[$2]=$4} $1==B {b[$2]=$3}
        END {for (k in a) if (k in b) printf "%s\t%s\t%.3f\t%s\n", L, k, (a[k]-b[k] > 0.001 ? (a[k]-b[k])*S : 0.001), ra[k]}' \
        "$RESULTS" >>"$RESULTS.derived"
    cat "$RESULTS.derived" >>"$RESULTS"; : >"$RESULTS.derived"
}
ratio() { printf '%s\t%s\t%s\t%s\n' "$@" >>"$RATIOS"; }
# interleave LABEL CMD … : RUNS rounds of all of them, in turn, so that run k
# of every command sees the same machine load. (Inputs are read into the page
# cache beforehand, below, so no command pays for the disk.)
interleave() {
    local -a labels=() cmds=()
    while (($#)); do labels+=("$1"); cmds+=("$2"); shift 2; done
    local i r
    for ((r = 1; r <= RUNS; r++)); do
        for i in "${!cmds[@]}"; do
            log "run $r/$RUNS: ${labels[$i]}"
            eval "measure '${labels[$i]}' $r ${cmds[$i]}"
        done
    done
}

cat "$DATA"/*.tmx "$DATA"/*.csv "$DATA"/*.po >/dev/null

# --- 1. TMX parse --------------------------------------------------------------
PARSE="100mb"; ((QUICK)) || PARSE="100mb 1gb"
want parse || PARSE=""
for p in $PARSE; do
    f=$DATA/parse-$p.tmx
    interleave \
        "parse $p: concord stats" "$CONCORD stats --format json $f" \
        "parse $p: xmllint --stream" "xmllint --stream --noout $f"
    ratio "parse $p: concord stats ÷ xmllint --stream" "parse $p: concord stats" "parse $p: xmllint --stream" "≤ 1.0"
done

# --- 2. TM fuzzy lookup --------------------------------------------------------
# --exhaustive scores every unit: beyond 10k units it gets the first
# $BENCH_EXH_QUERIES queries (default 100) and its query time is scaled to 1,000.
want match || want tt || SIZES_MATCH=""
for n in ${SIZES_MATCH-$SIZES}; do
    tm=$DATA/tm-$n.tmx q=$DATA/queries-$n.txt q1=$DATA/query1-$n.txt
    k=$((n / 1000))k
    ex=1000
    ((n > 10000)) && ex=${BENCH_EXH_QUERIES:-100}
    head -n "$ex" "$q" >"$DATA/queries-$n-first$ex.txt"
    # --no-cache: the index is built in every run (no saved index helps concord).
    # "saved index" is concord's default from the second run on: the index is
    # saved next to the TM (TM.tmx.concord-idx) by the untimed run below and
    # loaded instead of built; the TMX itself is still read in every run.
    rm -f "$tm.concord-idx"
    "$CONCORD" match --format json --file "$q1" --tm "$tm" >/dev/null
    interleave \
        "match $k: 1000 q" "$CONCORD match --no-cache --format json --file $q --tm $tm" \
        "match $k: 1000 q, saved index" "$CONCORD match --format json --file $q --tm $tm" \
        "match $k: 1 q" "$CONCORD match --no-cache --format json --file $q1 --tm $tm" \
        "match $k: $ex q --exhaustive" "$CONCORD match --no-cache --exhaustive --format json --file $DATA/queries-$n-first$ex.txt --tm $tm" \
        "match $k: 1 q --exhaustive" "$CONCORD match --no-cache --exhaustive --format json --file $q1 --tm $tm"
    derive "match $k: queries only" "match $k: 1000 q" "match $k: 1 q"
    derive "match $k: queries only --exhaustive (from $ex)" "match $k: $ex q --exhaustive" "match $k: 1 q --exhaustive" "$(awk -v e="$ex" 'BEGIN{print 1000/e}')"
    ratio "match $k: --exhaustive ÷ index, queries only" "match $k: queries only --exhaustive (from $ex)" "match $k: queries only" "≥ 50"
done

# Translate Toolkit's matcher: fewer queries on big TMs, extrapolated to 1,000.
tt_queries() { case $1 in 10000) echo "${BENCH_TT_QUERIES:-1000}" ;; 100000) echo "${BENCH_TT_QUERIES:-100}" ;; *) echo "${BENCH_TT_QUERIES:-10}" ;; esac; }
want tt || SIZES_TT=""
for n in ${SIZES_TT-$SIZES}; do
    tm=$DATA/tm-$n.tmx q=$DATA/queries-$n.txt k=$((n / 1000))k
    lim=$(tt_queries "$n")
    "$CONCORD" match --no-cache --format json --file "$q" --tm "$tm" >"$OUT/concord-$k.json" || true
    # At 1M units Translate Toolkit needs minutes and GiBs just to load the
    # TMX: one run unless BENCH_TT_BIG_RUNS says otherwise.
    tt_runs=$RUNS
    ((n >= 1000000)) && tt_runs=${BENCH_TT_BIG_RUNS:-1}
    for ((r = 1; r <= tt_runs; r++)); do
        log "run $r/$tt_runs: Translate Toolkit matcher $k ($lim queries)"
        /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$PY" "$ROOT/bench/tt_match.py" --tm "$tm" --queries "$q" \
            --limit "$lim" --out "$OUT/tt-$k.jsonl" 2>"$OUT/tt-$k.err"
        read -r secs kib <"$OUT/time.txt"
        # load=… query=… n=… → seconds for 1,000 queries: startup+load + query × 1000/n
        est=$(awk -v w="$secs" -F'[ =]' '{printf "%.3f", w - $4 + $4 * 1000 / $6}' "$OUT/tt-$k.err")
        printf '%s\t%s\t%s\t%s\n' "tt match $k: 1000 q (from $lim)" "$r" "$est" "$kib" >>"$RESULTS"
        awk -F'[ =]' -v L="tt match $k: queries only (from $lim)" -v r="$r" -v kib="$kib" \
            '{printf "%s\t%s\t%.3f\t%s\n", L, r, $4 * 1000 / $6, kib}' "$OUT/tt-$k.err" >>"$RESULTS"
    done
    "$PY" - "$OUT/concord-$k.json" "$lim" >"$OUT/concord-$k.head.json" <<'PYEOF'
import json, sys
print(json.dumps(json.load(open(sys.argv[1], encoding="utf-8"))[: int(sys.argv[2])], ensure_ascii=False))
PYEOF
    printf 'agreement %s (%s queries): ' "$k" "$lim" >>"$OUT/agreement.txt"
    "$PY" "$ROOT/bench/agreement.py" "$OUT/concord-$k.head.json" "$OUT/tt-$k.jsonl" 2>>"$OUT/agreement-diffs.txt" >>"$OUT/agreement.txt"
    ratio "match $k: Translate Toolkit ÷ concord, end to end" "tt match $k: 1000 q (from $lim)" "match $k: 1000 q" "≥ 100 at 100k"
    ratio "match $k: Translate Toolkit ÷ concord, end to end, saved index" "tt match $k: 1000 q (from $lim)" "match $k: 1000 q, saved index" "≥ 100 at 100k"
    ratio "match $k: Translate Toolkit ÷ concord, queries only" "tt match $k: queries only (from $lim)" "match $k: queries only" ""
done

# --- 3. full check -----------------------------------------------------------
G=$DATA/glossary-terms-10000.csv
T=$DATA/tm-terms-100000.tmx
CHECK_SIZES="10000 100000"
want check || CHECK_SIZES=""
# The default check loads the TM as the previous check prepared it
# (tm.tmx.concord-check, saved by the untimed first run below); --no-cache
# reads and prepares the TM every time, as the first check of a new TM does.
if [[ -n $CHECK_SIZES ]]; then
    rm -f "$T.concord-check"
    log "preparing the TM for check (untimed)"
    "$CONCORD" check --format json --glossary "$G" --tm "$T" "$DATA/check-terms-10000.tmx" >/dev/null || true
fi
for n in $CHECK_SIZES; do
    f=$DATA/check-terms-$n.tmx k=$((n / 1000))k
    interleave \
        "check $k units (10k glossary, 100k TM)" "$CONCORD check --format json --glossary $G --tm $T $f" \
        "check $k units, --no-cache" "$CONCORD check --no-cache --format json --glossary $G --tm $T $f" \
        "parse $k units: concord stats" "$CONCORD stats --format json $f"
    ratio "check $k ÷ concord's parse of the same file" "check $k units (10k glossary, 100k TM)" "parse $k units: concord stats" "≤ 3 (at 100k)"
    ratio "check $k --no-cache ÷ concord's parse of the same file" "check $k units, --no-cache" "parse $k units: concord stats" ""
done
# pofilter: the same 100k units as PO; timed alone (its conversion is not).
POFILTER_RUNS=${BENCH_POFILTER_RUNS:-$RUNS}
[[ -n $CHECK_SIZES ]] || POFILTER_RUNS=0
for ((r = 1; r <= POFILTER_RUNS; r++)); do
    log "run $r/$RUNS: pofilter 100k"
    measure "pofilter 100k units" "$r" "$VENV/bin/pofilter" --progress=none "$DATA/check-terms-100000.po" "$OUT/pofilter.po"
done
ratio "check 100k: pofilter ÷ concord check" "pofilter 100k units" "check 100k units (10k glossary, 100k TM)" "≥ 20"

# --- report ------------------------------------------------------------------
cd "$ROOT"
rm -rf "$WORK"
{
    echo "# concord bench $(date -u +%FT%TZ) $( ((QUICK)) && echo --quick) runs=$RUNS"
    echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$PY" "$ROOT/bench/summarize.py" "$RESULTS" "$RATIOS"
    echo
    cat "$OUT/agreement.txt" 2>/dev/null || true
} | tee "$OUT/summary.txt"
log "results in $OUT"
