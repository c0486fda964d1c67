"""Stop words are compared on lemmas, as the tokens are."""

from gehoord.insights import text, text_features


def test_stop_words_are_lemmas():
    for surface in ("moet", "moest", "dank", "bedankt", "heb", "hebt", "had", "was", "kon"):
        assert text_features.lemma(surface) in text_features.STOP_WORDS, surface
    assert text_features.lemmas("Ik moest de gemeente bedanken, dank u, ik heb het gekregen") == [
        "gemeente",
        "krijgen",
    ]


def test_moeten_and_danken_are_never_top_keywords():
    own = [
        "Ik moest heel lang wachten, bedankt",
        "Moet ik nu weer bellen? Dank voor niks, lang wachten",
        "Wij moeten steeds opnieuw bellen, bedankt hoor",
        "Ik heb moeten wachten, ik had geen antwoord, dank",
        "Moest drie keer bellen en lang wachten",
    ]
    others = ["Snel geholpen, dank u wel", "Vriendelijke medewerker, bedankt", "Het moest gewoon"]
    words = [k["word"] for k in text.keywords(own + others, own, minimum_n=2)]
    assert {text_features.lemma(w) for w in ("wachten", "bellen", "lang")} <= set(words)
    assert not {"moeten", "danken", "bedanken", "hebben"} & set(words)
