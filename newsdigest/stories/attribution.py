"""Who said a quote: the attribution around it, read by its grammar.

News copy credits a quote in a few fixed shapes: '“…,” Ann Roe said', 'Ann Roe, the
port's director, said: “…”', '“…,” said Ann Roe, the director', 'according to Ann Roe',
'“…,” she said' after a sentence about her, '“…,” the director added' after Ann Roe has
been introduced as the director, 'The Harbour Trust letter says: “…”'. Each shape names the
speaker in a known place: the subject of a verb of saying, the name after it, the person a
pronoun or a role stands for, the document as the sentence names it (with its author, where
it names one). A name met anywhere else in the sentence (a place after
"from", a body after "of", a word inside the quote) is as likely someone spoken about,
and a wrong speaker is worse than none, so an attribution that names nobody we can be
sure of credits nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from newsdigest.stories.sentences import MONTHS, SPEECH_VERBS, WEEKDAYS, credits_quote, split_sentences

__all__ = ["BODIES", "SPEECH", "SPEECH_VERBS", "Around", "Attribution", "Names", "clean_speaker", "is_document",
           "lower_case_words", "names_of", "role_holders", "speaker"]

_NAME = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|der|al|bin|da|di|le|la)(?![\w'’-]))"
_NAME_RUN = rf"{_NAME}(?:\s+{_NAME})*"
_NAME_RUNS = re.compile(rf"(?<![\w'’.-]){_NAME_RUN}")
SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS})\b")
"""A verb of saying anywhere in a text."""
_SPEECH_BEFORE_QUOTE = re.compile(rf"\b(?:{SPEECH_VERBS})\b(?=[^“”\"]*$)")
_AUX_TAIL = re.compile(r"(?:\s+(?:has|had|have|also|then|again|later|previously|recently|once|[a-z]+ly))*\s*$")
_QUOTED_AS = re.compile(rf"quot\w*\s+(?:[\w'’]+\s+){{0,4}}?(?P<name>{_NAME_RUN})\s+as\s+saying")
_ACCORDING = re.compile(rf"according to\s+(?:[a-z]\w*\s+)*(?P<name>{_NAME_RUN})")
_ACCORDING_OPENS = re.compile(rf"^\W*According to\s+(?P<name>{_NAME_RUN}),\s*$")
"""'According to Ann Roe, “…”': a sentence that opens by naming whom it follows, its quote right after the comma.
With words between ('According to the Ledger, the mayor had “…”') the phrase names a source, not the speaker."""
_PUBLICATIONS = frozenset({"magazine", "journal", "herald", "gazette", "tribune", "radio", "television", "tv",
                           "daily", "weekly", "review", "chronicle", "courier", "ledger", "bulletin", "wire"})
"""The last words of the names of newspapers, magazines and broadcasters (with `BODIES`' 'times', 'post', 'news',
'press'): what a sentence says 'according to' them they reported, they did not say."""
_AFTER_VERB_NAME = re.compile(  # '…,” said Roe' / '…,” said the ministry's spokesman, Ivo Petersen'
    rf"^\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?:the\s+|a\s+)?(?:[a-z][\w'’-]*\s+){{0,3}}"
    rf"(?:(?P<role>[a-z]+),\s+)?(?P<name>{_NAME_RUN})")
_PRONOUN_HEAD = re.compile(rf"^\W{{0,3}}\s*(?P<pronoun>he|she)\s+(?:{SPEECH_VERBS})\b", re.I)
_PRONOUN_TAIL = re.compile(rf"(?:^|\W)(?P<pronoun>he|she)\s+(?:{SPEECH_VERBS})\b[^“”\"]*$", re.I)
_PLACE_PREPOSITIONS = "of|from|in|at|on|to|into|near|outside|inside|across|under|over"
"""A name after these ('in Kelbury', 'director of the Harbour Trust') is a place or a body."""
_PREPOSITIONS = _PLACE_PREPOSITIONS + "|for|with|by|about|against|like|than|as"
"""After 'by', 'with' or 'against' a name is as often a person, but not the one speaking."""
_SUBORDINATORS = "after|before|when|while|whereas|as|if|although|though|because|since|until|once"
"""Words that open a clause before a sentence's own subject ('After Ann Roe left, the mayor spoke')."""
_CLAUSE_WORDS = _SUBORDINATORS + "|and|but|or|so|yet|where"
"""Words that open a new clause: a name after them is that clause's, not the quote's credit."""
_PREPOSITION_BEFORE = re.compile(rf"\b(?:{_PREPOSITIONS})\s+(?:(?:the|a|an|his|her|its|their)\s+)?$", re.I)
"""A name after a preposition ("a congressman from Kelbury", "director of the Harbour Trust") is a place or a
body the phrase is about, not the one speaking."""
_PLACE_BEFORE = re.compile(rf"\b(?:{_PLACE_PREPOSITIONS})\s+(?:(?:the|a|an)\s+)?$", re.I)
_OPENING_PREPOSITION = re.compile(rf"(?i:{_PLACE_PREPOSITIONS})$")
"""A capitalised preposition opening a run of names ('In Marlow Cross, …'): the words after it are a place."""
_OPENING_CLAUSE = re.compile(rf"(?i:{_PREPOSITIONS}|{_SUBORDINATORS})$")
"""A capitalised preposition or subordinator opening a run of names ('Until Lammas, …', 'After Ann Roe left, …'):
the words after it are a place or a time, or the subject of a clause that is not the sentence's."""
_IN_RELATIVE_CLAUSE = re.compile(r"\b(?:who|whom|whose|which|that)\b[^,]*$", re.I)
"""'The leader, who met Ann Roe on Monday,': a name in a relative clause is not the subject it describes."""
_RELATIVE_OR_PRONOUN = re.compile(r"^\s*(?:who|whom|whose|which|that|he|she|they|we|i|it|you)\b", re.I)
_SPOKE = re.compile(r"\b(?:said|says|say|saying|speak|spoke|speaking|told|tells|added|wrote|explained|went on)\b")
"""A sentence that tells of someone speaking, with none of the verbs of saying that are also plural nouns
("states", "notes", "claims"): the quote after it may be what was said."""
_CLAUSE_OPENER = re.compile(rf"\W*(?:{_CLAUSE_WORDS})\b")
"""What opens a new clause after a quote ('…,” while Roe said'): the name there is not the quote's credit."""
_COMMON_SUBJECT = re.compile(
    r"\W*(?P<determiner>(?i:the|a|an|one|another|his|her|its|their))\s+(?:[a-z][\w'’-]*\s+){0,4}(?P<noun>[a-z]+)\W*")
"""A subject phrase of common nouns only ('the doctor', 'a local fishmonger', 'her longtime lawyer')."""
_ROLE_SUBJECT = re.compile(r"\W*(?i:the|his|her|their|its)\s+(?:[\w'’-]+\s+){0,3}?(?P<role>[a-z]+)\b(?=,|\s+[a-z])")
"""A sentence whose subject is someone named by a role ('The Kelbury leader, who…', 'Her lawyer said')."""
WINDOW = 200
"""Characters of a subject phrase read before its verb of saying ('Ann Roe, 41, who runs the port's cargo office,
said'): an apposition longer than this is rare, and reading no further keeps a very long sentence cheap."""
_CLAUSE_BREAK = re.compile(rf"[;:]|,\s*(?:{_CLAUSE_WORDS})\b|\b(?:{SPEECH_VERBS})\b")
"""Where a new clause opens ('“…,” said Ann Roe, while the mayor said'): the verb's subject is in the last one."""
_LONGER_NAME_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+(?:and|&)\s+$")
"""'Kelbury Roads and Bridges Committee': a run of capitals after 'and' ends a longer name, it is not one."""
_PRONOUN_OPENING = re.compile(r"\W*(?:he|she)\b", re.I)
_PRONOUN_END = re.compile(r"\b(?:he|she|they|we|i|it|who|which|that)\W*$", re.I)
_QUOTED_PASSAGE = re.compile(r"“[^“”\"]*(?:[”\"]|$)|\"[^\"”]*[\"”]")
"""A quoted passage: a curly one may run to the end (it goes on past the sentence); a straight mark left alone is
as often a closing one ('Job done, " Roe said.'), which hides nothing."""

_ROLES = {
    "spokesperson", "spokesman", "spokeswoman", "chief", "leader", "director", "manager", "controller", "coach",
    "doctor", "inspector", "justice", "pastor", "reverend", "father", "officer", "official", "commissioner",
    "detective", "constable", "superintendent", "chairman", "chairwoman", "chair", "executive", "president",
    "minister", "secretary", "chancellor", "governor", "mayor", "senator", "judge", "lawyer", "attorney", "aide",
    "adviser", "advisor", "sheriff", "envoy", "ambassador", "trainer", "captain", "prosecutor", "professor",
    "analyst", "researcher", "founder", "owner", "teacher", "principal", "agent", "commander", "witness", "nurse",
    "surgeon", "economist", "strategist", "investigator", "administrator", "representative", "speaker",
}
"""Common nouns for what someone is: stripped from a credit ('General Manager A. J. Roe' is Roe), and the
words by which a text refers back to someone it has introduced ('“…,” the doctor added')."""

_TITLES = _ROLES | {
    "prime", "sir", "dame", "general", "secretary-general", "mr", "mrs", "ms", "dr", "king", "queen", "prince",
    "princess", "pope", "majority", "minority", "councilman", "councilwoman", "councillor", "counsel",
    "co-founder", "cofounder", "the", "a", "an", "uk", "us", "u.s.", "eu", "french", "german", "russian", "ukrainian",
    "american", "british", "chinese", "defence", "defense", "foreign", "interior", "italian", "spanish", "japanese",
    "indian", "israeli", "iranian", "turkish", "polish", "dutch", "canadian", "australian", "european", "western",
    "irish", "scottish", "welsh", "korean", "north", "south", "state", "deputy", "vice", "former", "special",
    "ceo", "general-secretary", "senior", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "rev", "insp",
    "det", "supt", "congressman", "congresswoman", "democrat", "republican", "democratic", "house", "senate",
    "white", "campaign", "democrats", "republicans", "conservative", "conservatives", "liberal", "liberals",
}
_LINKING = frozenset({
    "the", "a", "an", "statement", "letter", "then", "but", "and", "however", "meanwhile", "when", "while", "as",
    "in", "on", "at", "after", *WEEKDAYS, *MONTHS, "he", "she", "they", "it", "we", "i", "you", "this", "that",
    "these", "those", "his", "her", "their", "both", "all", "some", "many", "most", "several", "few", "other", "others",
})
"""Words that join a credit to what is around it ('Both Ana Vass and …', 'Then Roe said'): never part of a name."""
_TITLES |= _LINKING
"""Words that open a credit without being the name: titles, roles, nationalities, party members, linking words,
dates."""
_HONORIFICS = frozenset({"king", "queen", "prince", "princess", "pope", "general", "sir", "dame"})
"""Titles that are also surnames: one that ends a run of names is the surname."""

BODIES = frozenset({
    "party", "committee", "church", "chapel", "department", "ministry", "agency", "council", "court", "university",
    "college", "school", "company", "corporation", "service", "office", "association", "foundation", "union",
    "commission", "police", "army", "senate", "house", "congress", "parliament", "government", "administration",
    "campaign", "board", "institute", "center", "centre", "survey", "bank", "group", "network", "league", "club",
    "team", "fund", "trust", "society", "authority", "bureau", "watch", "times", "post", "news", "press",
})
"""The last words of the names of bodies, not people ('the Harbour Party', 'Kelbury Bible Church')."""

DOCUMENTS = frozenset({
    "statement", "letter", "ad", "advertisement", "report", "memo", "indictment", "complaint", "lawsuit", "filing",
    "ruling", "release", "tweet", "email", "e-mail", "note", "document", "message", "petition", "order", "notice",
    "affidavit", "transcript", "post", "video", "commercial", "announcement", "decision", "judgment", "opinion",
})
"""What a quote may come from when no one is named ('The letter says: “…”'): the credit is then the document."""
_DOCUMENT_SUBJECT = re.compile(
    rf"^\W*(?P<article>(?i:the|a|an|his|her|its|their|this|that))\s+(?P<words>(?:[\w’'.-]+\s+){{0,4}}?)"
    rf"(?P<noun>{'|'.join(sorted(DOCUMENTS))})\b")


NAME_WORDS = 2
"""A credit keeps a name's last two words ('Maren Roe', 'Anna von der Berg', 'Ed J. Roe': particles and
initials not counted): a third word before them is as often a body's ('Kelbury Harbour Ann Roe') as a middle
name, and the surname is what tells who spoke. The story page shows the fuller name where the story uses one
(`quotes._full_names`)."""
BODY_WORDS = 4
"""A body's name keeps up to this many words ('Kelbury Harbour Users Trust'): its first words are not a first name
to drop, and cut short it names no body ('Users Trust')."""
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]?")
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "al", "bin", "da", "di", "du", "del", "le", "la"})


@dataclass(frozen=True)
class Attribution:
    name: str
    direct: bool
    """Named in the quote's own sentence ("…," Ann Roe said), not inferred from a pronoun, a role or a neighbour."""


@dataclass(frozen=True)
class Names:
    """What a post's own text tells about its capitalised words."""

    proper: frozenset[str]
    """Capitalised words the text uses in mid-sentence: names, not sentence (or quotation) openers."""
    common: frozenset[str]
    """Words the text also writes in lower case: a capitalised one is a common noun in a body's name ("the
    Harbour Party" beside "the party"), not a person's surname."""
    male: frozenset[str] = frozenset()
    """Surnames the text gives 'Mr.' ('Mr. Roe'): 'she' does not stand for them."""
    female: frozenset[str] = frozenset()
    """Surnames the text gives 'Ms.', 'Mrs.' or 'Miss': 'he' does not stand for them."""


_MID_SENTENCE_CAPITAL = re.compile(
    r"(?:(?<=[\w,;)]\s)|(?<=\b[A-Z]\.\s)|(?<=Mr\.\s)|(?<=Ms\.\s)|(?<=Dr\.\s)|(?<=Mrs\.\s))([A-Z][\w'’-]*)")


_TITLED = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w'’-]+\s+)?(?P<surname>[A-Z][\w'’-]+)")


def lower_case_words(text: str) -> set[str]:
    """The words a text writes in lower case: common words, not names ("the harbour" beside "Harbour Party")."""
    return {w.casefold() for w in _LOWER_CASE_WORD.findall(text)}


_LOWER_CASE_WORD = re.compile(r"(?<![\w'’-])[a-z][\w'’-]*")


def names_of(paragraphs: Sequence[str]) -> Names:
    """The `Names` of a post's paragraphs."""
    proper: set[str] = set()
    common: set[str] = set()
    titled: dict[str, set[str]] = {"Mr": set(), "Ms": set()}
    for paragraph in paragraphs:
        common.update(lower_case_words(paragraph))
        for m in _TITLED.finditer(paragraph):
            titled["Mr" if m.group("title") == "Mr" else "Ms"].add(m.group("surname"))
        for sentence in split_sentences(paragraph):
            for m in _MID_SENTENCE_CAPITAL.finditer(sentence):
                if m.start() > 0:
                    proper.add(m.group(1))
    return Names(frozenset(proper), frozenset(common), frozenset(titled["Mr"] - titled["Ms"]),
                 frozenset(titled["Ms"] - titled["Mr"]))


def clean_speaker(raw: str | None, most: int = NAME_WORDS) -> str | None:
    """The name in a credit: its last run of capitalised words that are not titles or roles, at most `most`
    long (initials and particles not counted). 'Kelbury Harbour Minister Sir Tobin Marr' → 'Tobin Marr';
    'Harbour general manager A.J. Roe' → 'A.J. Roe'; 'Ida Maren Roe' → 'Maren Roe' (the story's fuller name
    is restored where it uses one, see `quotes._full_names`); 'The Harbour Trust' → 'Harbour Trust'; 'The White
    House' → None (titles only).
    An honorific after a name is the name's ('Ada Lind Prince'), one before it is a title."""
    if not raw:
        return None
    words = [w.strip(",;:") for w in raw.split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    words = [w if _INITIALS.fullmatch(w) else w.strip(".") for w in words]
    run: list[str] = []
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        if run and run[-1].casefold() in BODIES and word[:1].isupper() and word.lower() not in _LINKING:
            run.insert(0, word)  # "Justice Department", "Foreign Office": a body's name keeps its title words
            continue
        if not run and word.lower() in _HONORIFICS and k and words[k - 1][:1].isupper() \
                and words[k - 1].lower() not in _TITLES:
            run.insert(0, word)  # "Ada Lind Prince": a surname that is also a title
            continue
        if not word or word.lower() in _TITLES or re.match(r"I['’]", word):
            if run:
                break
            continue
        if word[0].isupper() and (re.search(r"[a-z]", word) or _INITIALS.fullmatch(word)):
            run.insert(0, word)
        elif word in _PARTICLES and run:
            run.insert(0, word)
        elif run:
            break
    while run and (run[0] in _PARTICLES or (_INITIALS.fullmatch(run[0]) and len(run) == 1)):
        run.pop(0)
    if run and run[-1].casefold() in BODIES:
        most = max(most, BODY_WORDS)  # "New York Harbour Trust": a body's name is cut no shorter
    while sum(word not in _PARTICLES and not _INITIALS.fullmatch(word) for word in run) > most:
        run.pop(0)
    return " ".join(run) if run and run[-1][0].isupper() and re.search(r"[a-z]", run[-1]) else None


def _is_person(name: str | None, names: Names) -> bool:
    """Can a pronoun ('he said') or a role ('the director said') stand for this name? Not when its last word is
    a common noun the text also writes in lower case, or a word that names bodies: "Harbour Party", "Kelbury
    Bible Church" are not people."""
    if not name:
        return False
    last = name.split()[-1].casefold()
    return last not in names.common and last not in BODIES


def _masked(text: str) -> str:
    """A sentence with its quoted words blanked: a name inside a quote is not the sentence's subject."""
    return _QUOTED_PASSAGE.sub("“”", text)


def _subject_name(phrase: str) -> str | None:
    """The name a verb of saying's subject phrase gives: its first name that is neither after a preposition
    ('of the Harbour Trust') nor a possessor ("Roe's lawyer"), and is the phrase's head, alone or followed by
    appositions ('Ann Roe, 41, the port's director,') or a prepositional phrase ('Ann Roe of the Trust').
    'Dahl thanked Brekke, who he' is no subject phrase: its names are followed by a verb or a relative clause.

    Only the phrase's last clause is read ('“…,” said Ann Roe, while the mayor, Bo Lind,': Bo Lind), and only
    its last `WINDOW` characters: a subject with its appositions is never longer.
    """
    phrase = _masked(phrase[-WINDOW:])
    breaks = list(_CLAUSE_BREAK.finditer(phrase))
    if breaks:
        phrase = phrase[breaks[-1].end():]
    if _PRONOUN_END.search(phrase):
        return None  # "Bo Lind thanked the crews, and she": the pronoun is the subject
    for m in _NAME_RUNS.finditer(phrase):
        name, rest = m.group(0), phrase[m.end():]
        before = phrase[:m.start()]
        if _OPENING_PREPOSITION.match(name.split()[0]):
            continue  # "In Marlow Cross, …, a local official told reporters": a place, not a subject
        if name.endswith(("'s", "’s")) or re.match(r"['’]s\b", rest) or _PREPOSITION_BEFORE.search(before) \
                or _IN_RELATIVE_CLAUSE.search(before) or _LONGER_NAME_BEFORE.search(before):
            continue
        cleaned = clean_speaker(name)
        if not cleaned:
            continue
        tail = rest.strip()
        if re.fullmatch(r"[,:]?|\([^()]{1,15}\),?", tail):
            return cleaned
        if tail.startswith(","):
            last = tail.rstrip(",").split(",")[-1] if not tail.endswith(",") else ""
            if not last.strip() or (not _RELATIVE_OR_PRONOUN.match(last) and re.match(r"\s*[a-z\d]", last)):
                return cleaned
            continue
        if re.match(r"(?:of|from|at|with)\s", tail) and "," not in tail:
            if tail.startswith("of") and name.split()[-1].casefold() in BODIES:
                continue  # "Kelbury Department of Roads": the body's name goes on
            return cleaned
    return None


_CLAUSE_AFTER_DOCUMENT = re.compile(r"\b(?:is|are|was|were|has|have|had|which|who|that|whose)\b")
"""A verb or a relative word after a document's name: the phrase goes on to a clause of its own, whose subject,
not the document, is the one speaking."""


def is_document(credit: str | None) -> bool:
    """Whether a credit is a document ('the letter', 'a letter from Ann Roe'), not a person or body: `_document`
    writes it opening on a lower-case article, which no name a speaker is given opens with."""
    return credit is not None and credit.startswith(("the ", "a ", "an "))


def _document(phrase: str) -> str | None:
    """The document a subject phrase names, as the sentence names it: 'The Harbour Trust letter' → 'the Harbour
    Trust letter', 'A letter from Ann Roe' → 'a letter from Ann Roe', 'the statement'. A reader is told truly whose
    words they are: the document's, and its author's where the sentence names one. None for a phrase naming no
    document, or one only spoken about ('the Roe ad was denounced by a group, which said')."""
    masked = _masked(phrase)
    m = _DOCUMENT_SUBJECT.match(masked)
    if not m or re.search(r"\b(?:in|on|at|by|with|for|to|from|of|after|before)\s", m.group("words")):
        return None  # "the club in a letter": the document is where it spoke, not who
    rest = masked[m.end():]
    if _CLAUSE_AFTER_DOCUMENT.search(rest):
        return None  # "The Roe ad was denounced by a group, which said": the document is not who says it
    article = m.group("article").lower()
    article = article if article in ("a", "an") else "the"  # 'his letter' is the letter the text spoke of
    author = re.match(r"\s+(?:from|by|of)\s+[^,;:]+", rest)
    # The author's words end where a time or a place of the saying begins ('a statement from the board on Monday').
    by = re.split(rf"\s+(?=(?:{_PREPOSITIONS}|{_WHEN})\b)", author.group().strip())[0] if author else ""
    return re.sub(r"\s+", " ", f"{article} {m.group('words')}{m.group('noun')}" + (f" {by}" if by else ""))


_WHEN = "|".join(("yesterday", "today", "tonight", "last", "this", "earlier", "later",
                   *(day.capitalize() for day in WEEKDAYS)))
"""Words that open the time of a saying, after a document's author ('a letter from Ann Roe last week')."""


_RANKS = frozenset({"vice", "deputy", "assistant", "associate", "former", "ex"})
"""Words that make a role another one: 'the deputy mayor' is not 'the mayor'."""
_ROLE_WORDS = "|".join(sorted(_ROLES))
_ROLE_AFTER_NAME = re.compile(rf"(?<![\w'’.-])(?P<name>{_NAME_RUN}),\s+(?:\d{{1,3}},\s+)?"
                              rf"(?:the|a|an|his|her|its|their)\s+(?P<words>(?:[\w’'-]+\s+){{0,3}}[\w’'-]+)")
_ROLE_BEFORE_NAME = re.compile(rf"(?<![\w'’-])(?P<role>(?i:{_ROLE_WORDS}))\s+(?P<name>{_NAME_RUN})")
_NAME_AFTER = re.compile(rf"\b(?:{_PREPOSITIONS}|{_SUBORDINATORS})\s+(?:(?:the|a|an|his|her|its|their)\s+)?$", re.I)
"""A name after these ('before Lammas, the director', 'a spokesman for Mayor Roe') introduces no one in a role."""


def _role_introductions(paragraph: str, names: Names) -> list[tuple[int, str, str]]:
    """The people a paragraph introduces by a role ('Ema Roe, a doctor at the clinic', 'doctor Ema Roe'), as
    (where the introduction ends, the role, the name), in order: read once per paragraph, so that '“…,” the doctor
    added' finds whom it stands for without reading the whole text before every quote. A title-case line (a
    headline: 'Chair Appoints Trustee-Elect') introduces no one, and neither does 'the deputy mayor, Ana Roe' the mayor,
    nor a name after a preposition or a subordinator ('before Lammas, the director')."""
    found: list[tuple[int, str, str]] = []
    masked = _QUOTED_PASSAGE.sub(lambda m: "“" + "~" * (len(m.group(0)) - 1), paragraph)
    for line in re.finditer(r"[^\n]+", masked):
        text, at = line.group(0), line.start()
        if _title_case(text):
            continue
        for m in _ROLE_AFTER_NAME.finditer(text):
            if _introduces(m.group("name"), text[:m.start()], names):
                found.extend((at + m.end(), role, m.group("name")) for role in _roles_in(m.group("words").split()))
        for m in _ROLE_BEFORE_NAME.finditer(text):
            rank = "".join(text[:m.start()].split()[-1:]).lower()
            if rank not in _RANKS and _introduces(m.group("name"), text[:m.start()], names):
                found.append((at + m.end(), m.group("role").lower(), m.group("name")))
    return sorted((end, role, clean_speaker(name) or "") for end, role, name in found)


def _introduces(name: str, before: str, names: Names) -> bool:
    """Is this run of capitals a person, not a place or time after a preposition or subordinator ('in Kelbury',
    'Until Lammas')?"""
    return _is_person(clean_speaker(name), names) and not _OPENING_CLAUSE.match(name.split()[0]) \
        and not _NAME_AFTER.search(before)


def role_holders(paragraphs: Sequence[str], names: Names) -> Callable[[int, int, str], str | None]:
    """Whom a role stands for where a post's paragraph `number` reaches `offset`: the person introduced in it last
    before (`_role_introductions`). The paragraphs are read once each, and only as far as a quote credited to a role
    ('“…,” the doctor added') needs: most quotes name their speaker."""
    introduced: list[list[tuple[int, str, str]]] = []
    before: list[dict[str, str]] = [{}]  # role -> name, as of each paragraph's start

    def holder(number: int, offset: int, role: str) -> str | None:
        while len(introduced) <= number:
            found = _role_introductions(paragraphs[len(introduced)], names)
            introduced.append(found)
            before.append({**before[-1], **{r: name for _, r, name in found}})
        here = [name for end, r, name in introduced[number] if r == role and end <= offset]
        return here[-1] if here else before[number].get(role)
    return holder


def _roles_in(words: Sequence[str]) -> Iterator[str]:
    """The roles an apposition gives ('the port's director' → director), up to its first preposition (not 'mayor'
    in 'the lawyer for the mayor'), and not one a rank makes another ('the vice president')."""
    previous = ""
    for word in words:
        word = word.lower()
        if re.fullmatch(_PREPOSITIONS, word):
            return
        if word in _ROLES and previous not in _RANKS:
            yield word
        previous = word


def _title_case(line: str) -> bool:
    """A line whose every longer word is capitalised ('Chair Appoints Trustee-Elect to Fenmoor Board'): a headline."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if len(w) > 3]
    return len(words) >= 3 and all(w[0].isupper() for w in words)


def _sentence_subject(sentence: str, names: Names) -> str | None:
    """The name that speaks in a sentence ("Later, harbour chief Ida Maren said …", not 'Roe campaign chairman
    Bo Lind said'), or failing that the named subject opening it ("Roe pointed to…"); quoted words are not looked in.

    Only a name in subject position counts: a name met later in the sentence is as likely the person spoken
    about as the speaker. A capitalised word that only opens the sentence ("Posting on…") is no name.
    """
    masked = _masked(sentence)
    for verb in SPEECH.finditer(masked):
        name = _subject_name(_AUX_TAIL.sub("", masked[:verb.start()]))
        if name:
            return name
    m = re.match(rf"\W*(?P<name>{_NAME_RUN})(?:,[^,]{{1,80}},|\s+\([^)]{{1,15}}\))?\s+[a-z]", masked)
    if not m or m.group("name").split()[0].lower() in {"the", "a", "an"}:
        return None  # "The Kelbury leader claims…": a name after an article modifies the noun that is the subject
    if _OPENING_CLAUSE.match(m.group("name").split()[0]):
        return None  # "After Ann Roe left, the mayor spoke": Roe is the subject of a clause, not of the sentence
    name = clean_speaker(m.group("name"))
    return name if name and name.split()[-1] in names.proper else None


def _referent(sentences: Sequence[str], pronoun: str, recent: str | None,
              names: Names) -> Iterator[tuple[str | None, bool]]:
    """Whom 'he said' stands for, likeliest first: the subject of the quote's own sentence, then of the sentences
    before it while they too speak of 'he' ("Roe, 41, said he was hurt. He had been sitting … “…,” he said."),
    then the last one quoted if the two sentences before the quote's name no one else (one named earlier, after
    the last quote, is not looked for); only a person will do, and not one the text
    calls 'Ms.' for a 'he' (or 'Mr.' for a 'she'): then 'he' is someone else, whom we cannot tell."""
    for back, sentence in enumerate(sentences[:4]):
        name = _sentence_subject(sentence, names)
        if _is_person(name, names):
            if _agrees(name, pronoun, names):
                yield name, False
            return
        if back and not _PRONOUN_OPENING.match(_masked(sentence)):
            break
    if _is_person(recent, names) and _agrees(recent or "", pronoun, names) \
            and not _others_named(sentences[1:3], recent or "", names):
        yield recent, False


def _agrees(name: str, pronoun: str, names: Names) -> bool:
    """Can `pronoun` ('he', 'she') stand for `name`, as far as the text's titles ('Mr. Roe', 'Ms. Roe') tell?"""
    surname = name.split()[-1]
    return not (surname in (names.female if pronoun.lower() == "he" else names.male))


def _others_named(sentences: Sequence[str], person: str, names: Names) -> bool:
    """Is a person other than `person` named in one of these sentences (not after a preposition: 'in Kelbury' is a
    place), or made its subject by a role? Then 'he' may be the newcomer, not the last one quoted ("His neighbour,
    Ann Roe, agreed. … “…,” she said."; "The Kelbury leader claims … He warned that “…”"; "Most of the catch was
    landed by Bo Lind, who … “…,” he said"). A name used as a modifier ('Roe campaign chairman Bo Lind said') introduces no
    one."""
    for sentence in sentences:
        masked = _masked(sentence)
        role = _ROLE_SUBJECT.match(masked)
        if role and role.group("role").lower() in _ROLES:
            return True  # "The party's leader, who…, claims…": someone, maybe not the one last quoted
        for m in _NAME_RUNS.finditer(masked):
            before = masked[max(0, m.start() - 20):m.start()]
            if _PLACE_BEFORE.search(before) or re.match(r"\s+[a-z]+\s+(?:[a-z]+\s+)?[A-Z]", masked[m.end():]):
                continue  # a place, or a modifier ('Roe campaign chairman Bo Lind')
            name = clean_speaker(m.group(0))
            if _is_person(name, names) and name and name.split()[-1] in names.proper \
                    and name.split()[-1] not in person.split():
                return True
    return False


@dataclass(frozen=True)
class Around:
    """A quote and the text around it: where its attribution may be."""

    quote: str
    before: str
    """The quote's paragraph up to its opening mark."""
    after: str
    """The quote's paragraph from its closing mark."""
    earlier: str
    """The two paragraphs before the quote's: where 'he' in 'he said' is found."""
    roles: Callable[[str], str | None] = lambda role: None
    """Whom a role stands for at the quote: the person the text last introduced in it before (`role_holders`)."""


def speaker(around: Around, names: Names, recent: str | None = None) -> Attribution | None:
    """Who is credited with the quote: the first attribution around it that names a real name.

    A real name is one the text also capitalises in mid-sentence (`Names.proper`): a word
    that is capitalised only because it opens a sentence ("There", "Posting") names nobody.
    An attribution to someone unnamed ("the doctor added") whom the text has not introduced
    ends the search: the quote is somebody's, just not a neighbour's.
    """
    for raw, direct in _attributions(around, names, recent):
        if raw == "":
            return None
        if is_document(raw):
            return Attribution(raw, False)  # a document: never a who-said rival (not direct)
        name = _in_text(clean_speaker(raw), names)
        if name:
            return Attribution(name, direct)
    return None


def _in_text(name: str | None, names: Names) -> str | None:
    """`name` without an opening word the text writes in lower case in mid-sentence and never capitalised there
    ('Will' in "Will Roe's plan work?" opens a question), or None when its surname is never capitalised in
    mid-sentence (it only opens sentences: "There", "Posting")."""
    if not name or (names.proper and name.split()[-1] not in names.proper):
        return None
    words = name.split()
    while len(words) > 1 and words[0] not in names.proper and words[0].casefold() in names.common:
        words.pop(0)
    return " ".join(words)


def _attributions(around: Around, names: Names, recent: str | None) -> Iterator[tuple[str | None, bool]]:
    """Candidate speakers, the most direct attribution first; True for a name in the quote's own sentence, '' for
    a credit to someone the text does not name."""
    quote, before, after = around.quote, around.before.strip(), around.after
    tail = (split_sentences(before) or [""])[-1]
    earlier_paragraphs = [p for p in around.earlier.split("\n\n") if p.strip()]
    back = [s for p in [*earlier_paragraphs[-2:], before[: len(before) - len(tail)]] for s in split_sentences(p)]
    back.reverse()  # the sentences before the quote's, nearest first
    m = _QUOTED_AS.search(tail)
    if m:
        yield m.group("name"), True
    if re.search(r"\d\W*$", quote):
        # "“The offer is £12” million, the chairwoman said": the mark closed inside the figure, so its scale
        # word is not the start of the attribution, which follows it (the quote's text keeps the bare figure).
        after = re.sub(r"^\s*(?:thousand|million|billion|trillion)\b", "", after)
    head = (split_sentences(after.strip()) or [""])[0]  # "…,” Mr. Roe said: not cut at "Mr."
    if _closes_statement(quote, after, tail) and not re.match(r"\W*[a-z,]", after):
        head = ""  # the quote closed its sentence: what follows is a new statement, not its attribution
    yield from _after_quote(head, quote, tail, around.roles, names)
    pronoun = _PRONOUN_HEAD.search(head)
    if pronoun:  # the quote's own credit is 'he said': whoever 'he' is, or no one
        yield from _referent([tail, *back], pronoun.group("pronoun"), recent, names)
        return
    yield from _before_quote(tail, around.roles, names)
    pronoun = _PRONOUN_TAIL.search(tail)
    if pronoun:  # "Dahl thanked Brekke, who he says …": the sentence's own subject first
        yield from _referent([tail, *back], pronoun.group("pronoun"), recent, names)
    text = tail + " " + head
    m = _ACCORDING.search(text)
    # Not after a credit of its own ('“…,” guards told the crowd, according to Kelbury Radio': the radio reported
    # it), nor after a preposition ('according to a team paid by the Roe estate': the estate did not speak).
    if m and not SPEECH.search(head[:max(0, m.start() - len(tail) - 1)]) and not _PREPOSITION_BEFORE.search(
            text[m.start() + len("according to"):m.start("name")]):
        yield m.group("name"), True
    m = _ACCORDING_OPENS.search(tail)
    if m and _is_person(m.group("name"), names) and m.group("name").split()[-1].casefold() not in _PUBLICATIONS:
        yield m.group("name"), True
    opening = tail if re.search(r"[.!?]\W*$", tail) else "" if tail else (back[0] if back else "")
    if opening and _SPOKE.search(_masked(opening)):
        # "Mr. Lind went on to speak of the flood. “The water came at night …”": the quote is what was said.
        name = _sentence_subject(opening, names)
        if _is_person(name, names):
            yield name, False


def _closes_statement(quote: str, after: str, tail: str) -> bool:
    """Did the quote close its sentence, so that a capital after it opens a new statement rather than its credit?
    A question or an exclamation that opens its sentence does not where a short credit follows ('“Why now?” Ann Roe
    said.', `credits_quote`); `tail` is the text before the quote, to the end of the sentence before it."""
    opens = "" if re.search(r"[.!?…]\W*$", tail) else tail
    return bool(re.search(r"[.!?…]\W*$", quote)) and not (
        re.search(r"[?!]\W*$", quote) and credits_quote(after, opens))


def _role_then_name(word: str, rest: str) -> bool:
    """Is a name after '<word>,' the role's holder ('said a council spokesman, Ana Vass')? Only when the word is a
    role and the name ends the clause: after 'said Ann Roe last week,' or 'said Roe quietly,' a name opens a clause
    of its own ('Kelbury Radio reported', 'Bo Lind standing beside her'), and so it does after a role when a verb
    follows it."""
    return word in _ROLES and bool(re.match(r"\s*(?:[,.;()]|$)", rest))


def _after_quote(head: str, quote: str, tail: str, roles: Callable[[str], str | None],
                 names: Names) -> Iterator[tuple[str | None, bool]]:
    """The credit after the quote: '…,” said Ann Roe' / '…,” Ann Roe, the director, said' / '…,” the doctor added'
    (`tail`: the text before the quote, to the end of the sentence before it)."""
    m = _AFTER_VERB_NAME.search(head)
    if m and _PREPOSITION_BEFORE.search(head[:m.start("name")]):
        m = None  # "said a spokeswoman for Mayor Ann Roe": the one named is who she speaks for
    if m and m.group("role") and (m.group("role") in DOCUMENTS or not re.match(r"\s*(?:[,.;(]|$)", head[m.end():])):
        m = None  # "said the aide, Kelbury Radio reported": a name after the comma that opens a clause of its own
    if m and m.group("name").endswith(("'s", "’s")):
        # "…,” said the statement from Roe's attorney, Ann Kell: the possessor did not speak.
        later = re.search(rf"(?<![\w'’])({_NAME_RUN})(?![\w'’])", head[m.end():])
        if later and not later.group(1).endswith(("'s", "’s")):
            yield later.group(1), True
    elif m and _joint(m.group("name"), head[m.end():]):
        yield "", False  # "said her lawyers Ann Roe and Bo Lind": said by two, credited to neither
    elif m:
        # "said Kelbury Dairy chemist Ana Vass", "said a Kelbury council spokesman, Ana Vass": the person comes
        # after the body and the role; not a place or a body after a preposition ("said Representative Ann Roe of
        # Kelbury": Roe spoke, not Kelbury).
        person = re.match(rf"\s+(?P<between>(?:[a-z][\w-]*\s+){{0,3}}(?P<last>[a-z][\w-]*)(?P<comma>,?)\s+)"
                          rf"(?P<name>{_NAME_RUN})(?![\w'’-])", head[m.end():])
        if person and (re.search(rf"\b(?:{_PREPOSITIONS})\s", person.group("between")) or (
                person.group("comma") and not _role_then_name(person.group("last"), head[m.end() + person.end():]))):
            person = None
        yield (person.group("name") if person else m.group("name")), True
    said = re.match(rf"^\W{{0,3}}\s*(?:{SPEECH_VERBS})\s+(?P<phrase>[^,.;]+)", head)
    if said and not m:
        yield from _unnamed(said.group("phrase"), roles, names)
    attached = not _CLAUSE_OPENER.match(head)  # not "while X said"
    if not (attached and (re.match(r"\W*[a-z,(]", head) or (head and not _closes_statement(quote, head, tail)))):
        return
    verb = SPEECH.search(head)
    if not verb:
        return
    phrase = _AUX_TAIL.sub("", head[:verb.start()])
    name = _subject_name(phrase)
    if name:
        yield name, True
    elif not re.fullmatch(r"\W*(?:he|she|they|it|we|i)\W*", phrase, re.I):
        yield from _unnamed(phrase, roles, names)


def _joint(name: str, rest: str) -> bool:
    """Is `name` the first of two people credited together ('Ann Roe and Bo Lind in a statement'), not the first
    words of a longer name ('Housing and Roads Secretary Ann Roe')?"""
    other = re.match(rf"\s+(?:and|&)\s+(?P<name>{_NAME_RUN})", rest)
    return bool(other) and len(name.split()) > 1 and clean_speaker(name) == name \
        and clean_speaker(other.group("name")) == other.group("name")


def _before_quote(tail: str, roles: Callable[[str], str | None], names: Names) -> Iterator[tuple[str | None, bool]]:
    """The credit before the quote: 'Ann Roe, the port's director, said: “…”' (the speech verb nearest the quote
    first); a document ('The letter says: “…”') where no one is named."""
    verbs = reversed(list(_SPEECH_BEFORE_QUOTE.finditer(tail)))
    phrases = [_AUX_TAIL.sub("", tail[:verb.start()]) for verb in verbs]
    for phrase in phrases:
        name = _subject_name(phrase)
        if name:
            yield name, True
            return
    for phrase in phrases:
        if _document(phrase) or _COMMON_SUBJECT.fullmatch(_masked(phrase).strip()):
            yield from _unnamed(phrase, roles, names)
            return


def _unnamed(phrase: str, roles: Callable[[str], str | None], names: Names) -> Iterator[tuple[str | None, bool]]:
    """A credit with no name in it: a document is credited as the sentence names it ('the Harbour Trust letter', 'a
    letter from Ann Roe', 'the statement'); 'the doctor' is whoever the text introduced as the
    doctor; anyone else ('a local fishmonger', 'one witness', 'a doctor') is someone the text does not name ('')."""
    document = _document(phrase)
    if document:
        yield document, False
        return
    m = _COMMON_SUBJECT.fullmatch(_masked(phrase).strip())
    if not m:
        return
    role = m.group("noun")
    definite = m.group("determiner").lower() not in {"a", "an", "one", "another"}
    yield (roles(role) if definite and role in _ROLES else None) or "", False
