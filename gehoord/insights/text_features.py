"""Words of open answers as the text analyses read them: Dutch lemmas without stop words.

Shared by the theme analysis (`text`) and the sentiment model (`text_sentiment`), so both
read an answer the same way.
"""

import re

import simplemma
from sklearn.feature_extraction.text import TfidfVectorizer

TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)

# Dutch function words (and filler common in survey answers) that carry no theme, as they
# are written. Small on purpose: TF-IDF already weighs down words every answer uses.
_STOP_WORDS = """
aan al alle alles als altijd ander andere ben bij daar dan dat de der deze die dit doch
doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe
hun ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog
nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want
waren was wat we wel werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder
zou zeer erg heel beetje graag even dank bedankt hen zullen
"""


def lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="nl")


# Compared after lemmatising, so the list is lemmatised the same way: "moet" and "dank"
# would otherwise let "moeten" and "danken" through as keywords.
STOP_WORDS = frozenset(lemma(word) for word in _STOP_WORDS.split())


def lemmas(text: str) -> list[str]:
    """Lower-cased Dutch lemmas without stop words."""
    words = (lemma(word) for word in TOKEN.findall(text.lower()))
    return [word for word in words if len(word) > 1 and word not in STOP_WORDS]


def vectorizer(**kwargs) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=lemmas, sublinear_tf=True, **kwargs)
