"""B1 check for question texts: warns about texts that are hard to read (never blocks).

Reading ease uses the Flesch–Douma formula, Flesch's reading-ease formula adapted to Dutch
by W.H. Douma (1960): 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word).
Syllables are counted with pyphen's Dutch hyphenation dictionary.

Only Dutch gets the full check. For any other language (English) only sentence length is
checked: the reading-ease formula, the syllable dictionary and the officialese list are Dutch.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Below 60 a text is "fairly difficult" on the Flesch–Douma scale (60–70 is "normal");
# Dutch plain-language (B1) practice aims at 60 or more.
MIN_READING_EASE = 60
# Very short texts give unstable scores (one long word swings them), so reading ease is
# judged only from this many words on.
MIN_WORDS_FOR_EASE = 8
# Common B1 guidance: keep sentences to about 15–20 words, and avoid very long words.
MAX_SENTENCE_WORDS = 20
# Letters, not syllables: a word is flagged only past 15 letters, so ordinary compounds
# ("dienstverlening", 15) pass. A hyphenated compound is flagged only if one of its parts is
# that long (the hyphen already splits it for the reader). Digits end a word, so codes and
# amounts ("A4", "2025") are never flagged; web and e-mail addresses are left out entirely.
MAX_WORD_LETTERS = 15

# Officialese (ambtelijke taal) with a plainer alternative; keys are lower case and match as
# whole words or phrases, in any case. Inflected forms that come up in questions are listed
# on their own ("retourneert"); words that are also plain Dutch in another sense are listed
# only in their officialese phrase ("uiterlijk op", not "uiterlijk", which also means looks).
OFFICIALESE: dict[str, str] = {
    "aangaande": "over",
    "aanvang": "begin",
    "aanvangen": "beginnen",
    "aanwenden": "gebruiken",
    "adequaat": "goed / passend",
    "aldaar": "daar",
    "alsmede": "en",
    "alvorens": "voordat",
    "behoeven": "hoeven",
    "benodigd": "nodig",
    "beschikken over": "hebben",
    "betreffende": "over",
    "bewerkstelligen": "zorgen voor",
    "bijgevoegd": "meegestuurd",
    "c.q.": "of",
    "conform": "volgens",
    "dan wel": "of",
    "daartoe": "daarvoor",
    "derhalve": "daarom",
    "desbetreffende": "deze / die",
    "dienen te": "moeten",
    "dient u": "moet u",
    "doch": "maar",
    "doen toekomen": "sturen",
    "geenszins": "niet",
    "gelieve": "wilt u",
    "geschieden": "gebeuren",
    "geschiedt": "gebeurt",
    "hetgeen": "wat",
    "hieromtrent": "hierover",
    "hiertoe": "hiervoor",
    "i.v.m.": "door / over",
    "in casu": "in dit geval",
    "in het kader van": "bij / voor",
    "in werking treden": "ingaan",
    "indien": "als",
    "ingevolge": "volgens",
    "inzake": "over",
    "kenbaar maken": "laten weten",
    "mede": "ook",
    "middels": "met",
    "nader": "later / meer",
    "omtrent": "over",
    "onderhavige": "deze",
    "onverwijld": "meteen",
    "op grond van": "door / volgens",
    "per omgaande": "meteen",
    "reeds": "al",
    "retourneer": "stuur terug",
    "retourneert": "stuurt terug",
    "retourneren": "terugsturen",
    "ten aanzien van": "over",
    "ten behoeve van": "voor",
    "ten einde": "om",
    "ten gevolge van": "door",
    "teneinde": "om",
    "ter beschikking stellen": "geven",
    "terzake": "hierover",
    "thans": "nu",
    "tevens": "ook",
    "trachten": "proberen",
    "u dient": "u moet",
    "uiterlijk op": "op zijn laatst op",
    "verstrekken": "geven",
    "verstrekt": "geeft / gegeven",
    "vervolgens": "daarna",
    "verzoeken": "vragen",
    "verzocht": "gevraagd",
    "vigerend": "geldend",
    "voornoemd": "genoemd",
    "woonachtig": "wonen",
    "zorg dragen voor": "zorgen voor",
    "zulks": "dat",
}


def _phrase_pattern(phrase: str) -> str:
    # Any run of white space between the words of a phrase, e.g. a line break.
    return r"\s+".join(re.escape(word) for word in phrase.split())


# Longest phrases first, so "ten behoeve van" wins over a shorter overlapping entry.
_OFFICIALESE_RE = re.compile(
    r"(?<!\w)("
    + "|".join(_phrase_pattern(k) for k in sorted(OFFICIALESE, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
# A sentence ends at . ! or ? before the end of the text or before white space and a word
# that does not start in lower case or with a digit (so "i.v.m. de" and "art. 4" end none).
_SENTENCE_END_RE = re.compile(r"[.!?]+(?=\s*$|\s+[^\sa-zà-ÿ0-9])")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ADDRESS_RE = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One warning. `message` is translated into the language active when the check ran."""

    code: str  # reading_ease | long_sentence | long_word | officialese
    message: str | Promise
    excerpt: str = ""  # the word, phrase or sentence concerned
    suggestion: str = ""  # a plainer alternative, for officialese


@lru_cache(maxsize=1)
def _dutch_hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def _prose(text: str) -> str:
    """The text without web and e-mail addresses, which are not read as words."""
    return _ADDRESS_RE.sub(" ", text or "")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END_RE.split(_prose(text)) if _WORD_RE.search(s)]


def words(text: str) -> list[str]:
    return _WORD_RE.findall(_prose(text))


def syllables(word: str) -> int:
    """Syllables of a Dutch word: the parts its hyphenation splits it into.

    The dictionary never splits off a single letter at either end ("idee" counts as one),
    so the count can be a little low; that errs towards a kinder score.
    """
    parts = _dutch_hyphenator().inserted(word.lower()).split("-")
    return max(1, len([p for p in parts if p]))


def reading_ease(text: str) -> float | None:
    """Flesch–Douma reading ease (higher is easier), or None for a text without words."""
    all_words = words(text)
    if not all_words:
        return None
    sentence_count = max(1, len(sentences(text)))
    syllable_count = sum(syllables(w) for w in all_words)
    return (
        206.835 - 0.93 * (len(all_words) / sentence_count) - 77 * (syllable_count / len(all_words))
    )


def _is_long(word: str) -> bool:
    return any(len(part) > MAX_WORD_LETTERS for part in word.split("-"))


def check_text(text: str, language: str = "nl") -> list[Finding]:
    """Warnings for one question text. Dutch gets all checks; English only sentence length,
    since the other measures and the word list are Dutch."""
    text = (text or "").strip()
    if not text:
        return []
    findings = [
        Finding(
            "long_sentence",
            _("This sentence has %(count)d words; try at most %(max)d.")
            % {"count": len(words(s)), "max": MAX_SENTENCE_WORDS},
            excerpt=s,
        )
        for s in sentences(text)
        if len(words(s)) > MAX_SENTENCE_WORDS
    ]
    if language != "nl":
        return findings
    seen: set[str] = set()
    for match in _OFFICIALESE_RE.finditer(_prose(text)):
        phrase = " ".join(match.group(1).split())
        if phrase.lower() in seen:
            continue
        seen.add(phrase.lower())
        plain = OFFICIALESE[phrase.lower()]
        findings.append(
            Finding(
                "officialese",
                _("“%(word)s” is officialese; write “%(plain)s”.")
                % {"word": phrase, "plain": plain},
                excerpt=phrase,
                suggestion=plain,
            )
        )
    for word in dict.fromkeys(words(text)):
        if _is_long(word):
            findings.append(
                Finding(
                    "long_word",
                    _("“%(word)s” is a long word; can it be shorter or split?") % {"word": word},
                    excerpt=word,
                )
            )
    ease = reading_ease(text)
    if ease is not None and len(words(text)) >= MIN_WORDS_FOR_EASE and ease < MIN_READING_EASE:
        findings.append(
            Finding(
                "reading_ease",
                _(
                    "This text is hard to read (reading ease %(score)d; aim for "
                    "%(min)d or more). Use shorter words and sentences."
                )
                % {"score": round(ease), "min": MIN_READING_EASE},
            )
        )
    return findings
