#!/usr/bin/env python3
"""Build tmx/seed.zh-en.tmx from tmx/seed.pairs.tsv (python3 stdlib only).

seed.pairs.tsv: header row, then one translation unit per line with the columns
document, paragraph, zh, en (no tabs inside fields). Units are numbered seed-0001...
in file order. Notes on individual units are kept below, keyed by the start of the
unit's Chinese text, so the TSV stays a plain four-column file.

Usage: python3 tmx/build_seed_tmx.py [pairs.tsv] [out.tmx]
"""
import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
PAIRS = os.path.join(HERE, "seed.pairs.tsv")
OUT = os.path.join(HERE, "seed.zh-en.tmx")

HEADER_NOTES = [
    "Source: corpus/seed.zh.txt (People's Daily, 18 June 2025, front page, as given in the "
    "project's shared seed). Lines broken by text extraction were joined; nothing else in the "
    "Chinese was changed.",
    "Page furniture not kept as units: （上接第一版） (continued from page 1) before the "
    "speech-continued piece, and the photo credit 新华社发 (Xinhua) in the shenzhou-test piece.",
    "English follows glossary/diplomatic.zh-en.csv: every glossary term in a unit's Chinese has "
    "its approved rendering or an accepted variant in the English.",
]

# unit notes, keyed by a prefix of the zh text (each prefix must match exactly one unit)
UNIT_NOTES = {
    "越来越多中国城市开通中亚班列": "Seed typo kept in the source: 跨里海国际运输主席 (\"chairman\") where "
        "跨里海国际运输走廊 (corridor) is meant; translated as the Trans-Caspian International "
        "Transport Corridor.",
    "在长期实践中": "The seed reads 五尊、五信、五利、互助; the official formula is 互尊、互信、互利、互助 "
        "(mutual respect, mutual trust, mutual benefit, mutual assistance). Source kept as in the "
        "seed, translated as the official formula.",
    "强化区域安全协作": "Fragment: the seed starts the summit report mid-sentence (its beginning is "
        "not in the seed); translated as a fragment.",
    "6月17日，我国在酒泉卫星发射中心": "The seed names the spacecraft 神舟二十号; the vehicle actually "
        "tested at Jiuquan on 17 June 2025 was the new-generation Mengzhou (梦舟) crewed spaceship. "
        "Translated as in the seed.",
    "神舟载人飞船是我国": "Photo caption of the seed; 'up to 7 astronauts' describes Mengzhou (梦舟), "
        "not Shenzhou (3 crew). Translated as in the seed. The credit 新华社发 follows in the seed.",
    "神舟载人飞船零高度逃逸飞行试验取得圆满成功": "Headline; in the seed it follows the photo caption "
        "and the credit 新华社发.",
    "我们要携手捍卫国际公平正义": "The seed breaks off mid-sentence here (end of the page); "
        "translated as a fragment.",
}
FIRST_OF_PIECE_NOTES = {
    "speech-continued": "Preceded in the seed by （上接第一版） (continued from page 1): a second, "
        "differently worded version of part of the keynote speech.",
    "summit-report": "Report on the summit; the seed carries only its end.",
}


def read_pairs(path):
    units = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["document", "paragraph", "zh", "en"]:
            sys.exit(f"{path}: unexpected header {header}")
        for n, line in enumerate(f, 2):
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            if len(parts) != 4:
                sys.exit(f"{path}:{n}: expected 4 tab-separated fields, got {len(parts)}")
            doc, para, zh, en = parts
            if not (zh.strip() and en.strip()):
                sys.exit(f"{path}:{n}: empty zh or en")
            units.append((doc, int(para), zh, en))
    return units


def notes_for(units):
    notes = [[] for _ in units]
    for prefix, text in UNIT_NOTES.items():
        hits = [i for i, u in enumerate(units) if u[2].startswith(prefix)]
        if len(hits) != 1:
            sys.exit(f"note prefix {prefix!r} matches {len(hits)} units")
        notes[hits[0]].append(text)
    seen = set()
    for i, (doc, _, _, _) in enumerate(units):
        if doc not in seen:
            seen.add(doc)
            if doc in FIRST_OF_PIECE_NOTES:
                notes[i].insert(0, FIRST_OF_PIECE_NOTES[doc])
    return notes


def build(units):
    notes = notes_for(units)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
           '<tmx version="1.4">',
           '  <header creationtool="concord" creationtoolversion="0.1.0" datatype="plaintext" '
           'segtype="sentence" adminlang="en" srclang="zh-CN" o-tmf="concord">']
    for t in HEADER_NOTES:
        out.append(f"    <note>{escape(t)}</note>")
    out += ["  </header>", "  <body>"]
    for i, ((doc, para, zh, en), ns) in enumerate(zip(units, notes), 1):
        out.append(f'    <tu tuid="seed-{i:04d}">')
        for t in ns:
            out.append(f"      <note>{escape(t)}</note>")
        out.append(f'      <prop type="x-document">{escape(doc)}</prop>')
        out.append(f'      <prop type="x-paragraph">{para}</prop>')
        for lang, text in (("zh-CN", zh), ("en", en)):
            out.append(f'      <tuv xml:lang="{lang}">')
            out.append(f"        <seg>{escape(text)}</seg>")
            out.append("      </tuv>")
        out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else PAIRS
    dst = sys.argv[2] if len(sys.argv) > 2 else OUT
    units = read_pairs(src)
    data = build(units)
    tmp = dst + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(data)
    os.replace(tmp, dst)
    print(f"wrote {dst}: {len(units)} units")


if __name__ == "__main__":
    main()
