"""The language an article is written in, from its text: py3langid's model, shipped inside that package.

Pages often do not say what language they are in, and a text dump never
does. The language decides how dates are read (whose month "listopad" is,
whether 05/09 is day first) and is written to each post's `lang`. A short or
mixed text gives `None` rather than a guess.

A text written in a script that one language owns (Japanese kana, Korean
hangul, Greek, Hebrew, Thai, Georgian, Armenian; Han characters with no kana;
Cyrillic or Arabic letters with none of the letters only their other languages
use) is told by its letters alone: the identifier's model takes half a second
of processor time to load, and would only confirm what the script says.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

MIN_LETTERS = 40
"""Below this, a handful of words says too little about a language."""


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


SCRIPTS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF))),
    ("han", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))),
    ("hangul", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
    ("cyrillic", ((0x0400, 0x04FF),)),
    ("arabic", ((0x0600, 0x06FF), (0x0750, 0x077F))),
    ("greek", ((0x0370, 0x03FF),)),
    ("hebrew", ((0x0590, 0x05FF),)),
    ("thai", ((0x0E00, 0x0E7F),)),
    ("georgian", ((0x10A0, 0x10FF),)),
    ("armenian", ((0x0530, 0x058F),)),
)
"""Unicode blocks of the scripts a language can be told by: each (name, ranges of code points)."""
_FIRST_POINT = min(low for _, ranges in SCRIPTS for low, _ in ranges)

ONE_LANGUAGE = {"hangul": "ko", "greek": "el", "hebrew": "he", "thai": "th", "georgian": "ka", "armenian": "hy"}
"""Scripts that one language writes almost alone."""

NOT_RUSSIAN = frozenset("іїєґўђћџљњјѓќѕәғқңөұүһ")
"""Cyrillic letters of Ukrainian, Belarusian, Serbian, Macedonian and Kazakh that Russian does not use."""
RUSSIAN = frozenset("ыэ")
"""Cyrillic letters Russian writes on nearly every line and Bulgarian never does."""
NOT_ARABIC = frozenset("\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691\u06ba\u06d2")
"""Letters of Persian (pe, che, zhe, gaf, keheh, farsi yeh) and Urdu (tteh, ddal, rreh, noon ghunna, yeh barree)
that Arabic does not use."""


def _script(c: str) -> str | None:
    point = ord(c)
    if point < _FIRST_POINT:  # Latin, most letters of most samples: below every block, no need to try each
        return None
    for name, ranges in SCRIPTS:
        if any(low <= point <= high for low, high in ranges):
            return name
    return None


def language_by_script(sample: str) -> str | None:
    """The language `sample`'s letters alone tell, or `None` when its script is shared by several languages
    (Latin above all, but also Cyrillic or Arabic without the letters that tell one of them), or when no
    script holds most of its letters."""
    letters = [c for c in sample if c.isalpha()]
    counts = Counter(_script(c) for c in letters)
    cjk = counts["kana"] + counts["han"]
    if cjk >= 0.6 * len(letters):  # Japanese mixes kana into its Han characters; Chinese has none
        return "ja" if counts["kana"] >= 0.05 * cjk else "zh"
    script, count = counts.most_common(1)[0] if counts else (None, 0)
    if script is None or count < 0.6 * len(letters):
        return None
    if script == "cyrillic":
        lower = set(sample.lower())
        return "ru" if lower & RUSSIAN and not lower & NOT_RUSSIAN else None
    if script == "arabic":
        return "ar" if not set(sample) & NOT_ARABIC else None
    return ONE_LANGUAGE.get(script)


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or `None` when the text is too short or too mixed to tell."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    by_script = language_by_script(sample)
    if by_script is not None:
        return by_script
    lang, confidence = _identifier().classify(sample)
    return str(lang) if confidence >= 0.5 else None


def language_of(text: str) -> str | None:
    """The language of `text`: by its function words where they tell, else by the identifier (slower to load)."""
    from newsdigest.ingest.text_lines import detect_language

    lang, _ = detect_language(text)
    return lang or identify_language(text)
