#!/usr/bin/env python3
"""Share of queries where concord's and Translate Toolkit's best match agree.

usage: agreement.py CONCORD.json TT.jsonl

Counts only the queries where both tools find a match. A query agrees when
the top source texts are equal, or when the scores tie: concord lists TT's
top source at concord's top score (concord's order among equal scores is by
unit, TT's by heap order), or TT lists concord's top source at its own top
score. Prints `agree=A both=B concord_only=C tt_only=D` and the first few
disagreements on stderr.
"""

import json
import math
import re
import sys

# Translate Toolkit's TMX reader renders inline codes as markup (<b>…</b>,
# <br/>); concord reports the plain text. Compare the text.
TAG = re.compile(r"<[^>]*>")


def main() -> int:
    concord = json.load(open(sys.argv[1], encoding="utf-8"))
    tt = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
    for t in tt:
        if t["top"]:
            t["top"][0] = TAG.sub("", t["top"][0])
        t["all"] = [TAG.sub("", a) for a in t["all"]]
    agree = both = c_only = t_only = 0
    shown = 0
    for c, t in zip(concord, tt):
        assert c["query"] == t["query"], (c["query"], t["query"])
        cm = c["matches"]
        if cm and t["top"]:
            both += 1
            ctop = cm[0]
            tsrc, tscore = t["top"]
            ok = ctop["source"] == tsrc
            ok = ok or any(m["source"] == tsrc and m["score"] == ctop["score"] for m in cm)
            ok = ok or (ctop["source"] in t["all"] and math.floor(tscore) == ctop["score"])
            if ok:
                agree += 1
            elif shown < 5:
                shown += 1
                print(f"differ: {t['query']}\n  concord {ctop['score']} {ctop['source']}\n  tt      {tscore:.1f} {tsrc}", file=sys.stderr)
        elif cm:
            c_only += 1
        elif t["top"]:
            t_only += 1
    print(f"agree={agree} both={both} concord_only={c_only} tt_only={t_only}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
