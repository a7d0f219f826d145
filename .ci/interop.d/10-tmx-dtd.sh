#!/usr/bin/env bash
# Every TMX concord writes must validate against the TMX 1.4b DTD with libxml2's
# xmllint: each interop TMX (../shared/interop) and each bundled one (tmx/,
# tests/fixtures/tmx/) goes TMX -> TMX and TMX -> CSV -> TMX through
# `target/release/concord convert`, and every output is checked with
#   xmllint --noout --dtdvalid ../shared/interop/schemas/tmx14.dtd OUT
# (test-SMP.tmx is not DTD-valid as input; concord's output of it must be.)
set -euo pipefail
cd "$(dirname "$0")/../.."

bin=target/release/concord
dtd=../shared/interop/schemas/tmx14.dtd
if [ ! -x "$bin" ]; then
  echo "FAIL: $bin missing (run cargo build --release first)" >&2
  exit 1
fi

if ! command -v xmllint >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    (apt-get install -y -qq libxml2-utils >/dev/null 2>&1 ||
      (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libxml2-utils >/dev/null 2>&1)) || true
  fi
fi
if ! command -v xmllint >/dev/null 2>&1; then
  echo "INTEROP SKIPPED: xmllint (libxml2-utils) cannot be installed here"
  exit 0
fi

inputs=()
if [ -f "$dtd" ]; then
  while IFS= read -r f; do inputs+=("$f"); done < <(find ../shared/interop -name '*.tmx' | sort)
else
  echo "INTEROP SKIPPED: $dtd absent (../shared not beside the repository)"
  exit 0
fi
while IFS= read -r f; do inputs+=("$f"); done < <(find tmx tests/fixtures/tmx -name '*.tmx' 2>/dev/null | sort)

out=$(mktemp -d /tmp/concord-tmx-dtd.XXXXXX)
trap 'rm -rf "$out"' EXIT
# Outputs name "tmx14.dtd" in their DOCTYPE; a copy beside them keeps xmllint quiet.
cp "$dtd" "$out/tmx14.dtd"

failed=0
checked=0
validate() {
  local file=$1 label=$2
  if xmllint --noout --dtdvalid "$dtd" "$file" 2>"$out/err.txt"; then
    checked=$((checked + 1))
  else
    echo "FAIL: $label is not valid TMX 1.4b:" >&2
    sed 's/^/  /' "$out/err.txt" >&2
    failed=$((failed + 1))
  fi
}

i=0
for f in "${inputs[@]}"; do
  i=$((i + 1))
  base="$out/$i-$(basename "$f" .tmx)"
  if ! "$bin" -q convert --to tmx "$f" -o "$base.tmx"; then
    echo "FAIL: concord convert $f -> TMX" >&2
    failed=$((failed + 1))
    continue
  fi
  validate "$base.tmx" "convert $f -o x.tmx"
  if "$bin" -q convert "$f" -o "$base.csv" 2>/dev/null && "$bin" -q convert "$base.csv" -o "$base.via-csv.tmx"; then
    validate "$base.via-csv.tmx" "convert $f -> CSV -> TMX"
  else
    echo "FAIL: concord convert $f -> CSV -> TMX" >&2
    failed=$((failed + 1))
  fi
done

echo "tmx-dtd: ${#inputs[@]} inputs, $checked outputs valid, $failed failures"
[ "$failed" -eq 0 ]
