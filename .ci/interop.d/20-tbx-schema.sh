#!/usr/bin/env bash
# Interop: every TBX concord writes is valid TBX-Basic.
#
# Writes the bundled glossary, a tricky fixture and OmegaT's sample termbase as
# TBX v2 and v3 with `concord convert`, checks well-formedness with xmllint and
# validates with jing against schemas/tbx-basic-v{2,3}.rnc (and against the
# official LTAC/LISA schemas too when someone has put them in schemas/, see
# schemas/PROVENANCE.md). A deliberately broken copy must FAIL validation, so a
# validator that accepts anything cannot make this pass. Then the CLI contract:
# glossary -> TBX -> glossary CSV is identical to glossary -> glossary CSV, and
# a bad TBX exits 2 and writes nothing.
#
# Self-installing (apt-get: jing, libxml2-utils); says INTEROP SKIPPED and exits
# 0 only when a validator cannot be installed; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN="$ROOT/target/release/concord"
SHARED="$ROOT/../shared"
OUT="$ROOT/.ci-artifacts/tbx"
rm -rf "$OUT"
mkdir -p "$OUT"

have_or_install() { # command debian-package
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "installing $2 (apt-get) ..."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2"; } >"$OUT/apt-$2.log" 2>&1 || true
  command -v "$1" >/dev/null 2>&1
}
skip() {
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "INTEROP SKIPPED: $*"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  exit 0
}
have_or_install jing jing || skip "jing (Debian package 'jing') could not be installed; TBX schema validation not run (see $OUT/apt-jing.log)"
have_or_install xmllint libxml2-utils || skip "xmllint (Debian package 'libxml2-utils') could not be installed (see $OUT/apt-libxml2-utils.log)"
[ -x "$BIN" ] || { echo "FAIL: $BIN is missing (cargo build --release first)"; exit 1; }

# jing prints classpath warnings for optional jars on Debian; keep its real output.
run_jing() { # schema file...
  local log
  log=$(mktemp)
  if jing "$@" >"$log" 2>&1; then rm -f "$log"; return 0; fi
  grep -v '^\[warning\] /usr/bin/jing' "$log" || true
  rm -f "$log"
  return 1
}

GLOSSARY=glossary/diplomatic.zh-en.csv
echo "writing TBX from $GLOSSARY and fixtures"
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.v2.tbx" --to tbx2
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.v3.tbx" --to tbx3
"$BIN" convert tests/fixtures/tbx/regions-and-case.tbx -o "$OUT/regions.v2.tbx" --to tbx2
"$BIN" convert tests/fixtures/tbx/regions-and-case.tbx -o "$OUT/regions.v3.tbx" --to tbx3
if [ -f "$SHARED/interop/omegat/sampleTBXfile.tbx" ]; then
  # An en->hu termbase: the languages are named, TBX import matches them.
  "$BIN" convert "$SHARED/interop/omegat/sampleTBXfile.tbx" -o "$OUT/omegat-sample.v2.tbx" --to tbx2 --source-lang en --target-lang hu
  "$BIN" convert "$SHARED/interop/omegat/sampleTBXfile.tbx" -o "$OUT/omegat-sample.v3.tbx" --to tbx3 --source-lang en --target-lang hu
else
  echo "note: ../shared absent, OmegaT sample not converted"
fi

fail=0
n=0
for f in "$OUT"/*.v2.tbx "$OUT"/*.v3.tbx; do
  v=${f##*.v}; v=v${v%.tbx}
  n=$((n + 1))
  if ! xmllint --noout "$f"; then echo "FAIL (not well-formed): $f"; fail=1; continue; fi
  if run_jing -c "schemas/tbx-basic-$v.rnc" "$f"; then
    echo "valid TBX-Basic $v (schemas/tbx-basic-$v.rnc): ${f#"$ROOT"/}"
  else
    echo "FAIL (TBX-Basic $v schema): $f"; fail=1
  fi
  official=""
  [ "$v" = v2 ] && [ -f schemas/TBXBasicRNGV02.rng ] && official=schemas/TBXBasicRNGV02.rng
  [ "$v" = v3 ] && [ -f schemas/TBXcoreStructV03_TBX-Basic_integrated.rng ] && official=schemas/TBXcoreStructV03_TBX-Basic_integrated.rng
  if [ -n "$official" ]; then
    if run_jing "$official" "$f"; then echo "valid against official $official"; else echo "FAIL (official $official): $f"; fail=1; fi
  fi
done
[ -f schemas/TBXcoreStructV03_TBX-Basic_integrated.rng ] || echo "note: official TBX-Basic schemas not in schemas/ (see schemas/PROVENANCE.md); validated against concord's own"

echo "negative controls: broken copies must be rejected"
sed 's/preferredTerm-admn-sts/preferred/' "$OUT/glossary.v3.tbx" >"$OUT/broken-status.v3.xml"
sed 's/<descrip type="subjectField">/<descrip type="subject">/' "$OUT/glossary.v2.tbx" >"$OUT/broken-category.v2.xml"
sed 's#urn:iso:std:iso:30042:ed-2#urn:example#' "$OUT/glossary.v3.tbx" >"$OUT/broken-namespace.v3.xml"
for pair in v3:broken-status.v3.xml v2:broken-category.v2.xml v3:broken-namespace.v3.xml; do
  v=${pair%%:*}; f=$OUT/${pair#*:}
  if run_jing -c "schemas/tbx-basic-$v.rnc" "$f" >/dev/null; then
    echo "FAIL: the $v schema accepted $f"; fail=1
  else
    echo "rejected as it should be: ${f#"$ROOT"/}"
  fi
done

echo "CLI round trip: glossary -> TBX -> glossary CSV equals glossary -> glossary CSV"
"$BIN" convert "$GLOSSARY" -o "$OUT/canonical.csv" --to glossary-csv
for v in v2 v3; do
  "$BIN" convert "$OUT/glossary.$v.tbx" -o "$OUT/back-from-$v.csv" --to glossary-csv
  if cmp -s "$OUT/canonical.csv" "$OUT/back-from-$v.csv"; then
    echo "lossless: $v"
  else
    echo "FAIL: glossary -> TBX $v -> CSV differs:"; diff "$OUT/canonical.csv" "$OUT/back-from-$v.csv" | head -20; fail=1
  fi
done

echo "bad input: exit 2, message with file:line:col, nothing written"
for bad in unknown-dialect missing-langsec duplicate-ids mixed-encoding-bom mixed-encoding-latin1 entity-bomb; do
  target="$OUT/should-not-exist-$bad.csv"
  set +e
  msg=$("$BIN" convert "tests/fixtures/tbx/$bad.tbx" -o "$target" --to glossary-csv 2>&1)
  rc=$?
  set -e
  if [ "$rc" -ne 2 ] || [ -e "$target" ] || ! grep -qE "$bad\.tbx:[0-9]+:[0-9]+: " <<<"$msg"; then
    echo "FAIL: $bad.tbx: exit $rc, output exists: $([ -e "$target" ] && echo yes || echo no), message: $msg"; fail=1
  else
    echo "exit 2: $msg"
  fi
done

if [ "$fail" -ne 0 ]; then echo "20-tbx-schema: FAILED"; exit 1; fi
echo "20-tbx-schema: $n TBX files valid; negative controls rejected; round trips lossless; bad input refused"
