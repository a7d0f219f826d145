#!/usr/bin/env python3
"""Translate Toolkit's TM matcher over a TMX, for bench/run.sh.

Loads the TM with translate.storage.tmx, builds translate.search.match.matcher
with the same limits as `concord match` (min 70 %, at most 5 candidates; no
70-character length cap, since the benchmark sentences are up to 80 Han
characters), answers the first --limit queries and writes one JSON line per
query: {"query", "top": [source, score] or null}. Prints the load and query
times (seconds, wall clock) on stderr as `load=… query=… n=…`.
"""

import argparse
import json
import re
import sys
import time

from translate.search import match
from translate.storage import base, tmx

# matcher keeps its best candidates in a heap of (score, unit) tuples; on equal
# scores Python compares the units, which define no order (TypeError in
# translate-toolkit 3.20). Units that tie are equally good: any order will do.
base.TranslationUnit.__lt__ = lambda self, other: False

# translate.storage.tmx renders inline codes (<bpt>, <ph>, …) as markup in the
# unit's text (`<b>今天</b>`, `…<br/>`), so its matcher would count the markup as
# characters to edit and rank every tagged unit lower. concord matches on the
# text without inline codes; give the matcher the same text, or the comparison
# measures Translate Toolkit's TMX reader rather than its matcher.
MARKUP = re.compile(r"<[^>]*>")


def plain_store(store):
    """A store of the same units with the inline markup removed from their text."""
    plain = base.TranslationStore()
    for unit in store.units:
        if not unit.source:
            continue
        copy = plain.UnitClass(MARKUP.sub("", str(unit.source)))
        copy.target = MARKUP.sub("", str(unit.target or ""))
        plain.addunit(copy)
    return plain


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tm", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--limit", type=int, default=0, help="first N queries only (0 = all)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    t0 = time.perf_counter()
    with open(a.tm, "rb") as f:
        store = tmx.tmxfile(f, sourcelanguage="zh-CN", targetlanguage="en-US")
    m = match.matcher(plain_store(store), max_candidates=5, min_similarity=70, max_length=1000)
    t1 = time.perf_counter()

    with open(a.queries, encoding="utf-8") as f:
        queries = [line.strip() for line in f if line.strip()]
    if a.limit:
        queries = queries[: a.limit]
    rows = []
    for q in queries:
        found = m.matches(q)
        top = None
        if found:
            unit = found[0]
            note = unit.getnotes().strip().splitlines()[-1]
            top = [str(unit.source), float(note.rstrip("%"))]
        rows.append({"query": q, "top": top, "all": [str(u.source) for u in found]})
    t2 = time.perf_counter()
    with open(a.out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"load={t1 - t0:.3f} query={t2 - t1:.3f} n={len(queries)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
