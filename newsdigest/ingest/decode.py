"""Bytes to clean text: the one place that knows about encodings.

Editors paste files saved by every browser and editor there is: UTF-8 with or
without a BOM, UTF-16 from Windows tools, legacy 8-bit pages (cp1252, latin-1),
and text that was already decoded wrongly once (mojibake such as "donâ€™t").
Everything downstream works on `str` with `\\n` line ends and ordinary spaces,
so the extractors never have to care where a file came from.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from newsdigest.errors import SourceError

if TYPE_CHECKING:
    import ftfy

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_SPACES = "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"
"""Spaces a browser shows as a space but that break word matching and line rules."""
INVISIBLE = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u200e\u200f\u00ad"
"""Invisible characters with no meaning in an article's text: zero-width spaces, word joiners, invisible
operators, byte-order marks, direction marks and soft hyphens. Zero-width (non-)joiners are kept: some
scripts and emoji need them. The text-dump reader removes the same ones (text reaches it by other ways than
this module too), so the two never disagree on what is invisible."""
_ODD_CHARACTER = re.compile(f"[{_SPACES}{INVISIBLE}]")
"""Either kind, found in one pass over the text: a saved page is a few hundred thousand characters, and two
passes (one per kind) cost twice as much as one that asks which kind each rare hit is."""


@cache
def _fixer() -> ftfy.TextFixerConfig:
    """How ftfy repairs mojibake here. ftfy is imported only for text that may hold some (`_may_be_mojibake`):
    its import is about 0.04 s of processor time, a sixth of what ingesting one new source costs a build."""
    import ftfy

    return ftfy.TextFixerConfig(
        # Curly quotes and full-width characters are the outlet's typography, not damage.
        uncurl_quotes=False,
        fix_character_width=False,
        unescape_html=False,
        explain=False,
    )


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode a source file to text, or raise `SourceError` saying why it is not text.

    `html=True` lets a `<meta charset>` declaration decide when the bytes are not
    valid UTF-8: a page's own declaration beats statistical guessing.
    """
    if not data.strip():
        raise SourceError("the file is empty")
    text = _decode_bytes(data, html=html)
    if _looks_binary(text):
        raise SourceError("the file is not text (binary data)")
    return normalize(text, fix_mojibake=not html)


def normalize(text: str, *, fix_mojibake: bool = True) -> str:
    """Unix line ends, plain spaces, no invisible characters; mojibake repaired.

    Also used on text extracted from HTML (where entities such as `&nbsp;` only
    become characters after parsing).
    """
    if text.isascii():  # known without a scan (Python records it): no mojibake, odd space or composed letter
        return _unix_lines(text)
    if fix_mojibake and _may_be_mojibake(text):
        import ftfy

        text = ftfy.fix_text(text, _fixer())
    text = _ODD_CHARACTER.sub(_plain, _unix_lines(text))
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _unix_lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _plain(match: re.Match[str]) -> str:
    return " " if match.group() in _SPACES else ""


def _decode_bytes(data: bytes, *, html: bool) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                raise SourceError(f"the file starts with a {encoding} byte-order mark but is not {encoding}") from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
    if b"\x00" in data:
        raise SourceError("the file is not text (binary data)")
    encoding = _guess_legacy_encoding(data[:200_000])
    if encoding is None:
        raise SourceError("cannot tell the file's text encoding")
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return data.decode("cp1252", errors="replace")


def _guess_legacy_encoding(sample: bytes) -> str | None:
    """windows-1252 when the bytes read as Western text there, else charset-normalizer's best guess.

    On a short Western text many 8-bit code pages decode without "chaos" and
    the statistics cannot tell them apart ("José Müller" comes back as
    "Josķ M³ller" in a Baltic code page); windows-1252 is by far the most common
    of them in saved pages, so it wins whenever its reading looks like Western
    text (see `_reads_as_western`). ISO 8859-15 differs from it mainly in the
    euro sign, so a currency sign `¤` that reads as `€` there decides for it.
    """
    try:
        western = sample.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return "cp1252"
    if western is not None and "\u00a4" in western and _reads_as_western(sample.decode("iso8859_15")):
        return "iso8859_15"
    from charset_normalizer import from_bytes  # only bytes that are not UTF-8 need it: most sources never do

    for guess in from_bytes(sample):  # best first
        if _ascii_compatible(guess.encoding):
            return guess.encoding
    return None


def _ascii_compatible(encoding: str) -> bool:
    """False for UTF-16/32 (told apart earlier, by their NULs) and EBCDIC: on a few bytes they are wild guesses."""
    probe = "The 5 quick brown foxes, jumped.\n"
    try:
        return probe.encode("ascii").decode(encoding) == probe
    except (LookupError, UnicodeDecodeError):
        return False


# A symbol inside a word ("M³ller", "Za¿ó"), a capital right after a small letter ("JosŽ"),
# a low quote closing a word ("Caf‚"): the marks of text read in the wrong code page.
_MISREAD = re.compile(
    r"(?<=[^\W\d_])[^\x00-\x7f\w\u2019\u2018\u2013\u2014\u2026\u00b7\u00ad](?=[^\W\d_])"
    r"|(?<=[a-z\u00df-\u00ff])[\u0152\u0160\u0178\u017d\u00c0-\u00de]"
    r"|(?<=[^\W\d_])[\u201a\u201e]"
    r"|\u00a4"
)


def _reads_as_western(text: str) -> bool:
    """True when a decoding looks like a Western European language: mostly ASCII letters, no misreadings.

    Cyrillic or Greek read as windows-1252 gives words made only of accented
    letters; a Central European code page gives symbols inside words.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return not _MISREAD.search(text)
    accented = sum(1 for ch in letters if not ch.isascii())
    return accented / len(letters) < 0.3 and not _MISREAD.search(text)


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII text in UTF-16 has a NUL in every other byte; which half tells the byte order.
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.4 and even < 0.05:
        return "utf-16-le"
    if even > 0.4 and odd < 0.05:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:16384])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    # Pages that say latin-1 almost always mean windows-1252 (browsers treat them so).
    return {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252"}.get(name, name)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return True
    return len(_CONTROL.findall(sample)) / len(sample) > 0.02


_MOJIBAKE_HINT = re.compile(
    "[\u00c2\u00c3\u00e2\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _may_be_mojibake(text: str) -> bool:
    # ftfy is thorough but not free; only call it where a tell-tale pair occurs.
    return _MOJIBAKE_HINT.search(text) is not None
