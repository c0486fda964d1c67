"""The B1 check on real Dutch sentences."""

from gehoord.framework.readability import (
    MIN_READING_EASE,
    check_text,
    reading_ease,
    syllables,
)


def codes(text, language="nl"):
    return [f.code for f in check_text(text, language)]


def test_plain_question_has_no_findings():
    assert check_text("Ik werd snel geholpen.") == []
    assert check_text("De medewerker nam mij serieus.") == []


def test_officialese_with_suggestions():
    text = ("Indien u de aanvraag niet tijdig retourneert, dient u teneinde vertraging te "
            "voorkomen contact op te nemen met de afdeling die ten behoeve van u werkt.")
    findings = check_text(text)
    suggestions = {f.excerpt.lower(): f.suggestion for f in findings if f.code == "officialese"}
    assert suggestions["indien"] == "als"
    assert suggestions["teneinde"] == "om"
    assert suggestions["ten behoeve van"] == "voor"  # a phrase, matched as a whole
    assert "long_sentence" in codes(text)


def test_matching_is_case_insensitive_and_whole_words_only():
    assert [f.suggestion for f in check_text("INDIEN dat zo is, bel ons.")] == ["als"]
    assert check_text("Hij is een doorgewinterde medewerker.") == []  # "doch" inside no word


def test_long_word():
    findings = check_text("Heeft u een arbeidsongeschiktheidsverzekering?")
    assert [f.excerpt for f in findings if f.code == "long_word"] == [
        "arbeidsongeschiktheidsverzekering"]


def test_dutch_syllables_from_hyphenation():
    assert syllables("dienstverlening") == 4
    assert syllables("ik") == 1


def test_reading_ease_orders_simple_and_dense_texts():
    simple = reading_ease("Ik kreeg snel hulp. De man was aardig. Ik ben blij.")
    dense = reading_ease(
        "Ingevolge de toepasselijke bestuursrechtelijke bepalingen wordt de belanghebbende "
        "verzocht de desbetreffende bewijsstukken onverwijld aan de verantwoordelijke "
        "uitvoeringsorganisatie te retourneren.")
    assert simple > 80 > MIN_READING_EASE > 40 > dense
    assert "reading_ease" in codes(
        "Ingevolge de toepasselijke bestuursrechtelijke bepalingen wordt de belanghebbende "
        "verzocht de bewijsstukken te verstrekken.")


def test_empty_and_english_texts():
    assert check_text("") == [] and reading_ease("") is None and reading_ease("123 …") is None
    assert check_text("Indien", language="en") == []  # the word list is Dutch only
    long_english = " ".join(["word"] * 25) + "."
    assert codes(long_english, language="en") == ["long_sentence"]
