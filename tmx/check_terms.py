#!/usr/bin/env python3
"""Self-check for the bundled glossary and the seed TM (python3 stdlib only).

Checks
  glossary/diplomatic.zh-en.csv: exact header, canonical CSV (re-emitted byte for byte),
    unique ids (ASCII kebab-case), unique zh across zh + zh_variants, non-empty en and source,
    valid case/domain/status, no ` | ` inside a value, no forbidden rendering equal to or
    contained in an accepted rendering (of any entry).
  tmx/seed.pairs.tsv: the joined Chinese reproduces the seed (minus extraction line breaks and
    page furniture); for every unit, glossary terms are found in the Chinese by leftmost-longest
    matching over folded text and the English must contain the approved rendering or an accepted
    variant (case-insensitive unless case=sensitive; hyphen/en-dash/space folded; a trailing
    s/es allowed on each word); no forbidden rendering of any entry may appear.
  every quoted phrase of the seed (“…” and 《…》) has a glossary entry.
  tmx/seed.zh-en.tmx (if present) holds exactly the units of the TSV, in order.

Usage: python3 tmx/check_terms.py [repo-root]     exit status 1 if anything fails
"""
import csv
import io
import os
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GLOSSARY = os.path.join(ROOT, "glossary", "diplomatic.zh-en.csv")
PAIRS = os.path.join(ROOT, "tmx", "seed.pairs.tsv")
TMX = os.path.join(ROOT, "tmx", "seed.zh-en.tmx")
SEED = os.path.join(ROOT, "corpus", "seed.zh.txt")

HEADER = ["id", "zh", "zh_variants", "en", "en_variants", "en_forbidden",
          "case", "domain", "note", "source", "status"]
DOMAINS = {"slogan", "initiative", "mechanism", "organization", "person", "place", "treaty",
           "document", "project", "title", "event", "concept", "policy"}
CASES = {"sensitive", "insensitive"}
STATUSES = {"approved", "proposed", "deprecated"}
SEP = " | "
FURNITURE = {"（上接第一版）", "新华社发"}
DASHES = "－—–‐‑-‒―"
QUOTES = {"“": '"', "”": '"', "「": '"', "」": '"', "‘": "'", "’": "'"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def fold_common(s):
    s = unicodedata.normalize("NFKC", s)
    for d in DASHES:
        s = s.replace(d, "-")
    for a, b in QUOTES.items():
        s = s.replace(a, b)
    return s.replace("\u3000", " ")


def fold_zh(s):
    return fold_common(s)


def fold_en(s, sensitive):
    s = fold_common(s).replace("-", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return s if sensitive else s.lower()


def split_multi(cell):
    return [v for v in cell.split(SEP)] if cell else []


def en_pattern(phrase, sensitive):
    words = fold_en(phrase, sensitive).split(" ")
    parts = []
    for w in words:
        p = re.escape(w)
        if w and w[-1].isalnum():
            p += "(?:s|es)?"
        parts.append(p)
    return re.compile(r"(?<![\w])" + r"\s+".join(parts) + r"(?![\w])")


# ---------------------------------------------------------------- glossary
def canonical_csv(rows):
    def q(f):
        return '"' + f.replace('"', '""') + '"' if any(c in f for c in ',"\r\n') else f
    return "".join(",".join(q(f) for f in r) + "\n" for r in rows)


def load_glossary():
    raw = open(GLOSSARY, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("glossary: has a BOM")
    if b"\r" in raw:
        fail("glossary: contains CR")
    if not raw.endswith(b"\n"):
        fail("glossary: no final newline")
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if rows[0] != HEADER:
        fail(f"glossary: header is {rows[0]}")
    if canonical_csv(rows) != text:
        fail("glossary: not canonical (re-emitted CSV differs)")
    entries = []
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(HEADER):
            fail(f"glossary row {n}: {len(r)} fields")
            continue
        e = dict(zip(HEADER, r))
        e["row"] = n
        entries.append(e)
    ids, zhs = {}, {}
    accepted_all = []
    for e in entries:
        n, i = e["row"], e["id"]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i):
            fail(f"glossary row {n}: id {i!r} is not ASCII kebab-case")
        if i in ids:
            fail(f"glossary row {n}: duplicate id {i} (row {ids[i]})")
        ids[i] = n
        for c in ("zh", "en", "source", "domain", "case", "status"):
            if not e[c].strip():
                fail(f"glossary {i}: empty {c}")
        if e["case"] not in CASES:
            fail(f"glossary {i}: bad case {e['case']!r}")
        if e["domain"] not in DOMAINS:
            fail(f"glossary {i}: bad domain {e['domain']!r}")
        if e["status"] not in STATUSES:
            fail(f"glossary {i}: bad status {e['status']!r}")
        for c in HEADER:
            if e[c] != e[c].strip():
                fail(f"glossary {i}: {c} has leading/trailing space")
        for c in ("zh", "en"):
            if SEP.strip() in e[c] and SEP in e[c]:
                fail(f"glossary {i}: {c} contains the multi-value separator")
        e["zh_all"] = [e["zh"]] + split_multi(e["zh_variants"])
        for z in e["zh_all"]:
            if not z.strip():
                fail(f"glossary {i}: empty zh variant")
            if len(z) < 2:
                fail(f"glossary {i}: single-character zh {z!r}")
            fz = fold_zh(z)
            if fz in zhs:
                fail(f"glossary {i}: zh {z!r} also in {zhs[fz]}")
            zhs[fz] = i
        e["sensitive"] = e["case"] == "sensitive"
        e["accepted"] = [e["en"]] + split_multi(e["en_variants"])
        e["forbidden"] = split_multi(e["en_forbidden"])
        for v in e["accepted"] + e["forbidden"]:
            if not v.strip():
                fail(f"glossary {i}: empty English value")
        e["acc_re"] = [en_pattern(a, e["sensitive"]) for a in e["accepted"]]
        e["forb_re"] = [en_pattern(f, e["sensitive"]) for f in e["forbidden"]]
        accepted_all += [(i, a) for a in e["accepted"]]
    # forbidden vs accepted, across the whole glossary (case-insensitive, folded)
    acc_folded = [(i, fold_en(a, False)) for i, a in accepted_all]
    for e in entries:
        for f in e["forbidden"]:
            ff = fold_en(f, False)
            pat = re.compile(r"(?<![\w])" + re.escape(ff) + r"(?![\w])")
            for i, a in acc_folded:
                if ff == a:
                    fail(f"glossary {e['id']}: forbidden {f!r} equals accepted of {i}")
                elif pat.search(a):
                    fail(f"glossary {e['id']}: forbidden {f!r} is inside accepted {a!r} of {i}")
    return entries


# ---------------------------------------------------------------- pairs
def load_pairs():
    units = []
    with open(PAIRS, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["document", "paragraph", "zh", "en"]:
            fail(f"pairs: header {header}")
        for n, line in enumerate(f, 2):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                fail(f"pairs line {n}: {len(parts)} fields")
                continue
            units.append((n, parts[0], int(parts[1]), parts[2], parts[3]))
    return units


def term_index(entries):
    idx = {}
    for e in entries:
        for z in e["zh_all"]:
            idx[fold_zh(z)] = e
    lengths = sorted({len(k) for k in idx}, reverse=True)
    return idx, lengths


def find_terms(text, idx, lengths):
    """Leftmost-longest, non-overlapping matches over folded text."""
    t = fold_zh(text)
    out, i = [], 0
    while i < len(t):
        for L in lengths:
            if i + L <= len(t) and t[i:i + L] in idx:
                out.append((t[i:i + L], idx[t[i:i + L]]))
                i += L
                break
        else:
            i += 1
    return out


def check_units(entries, units):
    idx, lengths = term_index(entries)
    hits = {e["id"]: 0 for e in entries}
    checked = 0
    for n, doc, para, zh, en in units:
        if not en.strip():
            fail(f"unit line {n}: empty English")
        if re.search(r"[\u3400-\u9fff]", en):
            fail(f"unit line {n}: Chinese characters in English")
        if re.search(r"[\uff01-\uff5e\u3001\u3002\u201c\u201d\u2018\u2019\u300a\u300b]", en):
            fail(f"unit line {n}: full-width punctuation in English: {en}")
        if "  " in en:
            fail(f"unit line {n}: double space in English")
        for zterm, e in find_terms(zh, idx, lengths):
            hits[e["id"]] += 1
            checked += 1
            target = fold_en(en, e["sensitive"])
            if not any(p.search(target) for p in e["acc_re"]):
                fail(f"unit line {n} [{doc} {para}]: term {zterm} ({e['id']}) needs one of "
                     f"{e['accepted']}\n      zh: {zh}\n      en: {en}")
        for e in entries:
            target = fold_en(en, e["sensitive"])
            for f, p in zip(e["forbidden"], e["forb_re"]):
                if p.search(target):
                    fail(f"unit line {n}: forbidden rendering {f!r} ({e['id']}) in: {en}")
    return hits, checked


# ---------------------------------------------------------------- seed
def seed_text():
    raw = open(SEED, encoding="utf-8").read()
    return "".join(l for l in raw.split("\n") if l.strip() and l.strip() not in FURNITURE)


def check_seed(entries, units):
    joined = seed_text()
    if "".join(u[3] for u in units) != joined:
        a, b = "".join(u[3] for u in units), joined
        k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
        fail(f"pairs: Chinese does not reproduce the seed; first difference at {k}: "
             f"{a[k-10:k+20]!r} vs {b[k-10:k+20]!r}")
    zh_all = {fold_zh(z) for e in entries for z in e["zh_all"]}
    quoted = [a or b for a, b in re.findall(r"“([^”]+)”|《([^》]+)》", joined)]
    seen = []
    for q in quoted:
        q = q.rstrip("。！？")
        if q not in seen:
            seen.append(q)
    missing = [q for q in seen if fold_zh(q) not in zh_all]
    for q in missing:
        fail(f"quoted phrase without glossary entry: {q}")
    return seen


def check_tmx(units):
    if not os.path.exists(TMX):
        fail("tmx missing")
        return 0
    root = ET.parse(TMX).getroot()
    tus = root.findall("./body/tu")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    if len(tus) != len(units):
        fail(f"tmx: {len(tus)} units, pairs: {len(units)}")
    for k, (tu, u) in enumerate(zip(tus, units), 1):
        if tu.get("tuid") != f"seed-{k:04d}":
            fail(f"tmx unit {k}: tuid {tu.get('tuid')}")
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        segs = {t.get(xml_lang): t.find("seg").text for t in tu.findall("tuv")}
        if (props.get("x-document"), props.get("x-paragraph"), segs.get("zh-CN"), segs.get("en")) != \
                (u[1], str(u[2]), u[3], u[4]):
            fail(f"tmx unit {k} differs from pairs line {u[0]}")
    return len(tus)


def main():
    entries = load_glossary()
    units = load_pairs()
    hits, checked = check_units(entries, units)
    quoted = check_seed(entries, units)
    ntu = check_tmx(units)
    print(f"glossary entries: {len(entries)} "
          f"(approved {sum(e['status'] == 'approved' for e in entries)}, "
          f"proposed {sum(e['status'] == 'proposed' for e in entries)})")
    print(f"entries found in the seed: {sum(1 for v in hits.values() if v)}; "
          f"term occurrences checked: {checked}")
    print(f"units: {len(units)} in pairs, {ntu} in tmx")
    print(f"quoted phrases in the seed: {len(quoted)}: {' / '.join(quoted)}")
    print(f"failures: {len(failures)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
