"""B1 check for question texts: warns about texts that are hard to read (never blocks).

Reading ease uses the Flesch–Douma formula, Flesch's reading-ease formula adapted to Dutch
by W.H. Douma (1960): 206.835 − 0.93 × (words per sentence) − 77 × (syllables per word).
Syllables are counted with pyphen's Dutch hyphenation dictionary.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Below about 60 a Dutch text is "fairly difficult" on the Flesch–Douma scale; plain-language
# guidance for B1 aims above that.
MIN_READING_EASE = 60
# Very short texts give unstable scores (one long word swings them), so reading ease is
# judged only from this many words on.
MIN_WORDS_FOR_EASE = 8
# Common B1 guidance: keep sentences to about 15–20 words, and avoid very long words.
MAX_SENTENCE_WORDS = 20
MAX_WORD_LETTERS = 15

# Officialese (ambtelijke taal) with a plainer alternative.
OFFICIALESE: dict[str, str] = {
    "aanvang": "begin", "aanwenden": "gebruiken", "aldaar": "daar", "alsmede": "en",
    "alvorens": "voordat", "bedoeld": "genoemd", "behoeven": "hoeven", "beschikken over": "hebben",
    "betreffende": "over", "bevoegd": "mag", "bijgevoegd": "meegestuurd",
    "conform": "volgens", "derhalve": "daarom", "dienen te": "moeten", "doch": "maar",
    "doen toekomen": "sturen", "geenszins": "niet", "gelieve": "wilt u", "hetgeen": "wat",
    "hieromtrent": "hierover", "indien": "als", "inzake": "over", "in casu": "in dit geval",
    "in het kader van": "bij / voor", "in werking treden": "ingaan", "ingevolge": "volgens",
    "mede": "ook", "middels": "met", "nader": "later / meer", "omtrent": "over",
    "onverwijld": "meteen", "op grond van": "door / volgens", "retourneren": "terugsturen",
    "reeds": "al", "teneinde": "om", "ten aanzien van": "over", "ten behoeve van": "voor",
    "ten einde": "om", "terzake": "hierover", "thans": "nu", "tevens": "ook",
    "uiterlijk": "op zijn laatst", "verstrekken": "geven", "verzoeken": "vragen",
    "vervolgens": "daarna", "voornoemd": "genoemd", "waarbij": "en daarbij",
    "woonachtig": "wonen", "zulks": "dat",
}
# Longest phrases first, so "ten behoeve van" wins over a shorter overlapping entry.
_OFFICIALESE_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(OFFICIALESE, key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)
_SENTENCE_END_RE = re.compile(r"[.!?]+(?:\s+|$)")
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Finding:
    code: str  # reading_ease | long_sentence | long_word | officialese
    message: str | Promise
    excerpt: str = ""
    suggestion: str = ""


@lru_cache(maxsize=1)
def _dutch_hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END_RE.split(text) if _WORD_RE.search(s or "")]


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def syllables(word: str) -> int:
    """Syllables of a Dutch word: the parts its hyphenation splits it into."""
    parts = _dutch_hyphenator().inserted(word.lower()).split("-")
    return max(1, len([p for p in parts if p]))


def reading_ease(text: str) -> float | None:
    """Flesch–Douma reading ease (higher is easier), or None for a text without words."""
    all_words = words(text)
    if not all_words:
        return None
    sentence_count = max(1, len(sentences(text)))
    syllable_count = sum(syllables(w) for w in all_words)
    return (206.835 - 0.93 * (len(all_words) / sentence_count)
            - 77 * (syllable_count / len(all_words)))


def check_text(text: str, language: str = "nl") -> list[Finding]:
    """Warnings for one question text. Dutch gets all checks; English only sentence length,
    since the other measures and the word list are Dutch."""
    text = (text or "").strip()
    if not text:
        return []
    findings = [
        Finding("long_sentence",
                _("This sentence has %(count)d words; try at most %(max)d.")
                % {"count": len(words(s)), "max": MAX_SENTENCE_WORDS}, excerpt=s)
        for s in sentences(text) if len(words(s)) > MAX_SENTENCE_WORDS
    ]
    if language != "nl":
        return findings
    for match in _OFFICIALESE_RE.finditer(text):
        phrase = match.group(1)
        plain = OFFICIALESE[phrase.lower()]
        findings.append(Finding("officialese",
                                _("“%(word)s” is officialese; write “%(plain)s”.")
                                % {"word": phrase, "plain": plain},
                                excerpt=phrase, suggestion=plain))
    for word in dict.fromkeys(words(text)):
        if len(word.replace("-", "")) > MAX_WORD_LETTERS and "-" not in word:
            findings.append(Finding("long_word",
                                    _("“%(word)s” is a long word; can it be shorter or split?")
                                    % {"word": word}, excerpt=word))
    ease = reading_ease(text)
    if ease is not None and len(words(text)) >= MIN_WORDS_FOR_EASE and ease < MIN_READING_EASE:
        findings.append(Finding("reading_ease",
                                _("This text is hard to read (reading ease %(score)d; aim for "
                                  "%(min)d or more). Use shorter words and sentences.")
                                % {"score": round(ease), "min": MIN_READING_EASE}))
    return findings
