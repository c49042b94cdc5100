#!/usr/bin/env python3
"""
tokenize_fold.py: writes src/search/tokenize_fold.h, the folding tables of
the search tokenizer (tokenize.c), from Python's unicodedata.

    python3 src/search/tokenize_fold.py > src/search/tokenize_fold.h

Tables:
  fold_lo[cp - 0x80]    for U+0080..U+052F (Latin-1, Latin Extended-A/B,
                        IPA, combining marks, Greek, Cyrillic)
  fold_hi[cp - 0x1E00]  for U+1E00..U+1FFF (Latin Extended Additional,
                        Greek Extended)
Each entry is 4 bytes: {n, out0, out1, out2}.  n == 0: a separator;
n == FOLD_MARK: a combining mark or invisible character, part of the word
around it but adding nothing; 1 <= n <= 3: a letter whose folded form is
the n UTF-8 bytes out0..
  fold_cjk[]            sorted {from, to} pairs: CJK compatibility
                        ideographs, Kangxi radicals and halfwidth katakana
                        to the character they are equivalent to.

Folding of a letter: Latin loses its diacritics (NFKD, marks dropped) and
case; Latin letters that do not decompose (ø, ł, đ, æ, ß, þ ...) take
their base letter from their Unicode name (LATIN SMALL LETTER O WITH
STROKE -> o) or from the table SPECIAL below; Greek loses case and
accents, final sigma becomes sigma; Cyrillic only loses case (й and ё
stay distinct letters).  Standard library only; the Unicode version is
that of the Python that ran it, named in the output.
"""
import sys
import unicodedata as ud

FOLD_MARK = 0x80

SPECIAL = {
    "AE": "ae", "OE": "oe", "ETH": "d", "THORN": "th", "SHARP S": "ss",
    "ENG": "n", "IJ": "ij", "DZ": "dz", "LJ": "lj", "NJ": "nj",
    "HV": "hv", "OI": "oi", "OU": "ou", "KRA": "q", "LONG S": "s",
    "DOTLESS I": "i", "DOTLESS J": "j", "TS": "ts", "TC": "tc",
    "DB DIGRAPH": "db", "QP DIGRAPH": "qp", "LS DIGRAPH": "ls",
    "LZ DIGRAPH": "lz", "DEZH DIGRAPH": None, "FENG DIGRAPH": None,
    "TESH DIGRAPH": None, "AA": "aa", "AO": "ao", "AU": "au", "AV": "av",
    "AY": "ay", "OO": "oo", "VY": "vy", "UE": "ue", "WYNN": None,
}
ADJECTIVES = ("TURNED ", "REVERSED ", "SMALL CAPITAL ", "INVERTED ",
    "SCRIPT ", "CLOSED ", "BARRED ", "OPEN ", "SIDEWAYS ", "CAPITAL ")


def strip_marks(s):
    return "".join(c for c in ud.normalize("NFD", s)
                   if ud.category(c) not in ("Mn", "Me"))


def latin_base(ch):
    """The ASCII base of a Latin letter from its name, or None."""
    try:
        name = ud.name(ch)
    except ValueError:
        return None
    for p in ("LATIN SMALL LETTER ", "LATIN CAPITAL LETTER ",
              "LATIN LETTER ", "LATIN SMALL LIGATURE ",
              "LATIN CAPITAL LIGATURE "):
        if name.startswith(p):
            name = name[len(p):]
            break
    else:
        return None
    name = name.split(" WITH ")[0]
    if name in SPECIAL:
        return SPECIAL[name]
    for a in ADJECTIVES:
        if name.startswith(a) and len(name) == len(a) + 1:
            name = name[len(a):]
    if len(name) == 1 and "A" <= name <= "Z":
        return name.lower()
    return SPECIAL.get(name)


def fold(cp):
    """(n, bytes) for code point cp."""
    ch = chr(cp)
    cat = ud.category(ch)
    if cat in ("Mn", "Me") or cp in (0xAD,):
        return FOLD_MARK, b""
    if cat == "Nd":
        return 1, str(ud.digit(ch)).encode()
    if cat not in ("Lu", "Ll", "Lt", "Lo"):
        return 0, b""
    if 0x400 <= cp <= 0x52F:                    # Cyrillic: case only
        out = ch.lower()
        if len(out) != 1:
            out = ch
    elif 0x370 <= cp <= 0x3FF or 0x1F00 <= cp <= 0x1FFF:   # Greek
        out = strip_marks(ch.lower())
        out = out.replace("\u03c2", "\u03c3")   # final sigma
        if ch == "\u00b5":
            out = "\u03bc"
    else:                                        # Latin, IPA
        if ch == "\u00b5":                      # micro sign: Greek mu
            out = "\u03bc"
        else:
            out = strip_marks(ud.normalize("NFKD", ch).lower())
            out = "".join(c for c in out
                          if ud.category(c) in ("Lu", "Ll", "Lo"))
            if not out.isascii() or not out:
                base = latin_base(ch)
                if base:
                    out = base
                elif not out:
                    out = ch.lower() if len(ch.lower()) == 1 else ch
    b = out.encode()
    if not 1 <= len(b) <= 3:
        sys.exit("U+%04X folds to %r: too long" % (cp, out))
    return len(b), b


def entry(cp):
    n, b = fold(cp)
    if n == 0:
        return "{0}"
    if n == FOLD_MARK:
        return "{FOLD_MARK}"
    cells = [str(n)]
    for x in b:
        cells.append("'%c'" % x if 0x61 <= x <= 0x7a or 0x30 <= x <= 0x39
                     else "0x%02x" % x)
    return "{%s}" % ",".join(cells)


def table(name, lo, hi, comment):
    print("/* %s: U+%04X..U+%04X */" % (comment, lo, hi))
    print("static const unsigned char %s[0x%X][4] = {" % (name, hi - lo + 1))
    for start in range(lo, hi + 1, 8):
        cells = ",".join(entry(cp) for cp in range(start, start + 8))
        print("\t/* %04X */ %s," % (start, cells))
    print("};")
    print()


def cjk_pairs():
    pairs = []
    ranges = [(0x2E80, 0x2FDF, "NFKC"), (0xF900, 0xFAFF, "NFD"),
              (0xFF66, 0xFF9D, "NFKC"), (0x2F800, 0x2FA1F, "NFD")]
    for lo, hi, form in ranges:
        for cp in range(lo, hi + 1):
            to = ud.normalize(form, chr(cp))
            if len(to) == 1 and ord(to) != cp:
                pairs.append((cp, ord(to)))
    return pairs


def main():
    print("/*")
    print(" * tokenize_fold.h: folding tables of the search tokenizer.")
    print(" * Generated by src/search/tokenize_fold.py from Unicode %s;"
          % ud.unidata_version)
    print(" * do not edit.  Included once, by tokenize.c.")
    print(" */")
    print()
    print("#define FOLD_MARK 0x%02x" % FOLD_MARK)
    print()
    table("fold_lo", 0x80, 0x52F, "Latin, IPA, combining marks, Greek, "
          "Cyrillic")
    table("fold_hi", 0x1E00, 0x1FFF, "Latin Extended Additional, "
          "Greek Extended")
    pairs = cjk_pairs()
    print("/* CJK compatibility ideographs, radicals, halfwidth katakana. */")
    print("static const struct fold_pair {")
    print("\tuint32_t from, to;")
    print("} fold_cjk[%d] = {" % len(pairs))
    for i in range(0, len(pairs), 3):
        print("\t" + " ".join("{0x%05x, 0x%05x}," % p
                              for p in pairs[i:i + 3]))
    print("};")


main()
