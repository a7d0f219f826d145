#!/usr/bin/env python3
"""Deterministic glossary, checked-file and PO inputs for bench/run.sh.

glossary TMX N OUT.csv
    N glossary entries (concord's glossary CSV schema). Each zh term is a
    4–7 character Han substring of a unit's source in TMX (so terms recur
    across the file the way real terminology does); each en rendering is a
    made-up three-word English name ("Green Maritime Partnership"), unique
    in the glossary. About a fifth of the entries have an accepted variant
    (the last word replaced) and a fifth a forbidden rendering.
render GLOSSARY.csv TMX OUT.tmx ERROR_PERMILLE
    The units of a gen_tm TMX with the renderings of the glossary terms of
    each source written into the target, the way a translator using the
    glossary would: every occurrence of a term (found leftmost-longest, as
    concord does) adds its approved rendering before the final full stop —
    sometimes inflected (plural), lower-cased or as the accepted variant.
    ERROR_PERMILLE occurrences per thousand are real errors, in equal shares:
    the rendering left out (T001), the forbidden rendering used instead
    (T002, or T001 when the entry has none) and a misspelt rendering (T003).
    gen_tm's pseudo-English repeats words ("energy energy"); render collapses
    them, so P004 keeps to real repetitions. Everything else is copied byte
    for byte (ids, props, inline tags).
po TMX OUT.po
    The same units as a PO file (msgid = zh, msgstr = en, inline tags
    dropped), for Translate Toolkit's pofilter.
"""

import csv
import random
import re
import sys
import xml.etree.ElementTree as ET

HAN = re.compile(r"[\u4e00-\u9fff]{4,}")
TERM_MIN, TERM_MAX = 4, 7

ADJECTIVES = (
    "Green Digital Maritime Northern Southern Eastern Western Central Joint Regional Global "
    "Sustainable Open Inclusive Strategic Comprehensive Cultural Scientific Agricultural "
    "Industrial Financial Coastal Continental Trilateral Bilateral Multilateral Civic Rural "
    "Urban Youth Ecological Humanitarian Technical Economic Legal Judicial Nuclear Space "
    "Polar Arctic Highland Riverine Frontier"
).split()
NOUNS = (
    "Silk Energy Trade Water Health Education Transport Railway Highway Customs Tourism "
    "Investment Innovation Security Poverty Climate Desert Mineral Grain Textile Media "
    "Heritage Archive Aviation Satellite Pipeline Harbour Border Visa Labour Pension Tax "
    "Fishery Forestry Seed Solar Wind Hydrogen Cotton Steel"
).split()
HEADS = (
    "Partnership Initiative Framework Corridor Mechanism Forum Dialogue Programme Platform "
    "Alliance Fund Centre Network Accord Compact Charter Council Agenda Roadmap Consensus "
    "Belt Zone Hub Park Academy Commission Summit Pact Union Strategy"
).split()
# Words only forbidden renderings use, so a forbidden form is never a correct one.
FORBIDDEN_HEADS = "Scheme Plot Bloc Gambit Ploy Racket".split()


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


HEADER = ["id", "zh", "zh_variants", "en", "en_variants", "en_forbidden", "case", "domain", "note", "source", "status"]


def candidates(zh, rnd):
    """One 4–7 character Han substring of zh, or None."""
    runs = HAN.findall(zh)
    if not runs:
        return None
    run = rnd.choice(runs)
    size = rnd.randint(TERM_MIN, min(TERM_MAX, len(run)))
    start = rnd.randint(0, len(run) - size)
    return run[start : start + size]


def glossary(tmx, n, out):
    # Candidates from every unit, then their document frequency: a term that
    # is in a third of all sentences (the seed's stock phrases are) is not
    # terminology, and one seen once is not worth an entry. Terms seen in 2 to
    # MAX_UNITS units keep the rate near real documents: one or two terms a
    # sentence.
    rnd = random.Random(20251125)
    texts = [zh for zh, _ in units(tmx)]
    pool = {c for c in (candidates(zh, rnd) for zh in texts) if c}
    df = dict.fromkeys(pool, 0)
    for zh in texts:
        seen = set()
        for i in range(len(zh)):
            for size in range(TERM_MIN, TERM_MAX + 1):
                c = zh[i : i + size]
                if c in df and c not in seen:
                    seen.add(c)
                    df[c] += 1
    max_units = max(2, len(texts) // 500)
    chosen = sorted(c for c in pool if 2 <= df[c] <= max_units)
    rnd.shuffle(chosen)
    renderings, rows = set(), []
    for term in chosen[:n]:
        while True:
            words = [rnd.choice(ADJECTIVES), rnd.choice(NOUNS), rnd.choice(HEADS)]
            en = " ".join(words)
            if en.lower() not in renderings:
                break
        renderings.add(en.lower())
        variant = forbidden = ""
        if rnd.random() < 0.2:
            for _ in range(10):
                v = " ".join(words[:2] + [rnd.choice(HEADS)])
                if v.lower() not in renderings:
                    variant = v
                    renderings.add(v.lower())
                    break
        if rnd.random() < 0.2:
            forbidden = " ".join(words[:2] + [rnd.choice(FORBIDDEN_HEADS)])
        rows.append([f"bench-{len(rows):05}", term, "", en, variant, forbidden, "insensitive", "bench", "", "bench/make_inputs.py", "approved"])
    if len(rows) < n:
        sys.exit(f"make_inputs: only {len(rows)} terms found in {tmx} (wanted {n})")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)


def read_glossary(path):
    with open(path, encoding="utf-8", newline="") as f:
        return {row["zh"]: row for row in csv.DictReader(f)}


def find_terms(zh, by_term):
    """Leftmost-longest occurrences of glossary terms in zh, as concord finds them."""
    hits, i = [], 0
    while i < len(zh):
        for size in range(TERM_MAX, TERM_MIN - 1, -1):
            entry = by_term.get(zh[i : i + size])
            if entry is not None:
                hits.append(entry)
                i += size
                break
        else:
            i += 1
    return hits


def misspell(text, rnd):
    """Two neighbouring letters of the longest word swapped: one edit."""
    words = text.split(" ")
    k = max(range(len(words)), key=lambda j: len(words[j]))
    w = words[k]
    i = rnd.randint(1, len(w) - 3)
    words[k] = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return " ".join(words)


def pluralise(text):
    return text + ("es" if text.endswith(("s", "x", "ch", "sh")) else "s")


def rendering(entry, rnd, error_rate):
    """What the translator wrote for one occurrence of the term (None: nothing)."""
    r = rnd.random()
    if r < error_rate:
        kind = rnd.randrange(3)
        if kind == 0:
            return None
        if kind == 1 and entry["en_forbidden"]:
            return entry["en_forbidden"]
        return misspell(entry["en"], rnd)
    text = entry["en_variants"] if entry["en_variants"] and rnd.random() < 0.1 else entry["en"]
    r = rnd.random()
    if r < 0.1:
        text = pluralise(text)
    elif r < 0.15:
        text = text.lower()
    return text


SEG = re.compile(r"(<tuv xml:lang=\"([^\"]*)\"><seg>)(.*)(</seg></tuv>)")
TAG = re.compile(r"<[^>]*>[^<]*</[^>]*>|<[^>]*/>")
REPEAT = re.compile(r"\b(\w+) \1\b")


def render(glossary_path, tmx, out, permille):
    by_term = read_glossary(glossary_path)
    rnd = random.Random(f"render {permille} {tmx.rsplit('/', 1)[-1]}")
    error_rate = permille / 1000
    zh_plain = None
    with open(tmx, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as w:
        for line in f:
            m = SEG.search(line)
            if m is None:
                w.write(line)
                continue
            lang, seg = m.group(2), m.group(3)
            if lang.startswith("zh"):
                zh_plain = TAG.sub("", seg)
                w.write(line)
                continue
            if zh_plain is None:
                w.write(line)
                continue
            added = [rendering(e, rnd, error_rate) for e in find_terms(zh_plain, by_term)]
            added = [a for a in added if a]
            zh_plain = None
            # The text before the inline tags gen_tm appends, and its final full stop.
            tail_at = seg.find("<ph ")
            body, tail = (seg, "") if tail_at < 0 else (seg[:tail_at], seg[tail_at:])
            while REPEAT.search(body):
                body = REPEAT.sub(r"\1", body)
            if added:
                dot = body.rfind(".")
                dot = len(body) if dot < 0 else dot
                body = body[:dot] + ", with the " + " and the ".join(added) + body[dot:]
            w.write(line[: m.start(3)] + body + tail + line[m.end(3) :])


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
    if len(sys.argv) == 5 and sys.argv[1] == "glossary":
        glossary(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 6 and sys.argv[1] == "render":
        render(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))
    elif len(sys.argv) == 4 and sys.argv[1] == "po":
        po(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
