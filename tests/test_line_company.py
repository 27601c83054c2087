"""A line of a text dump judged by its company: the article around it, its vocabulary, the furniture of any language."""

from __future__ import annotations

from newsdigest.ingest.line_model import CONTEXT, FEATURES, context_features, line_features
from newsdigest.ingest.text_lines import read_lines
from newsdigest.ingest.textdump import parse_text_dump, read_dump

ARTIKEL = [
    "Die Stadtwerke haben am Montag mit dem Bau der neuen Fernwärmeleitung unter der Hauptstraße begonnen.",
    "Die Leitung soll im nächsten Winter rund zweitausend Wohnungen im Norden der Stadt mit Wärme versorgen.",
    "Während der Bauzeit ist die Hauptstraße zwischen dem Bahnhof und dem Markt nur in einer Richtung befahrbar.",
    "Die Stadtwerke bitten die Anwohner um Geduld und wollen die Arbeiten vor dem Herbst abschließen.",
    "Für die Geschäfte an der Hauptstraße bleiben die Gehwege während der gesamten Bauzeit frei zugänglich.",
    "Die Kosten der Fernwärmeleitung tragen zum größten Teil die Stadtwerke, den Rest zahlt das Land.",
    "Ein zweiter Abschnitt der Leitung bis zum Krankenhaus soll im kommenden Jahr gebaut werden.",
    "Der Gemeinderat hatte dem Bau der Leitung im Frühjahr mit großer Mehrheit zugestimmt.",
]
PROMPTS = [
    "Jetzt kostenlos registrieren und weiterlesen",
    "Teilen Sie diesen Artikel",
    "Datenschutzerklärung",
]


def test_furniture_in_another_language_is_told_apart_from_its_prose():
    lines = read_lines("\n\n".join([ARTIKEL[0], *PROMPTS]))
    rows = line_features(lines, (0, len(lines)), [None] * len(lines), [True] * len(lines))
    at = list(FEATURES).index("furniture_words")
    assert rows[0][at] == 0.0
    assert all(row[at] > 0 for row in rows[1:])


def test_sign_up_and_sharing_prompts_in_german_stay_out_of_the_body():
    text = "\n\n".join(["Startseite", "Lokales", *ARTIKEL, *PROMPTS]) + "\n"
    body = parse_text_dump(text).body
    for paragraph in ARTIKEL:
        assert paragraph in body
    for prompt in PROMPTS:
        assert prompt not in body


def test_a_line_using_the_article_s_words_is_read_as_part_of_it_and_a_menu_entry_is_not():
    heading = "Fernwärmeleitung unter der Hauptstraße"
    menu = "Wetter Sport Kultur"
    dump = read_dump("\n\n".join([menu, *ARTIKEL[:4], heading, *ARTIKEL[4:]]))
    rows = line_features(dump.lines, dump.span, dump.coh, [True] * len(dump.lines))
    first = [0.05] + [0.95] * 4 + [0.3] + [0.95] * 4
    context = context_features(first, dump.lines, rows)
    names = list(CONTEXT)
    uses, between = names.index("article_words"), names.index("between")
    assert context[5][uses] > context[0][uses]
    assert context[5][between] > 0.9 > context[0][between]


def test_a_short_line_between_paragraphs_is_kept_and_explained_by_the_article_around_it():
    heading = "Umleitung für Busse"
    text = "\n\n".join(["Startseite", "Lokales", *ARTIKEL[:4], heading, *ARTIKEL[4:], "Impressum", "Kontakt"])
    dump = parse_text_dump(text + "\n")
    assert heading in dump.body
    assert "Impressum" not in dump.body and "Startseite" not in dump.body
    decision = next(d for d in dump.lines if d.text == heading)
    assert decision.kept and "model" in decision.reason


LIGHTHOUSE = [
    "Engineers finished the inspection of the old lighthouse on the northern cape on Monday, two weeks ahead of plan.",
    "The survey found that the stone tower had moved less than a centimetre since the lighthouse was last measured.",
    "The lighthouse keeper said the lamp of the tower would stay dark until the glass of the lantern had been replaced.",
    "Visitors will be allowed back on the gallery of the lighthouse once new railings for the tower arrive from the foundry.",
    "The regional council has set aside money for the repairs of the lighthouse and expects the work to end before winter.",
    "A report on the inspection of the lighthouse, with photographs of every floor of the tower, is to be published.",
    "Local fishermen, who still use the lighthouse tower as a landmark, welcomed the news that the tower is in good shape.",
    "The next inspection of the lighthouse and its tower is planned for five years from now, the engineers said.",
    "The engineers will return to the lighthouse in the spring to check the new glass of the lantern on the tower.",
]
TEASER_SENTENCES = [
    "A swarm of jellyfish blocked the cooling filters of a power station in the south, forcing a partial shutdown.",
    "Ticket prices for the national football league rose again this season, fans complained on social media.",
]


def test_short_paragraphs_off_the_article_s_topic_right_after_it_are_teasers():
    menu = ["Home", "News", "Sport", "Weather"]
    text = "\n\n".join([*menu, *LIGHTHOUSE, *TEASER_SENTENCES, *menu]) + "\n"
    dump = parse_text_dump(text)
    assert all(paragraph in dump.body for paragraph in LIGHTHOUSE)
    for teaser in TEASER_SENTENCES:
        assert teaser not in dump.body
        decision = next(d for d in dump.lines if d.text == teaser)
        assert decision.reason.startswith("teasers after the article")
