#!/usr/bin/env bash
# Fuzz smoke run: each reader's libFuzzer target for a short while on the seed
# corpus (shared interop files, fixtures, the hostile corpus, past crashes).
#
# Budget (measured on the 2-core dev machine, see docs/fuzzing.md): cargo-fuzz
# itself is NOT installed here — installing it costs ~6 minutes of compile.
# The targets are plain cargo binaries once built with the sanitizer-coverage
# flags cargo-fuzz would pass, and those flags are stable rustc flags, so this
# script builds them with stable cargo (no nightly, no RUSTC_BOOTSTRAP, no
# AddressSanitizer: the readers have no unsafe code (concord's one unsafe
# block maps the prepared TM, which no target reads), and Rust panics are
# what we look for). Measured here: `cargo fuzz build -O` took 6 min (idle-ish) to 17 min
# (load ~12) from scratch with codegen-units=1; this script keeps the default
# codegen units, which builds faster. Then FUZZ_SECONDS (default 15; 30 until
# the release build took one codegen unit and LTO, 2 minutes more) per target
# × 4 targets. Not yet timed end to end on the CI runner: if the 15-minute
# budget gets tight, FUZZ_SECONDS=0 only builds and replays the seeds.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${FUZZ_SECONDS:-15}
triple=$(rustc -vV | sed -n 's/^host: //p')

if ! command -v c++ >/dev/null 2>&1; then
  echo "INTEROP SKIPPED: no C++ compiler to build libFuzzer (apt-get install g++)"
  exit 0
fi

export RUSTFLAGS="-Cpasses=sancov-module \
 -Cllvm-args=-sanitizer-coverage-level=4 \
 -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
 -Cllvm-args=-sanitizer-coverage-pc-table \
 -Cllvm-args=-sanitizer-coverage-trace-compares \
 -Cllvm-args=-sanitizer-coverage-stack-depth \
 --cfg fuzzing -Cdebug-assertions"
# --target keeps the flags off build scripts and proc macros.
t0=$(date +%s)
cargo build --release --manifest-path fuzz/Cargo.toml --target "$triple" --bins
echo "fuzz targets built in $(( $(date +%s) - t0 ))s"
unset RUSTFLAGS

bash fuzz/seed.sh
bin=fuzz/target/$triple/release
mkdir -p .ci-artifacts/fuzz
status=0
for target in tmx xliff tbx csv; do
  [ -x "$bin/$target" ] || { echo "fuzz target $target missing"; status=1; continue; }
  work=$(mktemp -d)
  echo "=== fuzz $target for ${seconds}s"
  # New inputs go to $work; the seed corpus is read only. A crash writes
  # crash-* into .ci-artifacts/fuzz and makes libFuzzer exit non-zero.
  if ! "$bin/$target" "$work" "fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=1048576 \
      -artifact_prefix="$root/.ci-artifacts/fuzz/$target-" -print_final_stats=1 \
      2>&1 | tail -n 25; then
    echo "FUZZ FAILURE in $target: see .ci-artifacts/fuzz/ and docs/fuzzing.md"
    status=1
  fi
  rm -rf "$work"
done
exit $status
