#!/usr/bin/env bash
# Interop: Translate Toolkit (PyPI translate-toolkit, in a venv under /tmp)
# loads every TMX, TBX and CSV/TSV glossary concord exports, and finds the same
# units and terms concord wrote (ttk_check.py does the comparing).
#
# TMX: the bundled seed TM and OmegaT's four-language TM, each rewritten by
# `concord convert`; also validated against the TMX 1.4b DTD.
# Glossary: the bundled glossary as TBX v2, memoQ/Trados CSV, OmegaT and Xbench
# tab-delimited files, compared with concord's canonical CSV of it.
# TBX v3: Translate Toolkit has no TBX v3 (ISO 30042:2019) reader; that is said
# loudly below, and v3 is covered by 20-tbx-schema.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN="$ROOT/target/release/concord"
SHARED="$ROOT/../shared"
OUT="$ROOT/.ci-artifacts/translate-toolkit"
VENV=/tmp/concord-interop-venv
TTK_VERSION=3.20.4
rm -rf "$OUT"
mkdir -p "$OUT"

skip() {
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "INTEROP SKIPPED: $*"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  exit 0
}
[ -x "$BIN" ] || { echo "FAIL: $BIN is missing (cargo build --release first)"; exit 1; }

if ! "$VENV/bin/python" -c "import translate.storage.tbx" 2>/dev/null; then
  echo "installing translate-toolkit $TTK_VERSION into $VENV ..."
  if ! { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "translate-toolkit==$TTK_VERSION"; } >"$OUT/pip.log" 2>&1; then
    tail -5 "$OUT/pip.log"
    skip "translate-toolkit could not be installed from PyPI into $VENV (see $OUT/pip.log)"
  fi
fi
PY="$VENV/bin/python"
CHECK="$ROOT/.ci/interop.d/ttk_check.py"
echo "translate-toolkit $("$VENV/bin/pip" show translate-toolkit | sed -n 's/^Version: //p')"

GLOSSARY=glossary/diplomatic.zh-en.csv
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.csv" --to glossary-csv
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.v2.tbx" --to tbx2
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.v3.tbx" --to tbx3
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.memoq.csv" --to memoq-csv
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.omegat.txt" --to omegat
"$BIN" convert "$GLOSSARY" -o "$OUT/glossary.xbench.txt" --to xbench

"$PY" "$CHECK" tbx2 "$OUT/glossary.v2.tbx" "$OUT/glossary.csv"
"$PY" "$CHECK" memoq "$OUT/glossary.memoq.csv" "$OUT/glossary.csv"
"$PY" "$CHECK" omegat "$OUT/glossary.omegat.txt" "$OUT/glossary.csv"
"$PY" "$CHECK" xbench "$OUT/glossary.xbench.txt" "$OUT/glossary.csv"
if "$PY" -c "from translate.storage import tbx; tbx.tbxfile.parsefile('$OUT/glossary.v3.tbx')" >/dev/null 2>&1; then
  echo "note: this translate-toolkit now reads TBX v3: add a tbx3 check to ttk_check.py"
else
  echo "!! translate-toolkit $TTK_VERSION cannot read TBX v3 (its tbx storage knows only <martif>): TBX v3 NOT checked by translate-toolkit (schema-validated in 20-tbx-schema.sh)"
fi

tmx_inputs=(tmx/seed.zh-en.tmx)
if [ -d "$SHARED/interop/omegat" ]; then
  tmx_inputs+=("$SHARED/interop/omegat/en-US_en-GB_fr_sr.tmx" "$SHARED/interop/omegat/test-multiple-tuv14.tmx")
else
  echo "note: ../shared absent, only the bundled TMX checked"
fi
DTD="$SHARED/interop/schemas/tmx14.dtd"
for t in "${tmx_inputs[@]}"; do
  out="$OUT/$(basename "${t%.tmx}").concord.tmx"
  "$BIN" convert "$t" -o "$out" --to tmx
  if [ -f "$DTD" ] && command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --nowarning --dtdvalid "$DTD" "$out" || { echo "FAIL: $out is not valid against the TMX 1.4b DTD"; exit 1; }
    echo "ok dtd: $out valid against tmx14.dtd"
  fi
  "$PY" "$CHECK" tmx "$out" "$t"
done
echo "30-translate-toolkit: passed"
