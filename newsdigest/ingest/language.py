"""The language an article is written in, from its text: py3langid's model, shipped inside that package.

Pages often do not say what language they are in, and a text dump never
does. The language decides how dates are read (whose month "listopad" is,
whether 05/09 is day first) and is written to each post's `lang`. A short or
mixed text gives `None` rather than a guess.
"""

from __future__ import annotations

from functools import lru_cache

MIN_LETTERS = 40
"""Below this, a handful of words says too little about a language."""


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> str | None:
    """The ISO 639-1 code of `text`'s language, or `None` when the text is too short or too mixed to tell."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < MIN_LETTERS:
        return None
    lang, confidence = _identifier().classify(sample)
    return str(lang) if confidence >= 0.5 else None


def language_of(text: str) -> str | None:
    """The language of `text`: by its function words where they tell, else by the identifier (slower to load)."""
    from newsdigest.ingest.text_lines import detect_language

    lang, _ = detect_language(text)
    return lang or identify_language(text)
