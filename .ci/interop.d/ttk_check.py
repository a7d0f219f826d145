"""Loads files concord wrote with Translate Toolkit (translate.storage) and
compares what Translate Toolkit finds with what concord wrote.

Usage:
  ttk_check.py tmx    WRITTEN.tmx ORIGINAL.tmx   # units of concord's TMX = <tu> of the input
  ttk_check.py tbx2   WRITTEN.tbx GLOSSARY.csv   # one term entry per glossary row, zh/en preferred
  ttk_check.py memoq  WRITTEN.csv GLOSSARY.csv   # memoQ/Trados CSV: every row, cells intact
  ttk_check.py omegat WRITTEN.txt GLOSSARY.csv   # one line per Chinese form, approved English
  ttk_check.py xbench WRITTEN.txt GLOSSARY.csv   # the same, with the BOM Xbench needs

GLOSSARY.csv is concord's canonical glossary CSV of the same glossary.
Prints one line per check; exits 1 on the first mismatch.
"""

import csv
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def glossary_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def multi(cell):
    return [v for v in cell.split(" | ") if v.strip()] if cell else []


def check_tmx(written, original):
    from translate.storage import tmx

    expected = sum(1 for _ in ET.parse(original).getroot().iter("tu"))
    store = tmx.tmxfile.parsefile(written)
    units = [u for u in store.units if not u.isheader()]
    if len(units) != expected:
        fail(f"{written}: translate-toolkit found {len(units)} units, the input has {expected} <tu>")
    empty = sum(1 for u in units if not (u.source or "").strip())
    print(f"ok tmx: {written}: {len(units)} units = {expected} <tu> in {original} ({empty} with an empty source)")


def check_tbx2(written, glossary):
    from translate.storage import tbx

    rows = glossary_rows(glossary)
    units = tbx.tbxfile.parsefile(written).units
    if len(units) != len(rows):
        fail(f"{written}: translate-toolkit found {len(units)} term entries, the glossary has {len(rows)} rows")
    for u, r in zip(units, rows):
        if (u.getid(), u.source, u.target) != (r["id"], r["zh"], r["en"]):
            fail(f"{written}: entry {u.getid()!r} reads as {u.source!r} -> {u.target!r}, expected {r['id']!r}: {r['zh']!r} -> {r['en']!r}")
    print(f"ok tbx v2: {written}: {len(units)} term entries, ids and preferred zh/en terms as in the glossary")


def restore(cell):
    # concord's neutralisation: a leading ' before = + - @ TAB CR or ' is removed.
    if len(cell) >= 2 and cell[0] == "'" and cell[1] in "=+-@\t\r'":
        return cell[1:]
    return cell


def check_memoq(written, glossary):
    from translate.storage import csvl10n

    rows = glossary_rows(glossary)
    names = ["location", "source", "context", "target", "translator_comments",
             "developer_comments", "x1", "x2", "x3", "x4", "x5"]
    with open(written, "rb") as f:
        store = csvl10n.csvfile(f, fieldnames=names)
    units = list(store.units)
    header, units = units[0], units[1:]
    if (header.getlocations(), header.source, header.target) != (["ID"], "Chinese", "English"):
        fail(f"{written}: header read as {header.getlocations()} {header.source!r} {header.target!r} (a BOM or quoting problem?)")
    if len(units) != len(rows):
        fail(f"{written}: translate-toolkit found {len(units)} rows, the glossary has {len(rows)}")
    for u, r in zip(units, rows):
        got = (restore(u.getlocations()[0] if u.getlocations() else ""), restore(u.source), restore(u.target))
        if got != (r["id"], r["zh"], r["en"]):
            fail(f"{written}: row reads as {got!r}, expected {(r['id'], r['zh'], r['en'])!r}")
    print(f"ok memoq csv: {written}: {len(units)} rows + header, BOM handled, cells intact after un-neutralising")


def check_omegat(written, glossary, strip_bom=False):
    import io
    from translate.storage import omegat

    rows = glossary_rows(glossary)
    expected = [(zh, r["en"]) for r in rows for zh in [r["zh"]] + multi(r["zh_variants"])]
    with open(written, "rb") as f:
        data = f.read()
    if strip_bom:
        # Xbench reads the BOM it asks for; Translate Toolkit's tab reader keeps it in the first cell.
        if not data.startswith(b"\xef\xbb\xbf"):
            fail(f"{written}: no UTF-8 BOM (Xbench needs one to read UTF-8)")
        data = data[3:]
    store = omegat.OmegaTFile(io.BytesIO(data))
    # Translate Toolkit does not skip OmegaT's '#' comment lines; OmegaT does.
    got = [(u.source, u.target) for u in store.units if not u.source.startswith("#")]
    if len(got) != len(expected):
        fail(f"{written}: translate-toolkit found {len(got)} glossary lines, expected {len(expected)} (one per Chinese form)")
    for g, e in zip(got, expected):
        if g != e:
            fail(f"{written}: line reads as {g!r}, expected {e!r}")
    print(f"ok omegat/xbench tsv: {written}: {len(got)} lines = one per Chinese form of {len(rows)} entries")


def check_xbench(written, glossary):
    check_omegat(written, glossary, strip_bom=True)


CHECKS = {
    "tmx": check_tmx,
    "tbx2": check_tbx2,
    "memoq": check_memoq,
    "omegat": check_omegat,
    "xbench": check_xbench,
}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in CHECKS:
        print(__doc__)
        sys.exit(2)
    CHECKS[sys.argv[1]](sys.argv[2], sys.argv[3])
