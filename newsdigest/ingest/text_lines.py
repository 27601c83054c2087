"""Lines of a text dump and what each one looks like, before any decision is made.

A browser's "select all, copy" flattens a page into lines: one per paragraph,
menu entry, button or caption. Everything the cleaner decides rests on how a
single line looks (is it a sentence? is it boilerplate vocabulary? is it a
bullet? does it repeat elsewhere on the page?), so those observations are made
once, here, and shared by the region finder, the metadata reader and the
Markdown writer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

__all__ = ["Line", "read_lines", "detect_language", "content_words", "STOP_WORDS"]

# Small function-word lists per language. They serve two purposes: telling
# running prose (dense in function words) from labels and menus (nearly none),
# and guessing the language of the page.
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """a an the and or but if of to in on at by for with from as into about over after before
        between through during under against is are was were be been being am has have had do does did
        will would shall should can could may might must not no nor so than that this these those there
        their they them he him his she her it its we our us you your i me my who whom which what when
        where why how all any both each few more most other some such only own same too very also just
        then out up down off again further once here said says while because until""".split()
    ),
    "pt": frozenset("o a os as um uma de do da dos das em no na nos nas por para com que e é não se ao à mais como mas foi são seu sua ele ela isso".split()),
    "es": frozenset("el la los las un una de del en y que por para con no se es al lo como más pero su sus fue son le ha este esta".split()),
    "fr": frozenset("le la les un une des de du en et que qui pour dans par sur pas ne se est au aux il elle ce cette sont avec plus mais ou".split()),
    "de": frozenset("der die das ein eine und in den von zu mit ist im dem nicht sich des auf für auch es als an sie er wir bei aus oder wird sind".split()),
    "id": frozenset("yang dan di ke dari ini itu dengan untuk pada adalah tidak dalam akan juga atau karena oleh kepada mereka kita kami ada bisa".split()),
    "it": frozenset("il lo la gli le un una di del della in e che per con non si è al da come più ma sono anche nel".split()),
}
_ALL_STOP = frozenset().union(*STOP_WORDS.values())

_WORD = re.compile(r"[^\W\d_](?:[^\W_]|['’\-][^\W\d_])*", re.UNICODE)
FENCE = re.compile(r"^\s*(?:```|“`|‘`|``|~~~)\s*[\w+-]*\s*$")
# Scripts written without spaces: every two characters count as a word, so
# that a Japanese or Chinese paragraph weighs what its English translation would.
CJK_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{1,2}")
_BULLET = re.compile(r"^(?:[•·▪◦●○‣∙*\-–]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"""[.!?…。！？](?:\s?["'”’»)\]])*$|[.!?]["'”’]?\s*\(?[^()]{0,40}\)$""")
# Words of a page's furniture rather than its article: consent notices,
# account prompts, sharing, subscriptions, legal lines. Generic web vocabulary,
# never the wording of one site.
_BOILERPLATE = re.compile(
    r"""\b(?:cookies?|consent|privacy\s+(?:policy|settings|notice)|terms\s+(?:of|and)\s+(?:use|service|conditions|sale)
    |all\s+rights\s+reserved|copyright|subscri(?:be|ber|ption)s?|newsletters?|sign\s*(?:in|up)|log\s*(?:in|out)|logged\s+in
    |register|password|username|inbox|(?:e-?mail|your)\s+address|required\s+fields|notify\s+me|leave\s+a\s+(?:reply|comment)
    |share\s+(?:this|on|via|article|story)|follow\s+(?:us|me|her|him)|like\s+us|advertis(?:ement|ing|e\s+with)|sponsored
    |read\s+(?:more|next|also)|recommended|trending|most\s+(?:read|popular|viewed)|you\s+(?:might|may)\s+(?:also\s+)?like
    |related\s+(?:articles?|stories|posts|content|coverage)|more\s+(?:from|stories|articles|news)|skip\s+to|back\s+to\s+top
    |download\s+(?:the|our)\s+app|click\s+here|affiliate|javascript|browser|unsubscribe|spam|comments?\s+(?:are|policy)
    |community\s+guidelines|share\s+it\s+with|donat(?:e|ion)s?|support\s+(?:us|our|independent)|become\s+a\s+(?:member|supporter|patron)
    |get\s+access\s+to|delivered\s+(?:to|straight|right|weekday|daily|every)|straight\s+to\s+your|(?:daily|weekly)\s+(?:e-?mail|digest|briefing)
    |rss|news\s+tips?|tip\s*line|reprints?|permissions)\b""",
    re.I | re.X,
)
# The same furniture in the other languages the cleaner knows the function words of (German, French,
# Spanish, Italian, Portuguese, Indonesian): account and subscription prompts, sharing, consent and legal
# pages, "read more" links, comment forms, donation appeals. Generic web vocabulary of each language,
# never the wording of one site; the line model weighs it (`furniture_words`), the rules do not.
_FOREIGN_FURNITURE = re.compile(
    r"""\b(?:datenschutz\w*|impressum|nutzungsbedingungen|alle\s+rechte\s+vorbehalten|abonnier\w*|abonnement\w*
    |anmeld\w*|einlogg\w*|registrier\w*|passwort|e-mail-adresse|pflichtfeld\w*|benachrichtig\w*|weiterlesen
    |(?:mehr|weitere)\s+(?:zum\s+thema|beiträge|artikel|nachrichten)|ähnliche\s+(?:beiträge|artikel)|teilen\s+sie|teile\s+diese\w*
    |diese\w*\s+(?:beitrag|artikel)\s+teilen|kommentar\s+(?:schreiben|verfassen|abgeben)|\d+\s+kommentare|jetzt\s+(?:kostenlos\s+)?(?:lesen|testen|bestellen|spenden)
    |unterstützen\s+sie|spende\w*|werbung|anzeige\s*$|zur\s+startseite|nach\s+oben
    |politique\s+de\s+confidentialit\w*|mentions\s+légales|abonne[zr]\w*|connexion|connecte[zr]|inscri(?:vez|ption|re)\w*|mot\s+de\s+passe
    |partage[zr]?\b|commentaires?\b|publicité|lire\s+(?:aussi|la\s+suite|plus)|en\s+savoir\s+plus|tous\s+droits\s+réservés
    |champs\s+obligatoires|faire\s+un\s+don|articles?\s+gratuits?
    |política\s+de\s+privacidad|aviso\s+legal|suscr[ií]b\w*|suscripci[oó]n|iniciar\s+sesi[oó]n|reg[ií]strate|contraseña
    |compart(?:ir|e)\b|comentarios?\b|publicidad|leer\s+más|lee\s+también|te\s+puede\s+interesar|noticias\s+relacionadas
    |más\s+(?:noticias|sobre)|todos\s+los\s+derechos\s+reservados|correo\s+electr[oó]nico|campos\s+obligatorios|etiquetas
    |informativa\s+(?:sulla\s+)?privacy|iscriviti|abbonat\w*|accedi|registrati|condividi|commenti\b|commenta\b|pubblicità
    |leggi\s+(?:anche|tutto)|potrebbe\s+interessarti|articoli\s+correlati|tutti\s+i\s+diritti\s+riservati
    |política\s+de\s+privacidade|assine\b|assinatura|inscreva-se|cadastr\w*|senha|compartilh\w*|comentários?\b|publicidade
    |leia\s+(?:mais|também)|veja\s+também|notícias\s+relacionadas|todos\s+os\s+direitos\s+reservados
    |berlangganan|bagikan|komentar|iklan|baca\s+juga|hak\s+cipta)""",
    re.I | re.X,
)
# Case-blind patterns cost several times more than the same pattern over the line in lower case: the
# furniture is looked for in lower case, except in a line with one of the three characters a case-blind
# pattern matches otherwise than its lower case does (a dotted capital I lowers to two characters; a
# dotless i and a long s match "i" and "s"). Checked over every code point: the counts are the same.
_FOLDS_APART = re.compile("[\u0130\u0131\u017f]")
_BOILERPLATE_LOWER = re.compile(_BOILERPLATE.pattern, re.X)
_FOREIGN_FURNITURE_LOWER = re.compile(_FOREIGN_FURNITURE.pattern, re.X)


def _count(blind: re.Pattern[str], lower: re.Pattern[str], text: str, folded: str) -> int:
    """How many times case-blind `blind` matches `text`, read as `lower` over `folded`, `text` in lower case."""
    return len(blind.findall(text) if _FOLDS_APART.search(text) else lower.findall(folded))


_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|\ball\s+rights\s+reserved\b", re.I)
# Image credits and captions, told by the shapes every credit line has and never by whose names they hold:
# a bracketed credit naming a picture or a file ("(Image: …)", "(File photo)") or a source ("(… via Name)"),
# a caption's closing bracketed initials ("… on Monday. (ABC)"), a bracketed or line-ending
# "Name/Agency" pair ("(Jane Roe/Some Wire)", "… © Jane Roe / Some Wire": two short runs of capitalised
# words after a line's start, a full stop, a colon or a copyright sign), a line opening with a credit label,
# a media-caption opener, "credit:", "Photo: Name" or "Photograph: Name", a short line of capitalised words
# ending in "Images", or a line that is only a slash-separated pair of names.
_CREDIT_AT_START = r"""^(?:credit|photo(?:graph)?|image|picture|source|illustration|video)s?\b\s*(?:[:.…]|by\b)
    |^(?:media|image|photo|video)\s*caption
    |^(?-i:[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2}\s+Images)\s*(?:/|$)"""
_CREDIT = re.compile(
    _CREDIT_AT_START
    + r"""
    |\((?:[^()]*\b(?:image|photo|foto|picture|credits?|file)\b[^()]*|[^()]{1,60}/[^()]+|[^()]*\bv[ií]a\s[^()]+)\)\s*$
    |(?-i:[a-z]{2}\.\s*\([A-Z]{2,4}\))\s*$
    |(?:^|[.:©]\s*)(?-i:(?:[A-Z][\w'-]*\s+){0,2}[A-Z][\w'-]*\s*/\s*(?:[A-Z][a-z]+|[A-Z]{2,5})(?:\s+(?:[A-Z][a-z]+|[A-Z]{2,5})){0,2})\s*$
    |credit:\s*\S|\b(?:photo(?:graph)?|image|picture)s?:\s*[A-Z][^.!?]{0,40}$
    |^[A-Z][^!?/|]{1,40}(?:\s?[/|]\s?[A-Z][^!?/|]{1,40}){1,3}$""",
    re.I | re.X,
)
# Every shape but the three at a line's start holds a bracket, a slash, a bar or a colon: a line with none of
# them (most prose) is a credit only by its opening, which an anchored match tells without scanning the line.
_CREDIT_START = re.compile(_CREDIT_AT_START, re.I | re.X)


def _credit(text: str) -> bool:
    """Whether `text` matches `_CREDIT` anywhere."""
    if "(" in text or "/" in text or "|" in text or ":" in text:
        return bool(_CREDIT.search(text))
    return bool(_CREDIT_START.match(text))


@dataclass
class Line:
    """One non-blank line of the dump and the plain facts about it."""

    number: int
    """1-based line number in the source, for `--explain`."""
    raw: str
    text: str
    """Stripped, spaces collapsed, bullet marker removed."""
    bullet: bool
    blank_before: bool
    blank_after: bool
    words: list[str] = field(default_factory=list)
    stop_ratio: float = 0.0
    sentence: bool = False
    boilerplate: int = 0
    """How many furniture phrases the line holds."""
    foreign_furniture: int = 0
    """How many furniture phrases of a language other than English it holds (not looked for on English pages)."""
    copyright: bool = False
    credit: bool = False
    fence: bool = False
    """A code-fence marker (```html) that a chatbot wrapped around what it pasted."""
    repeats: int = 1
    """How many lines of the page carry the same text (menus repeat; articles do not)."""
    key: str = ""
    """The text folded for comparison (see `normalise`)."""
    n_words: int = field(init=False, default=0)
    """How many words it holds. This and the two below are worked out from the facts above by `_observe`
    (every reader asks them of every line many times), never given by whoever makes the line."""
    boilerplate_heavy: bool = field(init=False, default=False)
    """Furniture vocabulary in a line short enough for that vocabulary to be its point (set by `_observe`)."""
    prose: bool = field(init=False, default=False)
    """Looks like running text: long enough, shaped like a sentence, made of ordinary words (set by `_observe`)."""

    @cached_property
    def stems(self) -> frozenset[str]:
        """Its longer words folded to a short stem: enough to see two lines speak of the same thing (the line
        model compares neighbours and the article's vocabulary by them, twice a line)."""
        return frozenset({w.lower()[:6] for w in self.words if len(w) > 3})

    @property
    def furniture(self) -> bool:
        """Part of a page rather than of any text: prompts, repeated menu entries, credits, fences."""
        return self.boilerplate_heavy or (self.repeats > 1 and not self.prose) or self.credit or self.fence


_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """A line's identity for repetition: case, spacing and punctuation folded."""
    return " ".join(_TOKEN.findall(text.lower()))


def read_lines(text: str, stop_words: frozenset[str] | None = None) -> list[Line]:
    """The non-blank lines of `text` with their features filled in."""
    raw_lines = text.split("\n")
    stop = stop_words if stop_words is not None else _ALL_STOP
    lines: list[Line] = []
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        bullet_match = _BULLET.match(stripped)
        body = stripped[bullet_match.end():] if bullet_match else stripped
        body = _SPACES.sub(" ", body)
        line = Line(
            number=index + 1,
            raw=raw,
            text=body,
            bullet=bool(bullet_match) and bool(body),
            blank_before=index == 0 or not raw_lines[index - 1].strip(),
            blank_after=index + 1 >= len(raw_lines) or not raw_lines[index + 1].strip(),
        )
        _observe(line, stop)
        lines.append(line)
    for line in lines:
        line.key = normalise(line.text)
    counts = Counter(line.key for line in lines)
    for line in lines:
        line.repeats = counts[line.key] if line.key else 1
    return lines


def _observe(line: Line, stop: frozenset[str]) -> None:
    words = _WORD.findall(line.text)
    cjk = CJK_WORD.findall(line.text)
    if cjk:
        words = [w for w in words if not CJK_WORD.match(w)] + cjk
        stop = frozenset()
    line.words = words
    if words and stop:
        line.stop_ratio = sum(w.lower() in stop for w in words) / len(words)
    elif words:
        line.stop_ratio = 0.5  # a language without a list: do not judge by function words
    line.sentence = bool(_SENTENCE_END.search(line.text))
    if line.sentence and len(words) < 25 and line.text.endswith(("...", "…")):
        line.sentence = False  # a teaser cut off mid-sentence ("Two people in China have been…")
    # Only lines short enough for furniture to be their point are counted.
    if len(words) <= 60:
        folded = line.text.lower()
        line.boilerplate = _count(_BOILERPLATE, _BOILERPLATE_LOWER, line.text, folded)
        if stop is not STOP_WORDS["en"]:
            line.foreign_furniture = _count(_FOREIGN_FURNITURE, _FOREIGN_FURNITURE_LOWER, line.text, folded)
    line.copyright = len(words) <= 40 and bool(_COPYRIGHT.search(line.text))  # a long paragraph is not scanned
    line.credit = _credit(line.text)
    line.fence = bool(FENCE.match(line.raw))
    # Every reader asks these of every line many times: they are worked out once, from the facts above.
    n = line.n_words = len(words)
    line.boilerplate_heavy = line.copyright or (line.boilerplate > 0 and n <= 15) or (line.boilerplate >= 2 and n <= 60)
    line.prose = n >= 8 and line.sentence and not line.boilerplate_heavy and line.stop_ratio >= 0.12


def detect_language(text: str) -> tuple[str | None, frozenset[str]]:
    """The language whose function words are densest in `text`, and those words.

    Returns `(None, all stop words)` when no list reaches a plausible density,
    so that non-Latin pages are not judged by English function words.
    """
    words = Counter(map(str.lower, _WORD.findall(text[:20000])))
    total = sum(words.values())
    if total < 30:
        return None, _ALL_STOP
    # Each list is tallied over the function words the text has, not the text over every list: a page uses
    # a few dozen of the ~300 listed words, and a Counter's lookup of a missing word costs a Python call.
    present = [w for w in words if w in _ALL_STOP]
    best, best_share = None, 0.0
    for lang, stop in STOP_WORDS.items():
        share = sum(words[w] for w in present if w in stop) / total
        if share > best_share:
            best, best_share = lang, share
    if best is None or best_share < 0.08:
        return None, frozenset()
    return best, STOP_WORDS[best]


def content_words(words: list[str], stop: frozenset[str]) -> set[str]:
    """The words that carry a line's topic, folded to a short stem for matching."""
    return {low[:6] for w in words if len(w) > 3 and (low := w.lower()) not in stop and low not in _ALL_STOP}
