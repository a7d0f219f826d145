#!/usr/bin/env python3
"""Deterministic glossary and PO inputs for bench/run.sh.

glossary TMX N OUT.csv
    N glossary entries (concord's glossary CSV schema) drawn from the units of
    a gen_tm TMX: each zh term is a 2–6 character Han substring of a unit's
    source, each en rendering one to three consecutive words of that unit's
    target. Terms therefore recur across the checked file the way real
    terminology does, and each is satisfied in the unit it came from but not
    necessarily elsewhere (so T001 fires on part of the occurrences).
po TMX OUT.po
    The same units as a PO file (msgid = zh, msgstr = en, inline tags
    dropped), for Translate Toolkit's pofilter.
"""

import csv
import random
import re
import sys
import xml.etree.ElementTree as ET

HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def units(path):
    """(zh, en) plain texts of each <tu>, streaming."""
    for _, el in ET.iterparse(path, events=("end",)):
        if el.tag != "tu":
            continue
        texts = {}
        for tuv in el.findall("tuv"):
            lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang", "")
            seg = tuv.find("seg")
            if seg is not None:
                texts[lang[:2]] = "".join(seg.itertext())
        el.clear()
        if "zh" in texts and "en" in texts:
            yield texts["zh"], texts["en"]


def glossary(tmx, n, out):
    rnd = random.Random(20251125)
    seen = set()
    rows = []
    for zh, en in units(tmx):
        if len(rows) >= n:
            break
        runs = HAN.findall(zh)
        words = en.split()
        if not runs or not words:
            continue
        run = rnd.choice(runs)
        size = rnd.randint(2, min(6, len(run)))
        start = rnd.randint(0, len(run) - size)
        term = run[start : start + size]
        if term in seen:
            continue
        seen.add(term)
        k = rnd.randint(1, min(3, len(words)))
        w = rnd.randint(0, len(words) - k)
        rendering = " ".join(words[w : w + k]).strip(",.;:")
        if not rendering:
            continue
        rows.append([f"bench-{len(rows):05}", term, "", rendering, "", "", "insensitive", "bench", "", "bench/make_inputs.py", "approved"])
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "zh", "zh_variants", "en", "en_variants", "en_forbidden", "case", "domain", "note", "source", "status"])
        w.writerows(rows)


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po(tmx, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n')
        seen = set()
        for i, (zh, en) in enumerate(units(tmx)):
            # PO needs unique msgids; a msgctxt keeps repeated sources apart.
            ctxt = f"msgctxt {po_quote(str(i))}\n" if zh in seen else ""
            seen.add(zh)
            f.write(f"#: unit-{i}\n{ctxt}msgid {po_quote(zh)}\nmsgstr {po_quote(en)}\n\n")


def main():
    if sys.argv[1] == "glossary":
        glossary(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "po":
        po(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
