#!/usr/bin/env bash
# Interop: OmegaT (Debian package `omegat`) uses concord's exports.
#
# 1. Headless translation: a small OmegaT project whose source is Chinese text
#    from the bundled seed TM, with concord's TMX (from `concord convert`) in
#    tm/auto/ and concord's OmegaT glossary in glossary/, is translated with
#    `--mode=console-translate`; every segment of the output must be the exact
#    match from concord's TMX.
# 2. Glossaries: OmegaT's own readers (GlossaryReaderTSV, GlossaryReaderTBX)
#    load concord's OmegaT glossary and TBX v2 export; every entry must be
#    there (OmegaT makes one glossary entry per source term x target term).
#    Console mode does not load glossaries, so this calls those classes
#    directly (OmegatGlossaryCount.java, run by the JDK's source launcher).
#
# Self-installing (apt-get omegat); INTEROP SKIPPED (exit 0) only when OmegaT
# or a JDK cannot be installed or started; non-zero exit on a real failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BIN="$ROOT/target/release/concord"
OUT="$ROOT/.ci-artifacts/omegat"
rm -rf "$OUT"
mkdir -p "$OUT"

skip() {
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "INTEROP SKIPPED: $*"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  exit 0
}
[ -x "$BIN" ] || { echo "FAIL: $BIN is missing (cargo build --release first)"; exit 1; }

jar() { dpkg -L omegat 2>/dev/null | grep -m1 '/OmegaT\.jar$' || true; }
if [ -z "$(jar)" ]; then
  echo "apt-cache policy omegat:"; apt-cache policy omegat 2>&1 | sed 's/^/  /' | head -5
  echo "installing omegat (apt-get) ..."
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq omegat; } >"$OUT/apt.log" 2>&1 || true
fi
JAR=$(jar)
[ -n "$JAR" ] && [ -f "$JAR" ] || skip "Debian package 'omegat' could not be installed (see $OUT/apt.log)"
command -v java >/dev/null 2>&1 || skip "no java after installing omegat"
OMEGAT_VERSION=$(dpkg-query -W -f='${Version}' omegat 2>/dev/null || echo unknown)
echo "OmegaT $OMEGAT_VERSION ($JAR), $(java -version 2>&1 | head -1)"
export HOME="$OUT/home"   # OmegaT writes its settings and logs under ~/.omegat
mkdir -p "$HOME"

# --- 1. headless translation from concord's TMX ------------------------------
P="$OUT/project"
mkdir -p "$P"/{source,target,tm/auto,glossary,omegat,dictionary}
"$BIN" convert tmx/seed.zh-en.tmx -o "$P/tm/auto/concord.tmx" --to tmx
"$BIN" convert glossary/diplomatic.zh-en.csv -o "$P/glossary/concord.txt" --to omegat
cat >"$P/omegat.project" <<'PROJECT'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes><mask>**/.svn/**</mask></source_dir_excludes>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
PROJECT
# Source: the first 40 Chinese segments of concord's TMX, one paragraph each;
# expected: their English from the same TMX.
python3 - "$P/tm/auto/concord.tmx" "$P/source/doc.txt" "$OUT/expected.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
pairs = []
for tu in ET.parse(sys.argv[1]).getroot().iter("tu"):
    segs = {tuv.get(LANG).lower(): "".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")}
    zh = next((v for k, v in segs.items() if k.startswith("zh")), None)
    en = next((v for k, v in segs.items() if k.startswith("en")), None)
    if zh and en and "\n" not in zh + en and zh not in [p[0] for p in pairs]:
        pairs.append((zh, en))
pairs = pairs[:40]
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(z for z, _ in pairs) + "\n")
open(sys.argv[3], "w", encoding="utf-8").write("\n\n".join(e for _, e in pairs) + "\n")
print(f"project: {len(pairs)} source segments")
PY
set +e
timeout 600 java -Djava.awt.headless=true -jar "$JAR" "$P" --mode=console-translate >"$OUT/console.log" 2>&1
rc=$?
set -e
if [ "$rc" -ne 0 ] || [ ! -f "$P/target/doc.txt" ]; then
  tail -20 "$OUT/console.log"
  if grep -qi "HeadlessException\|UnsatisfiedLinkError\|Could not initialize class" "$OUT/console.log"; then
    skip "OmegaT $OMEGAT_VERSION does not start headless here (exit $rc; see $OUT/console.log)"
  fi
  echo "FAIL: OmegaT console-translate exit $rc, no target/doc.txt (see $OUT/console.log)"; exit 1
fi
grep -q "concord.tmx" "$OUT/console.log" || { echo "FAIL: OmegaT did not read tm/auto/concord.tmx"; exit 1; }
python3 - "$OUT/expected.txt" "$P/target/doc.txt" <<'PY'
import sys
exp = [p.strip() for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
got = [p.strip() for p in open(sys.argv[2], encoding="utf-8-sig").read().split("\n\n") if p.strip()]
used = sum(1 for e, g in zip(exp, got) if e == g)
if len(got) != len(exp) or used != len(exp):
    for e, g in zip(exp, got):
        if e != g:
            print(f"  expected: {e}\n  OmegaT:   {g}")
            break
    print(f"FAIL: OmegaT used {used} of {len(exp)} exact matches from concord's TMX ({len(got)} output segments)")
    sys.exit(1)
print(f"ok: OmegaT console-translate filled all {used} segments with the exact matches from concord's TMX")
PY

# --- 2. OmegaT's own glossary readers ----------------------------------------
"$BIN" convert glossary/diplomatic.zh-en.csv -o "$OUT/glossary.csv" --to glossary-csv
"$BIN" convert glossary/diplomatic.zh-en.csv -o "$OUT/glossary.v2.tbx" --to tbx2
"$BIN" convert glossary/diplomatic.zh-en.csv -o "$OUT/glossary.v3.tbx" --to tbx3
# The JDK's single-file source launcher needs the compiler module (a JDK, not a JRE).
if ! java --list-modules 2>/dev/null | grep -q '^jdk.compiler'; then
  echo "installing default-jdk-headless (apt-get) for the source launcher ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jdk-headless >"$OUT/apt-jdk.log" 2>&1 || true
fi
COUNT=(java -Djava.awt.headless=true -cp "$JAR" "$ROOT/.ci/interop.d/OmegatGlossaryCount.java")
if ! "${COUNT[@]}" tsv "$P/glossary/concord.txt" >"$OUT/tsv.count" 2>"$OUT/tsv.entries"; then
  tail -5 "$OUT/tsv.entries"
  if grep -q "jdk.compiler\|Error: Could not find or load main class" "$OUT/tsv.entries"; then
    skip "this Java cannot run single-file sources (no JDK compiler); OmegaT glossary readers not exercised"
  fi
  echo "FAIL: OmegaT's GlossaryReaderTSV could not load concord's glossary"; exit 1
fi
read -r tsv_expected tbx_expected < <(python3 - "$OUT/glossary.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
m = lambda c: [v for v in c.split(" | ") if v.strip()] if c else []
zh = lambda r: 1 + len(m(r["zh_variants"]))
en = lambda r: 1 + len(m(r["en_variants"])) + len(m(r["en_forbidden"]))
print(sum(zh(r) for r in rows), sum(zh(r) * en(r) for r in rows))
PY
)
tsv_got=$(cat "$OUT/tsv.count")
[ "$tsv_got" = "$tsv_expected" ] || { echo "FAIL: OmegaT read $tsv_got entries from concord's OmegaT glossary, expected $tsv_expected"; exit 1; }
echo "ok: OmegaT's GlossaryReaderTSV loads concord's OmegaT glossary: $tsv_got entries (one per Chinese form)"
"${COUNT[@]}" tbx "$OUT/glossary.v2.tbx" "$P" >"$OUT/tbx2.count" 2>"$OUT/tbx2.entries" || { tail -5 "$OUT/tbx2.entries"; echo "FAIL: OmegaT's GlossaryReaderTBX could not load concord's TBX v2"; exit 1; }
tbx_got=$(cat "$OUT/tbx2.count")
[ "$tbx_got" = "$tbx_expected" ] || { echo "FAIL: OmegaT read $tbx_got entries from concord's TBX v2, expected $tbx_expected"; exit 1; }
echo "ok: OmegaT's GlossaryReaderTBX loads concord's TBX v2: $tbx_got entries (every zh term x every en term, deprecated ones included: OmegaT $OMEGAT_VERSION ignores administrativeStatus)"
if "${COUNT[@]}" tbx "$OUT/glossary.v3.tbx" "$P" >"$OUT/tbx3.count" 2>"$OUT/tbx3.entries"; then
  echo "note: OmegaT read $(cat "$OUT/tbx3.count") entries from TBX v3"
else
  echo "!! OmegaT $OMEGAT_VERSION cannot read TBX v3 ($(grep -m1 -o '[A-Za-z.]*Exception[^)]*' "$OUT/tbx3.entries" || echo error)): give OmegaT users TBX v2 (--to tbx2)"
fi
echo "40-omegat: passed"
