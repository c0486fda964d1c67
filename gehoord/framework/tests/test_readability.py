"""The B1 check on real Dutch sentences (plain functions; no database)."""

from gehoord.framework.readability import (
    MAX_SENTENCE_WORDS,
    MIN_READING_EASE,
    OFFICIALESE,
    check_text,
    reading_ease,
    sentences,
    syllables,
)

BUREAUCRATIC = (
    "Ingevolge de toepasselijke bestuursrechtelijke bepalingen wordt de belanghebbende "
    "verzocht de desbetreffende bewijsstukken onverwijld aan de verantwoordelijke "
    "uitvoeringsorganisatie te retourneren."
)


def codes(text, language="nl"):
    return [f.code for f in check_text(text, language)]


def officialese(text):
    return {f.excerpt.lower(): f.suggestion for f in check_text(text) if f.code == "officialese"}


def test_plain_question_has_no_findings():
    assert check_text("Ik werd snel geholpen.") == []
    assert check_text("De medewerker nam mij serieus.") == []
    assert check_text("Wat kan er beter?") == []


def test_officialese_sentence():
    text = (
        "Indien u de aanvraag niet tijdig retourneert, dient u teneinde vertraging te "
        "voorkomen contact op te nemen."
    )
    assert officialese(text) == {
        "indien": "als",
        "retourneert": "stuurt terug",
        "dient u": "moet u",
        "teneinde": "om",
    }
    assert "reading_ease" in codes(text)
    assert reading_ease(text) < MIN_READING_EASE


def test_officialese_with_suggestions_and_long_sentence():
    text = (
        "Indien u de aanvraag niet tijdig retourneert, dient u teneinde vertraging te "
        "voorkomen contact op te nemen met de afdeling die ten behoeve van u werkt."
    )
    suggestions = officialese(text)
    assert suggestions["indien"] == "als"
    assert suggestions["teneinde"] == "om"
    assert suggestions["ten behoeve van"] == "voor"  # a phrase, matched as a whole
    assert "long_sentence" in codes(text)
    long_sentence = next(f for f in check_text(text) if f.code == "long_sentence")
    assert long_sentence.excerpt.startswith("Indien") and str(MAX_SENTENCE_WORDS) in str(
        long_sentence.message
    )


def test_phrases_match_whole_and_across_line_breaks():
    assert officialese("Dit is ten behoeve van uw aanvraag.") == {"ten behoeve van": "voor"}
    assert officialese("Wat vond u in het\nkader van de hulp?") == {
        "in het kader van": "bij / voor"
    }
    assert officialese("Wilt u het formulier uiterlijk op 1 mei sturen?") == {
        "uiterlijk op": "op zijn laatst op"
    }


def test_matching_is_case_insensitive_and_whole_words_only():
    assert [f.suggestion for f in check_text("INDIEN dat zo is, bel ons.")] == ["als"]
    assert officialese("Ten Behoeve Van wie?") == {"ten behoeve van": "voor"}
    assert check_text("Hij is een doorgewinterde medewerker.") == []  # "doch" inside no word
    assert check_text("Hoe was de samenwerking met uw medewerker?") == []  # nor "mede"


def test_words_that_are_also_plain_dutch_are_not_flagged():
    assert check_text("Bent u anders behandeld vanwege uw uiterlijk?") == []
    assert check_text("Was duidelijk wat er bedoeld werd?") == []


def test_each_officialese_phrase_is_reported_once():
    findings = check_text("Indien ja, bel ons. Indien nee, mail ons.")
    assert [f.excerpt for f in findings] == ["Indien"]


def test_officialese_list_is_lower_case_with_a_plainer_alternative():
    assert len(OFFICIALESE) >= 40
    assert all(key == key.lower() and plain for key, plain in OFFICIALESE.items())
    # Every entry is found in a sentence of its own.
    for key, plain in OFFICIALESE.items():
        assert officialese(f"Zo staat het er: {key} en verder.") == {key: plain}, key


def test_long_word():
    findings = check_text("Heeft u een arbeidsongeschiktheidsverzekering?")
    assert [f.excerpt for f in findings if f.code == "long_word"] == [
        "arbeidsongeschiktheidsverzekering"
    ]
    assert check_text("Hoe was de dienstverlening?") == []  # 15 letters: fine


def test_long_words_with_hyphens_digits_and_addresses():
    assert codes("Heeft u een zorg-verzekering?") == []  # each part is short
    assert "long_word" in codes("Heeft u een zorgverzekeringsmaatschappij-medewerker gesproken?")
    assert codes("Kijk op www.gemeentevoorbeeldstad.nl of mail info@gemeentevoorbeeld.nl.") == []


def test_abbreviations_do_not_end_a_sentence():
    assert sentences("Ik kom i.v.m. de regels. Zie art. 4 van de wet. Goed zo") == [
        "Ik kom i.v.m. de regels",
        "Zie art. 4 van de wet",
        "Goed zo",
    ]


def test_dutch_syllables_from_hyphenation():
    assert syllables("dienstverlening") == 4
    assert syllables("arbeidsongeschiktheidsverzekering") == 10
    assert syllables("ik") == 1


def test_reading_ease_orders_simple_and_dense_texts():
    simple = reading_ease("Ik kreeg snel hulp. De man was aardig. Ik ben blij.")
    dense = reading_ease(BUREAUCRATIC)
    assert simple > 80 > MIN_READING_EASE > 40 > dense
    assert "reading_ease" in codes(
        "Ingevolge de toepasselijke bestuursrechtelijke bepalingen wordt de belanghebbende "
        "verzocht de bewijsstukken te verstrekken."
    )


def test_reading_ease_follows_flesch_douma():
    # "Ik werd snel geholpen.": 4 words, 1 sentence, 6 syllables (ik werd snel ge-hol-pen).
    expected = 206.835 - 0.93 * 4 - 77 * 6 / 4
    assert abs(reading_ease("Ik werd snel geholpen.") - expected) < 1e-9


def test_short_texts_get_no_reading_ease_finding():
    # Under eight words one long word swings the score too much to judge.
    assert reading_ease("Hoe beoordeelt u de dienstverlening?") < MIN_READING_EASE
    assert check_text("Hoe beoordeelt u de dienstverlening?") == []


def test_empty_and_english_texts():
    assert check_text("") == [] and check_text("   ") == []
    assert reading_ease("") is None and reading_ease("123 …") is None
    assert check_text("Indien", language="en") == []  # the word list is Dutch only
    assert check_text("Do you have an incapacity-for-work-insurance-policy?", "en") == []
    long_english = " ".join(["word"] * 25) + "."
    assert codes(long_english, language="en") == ["long_sentence"]
