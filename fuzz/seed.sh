#!/usr/bin/env bash
# Seeds the fuzz corpora (fuzz/corpus/<target>/, git-ignored) from real files:
# the shared interop files, the repository's fixtures and data, and the
# hostile-input corpus of tests/hostile/corpus.rs. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
shared=$root/../shared/interop
corpus=$root/fuzz/corpus
mkdir -p "$corpus"/{tmx,xliff,tbx,csv}

copy() { # copy TARGET FILE...
  local target=$1; shift
  for f in "$@"; do
    [ -f "$f" ] || continue
    # Name by content hash, as libFuzzer does, so reruns add nothing twice.
    cp "$f" "$corpus/$target/$(sha1sum "$f" | cut -c1-40)"
  done
}

shopt -s nullglob globstar
copy tmx "$shared"/**/*.tmx "$root"/tests/fixtures/**/*.tmx
copy xliff "$shared"/**/*.xlf "$shared"/**/*.xliff "$shared"/**/*.sdlxliff "$root"/tests/fixtures/**/*.xlf "$root"/tests/fixtures/**/*.xliff
copy tbx "$shared"/**/*.tbx "$root"/tests/fixtures/**/*.tbx
copy csv "$shared"/**/*.csv "$shared"/**/*.tab "$shared"/**/*.txt "$root"/tests/fixtures/**/*.csv "$root"/tests/fixtures/**/*.tsv
# The bundled glossary is large: its first 40 lines are enough of a seed.
for g in "$root"/glossary/*.csv; do
  head -40 "$g" > "$corpus/csv/$(basename "$g").head"
done

# The hostile corpus, written by the hostile test itself.
dump=$(mktemp -d)
CONCORD_DUMP_CORPUS=$dump cargo test -q --test hostile corpus_has_at_least_40_cases >/dev/null
copy tmx "$dump"/tmx/*
copy xliff "$dump"/xlf/*
copy tbx "$dump"/tbx/*
copy csv "$dump"/csv/*
rm -rf "$dump"

# Crashes found so far replay first.
copy tmx "$root"/tests/hostile/regressions/tmx-*
copy xliff "$root"/tests/hostile/regressions/xliff-*
copy tbx "$root"/tests/hostile/regressions/tbx-*
copy csv "$root"/tests/hostile/regressions/csv-*

for t in tmx xliff tbx csv; do
  echo "seed corpus $t: $(ls "$corpus/$t" | wc -l) files"
done
