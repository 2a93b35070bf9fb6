"""The shape of a Vietnamese syllable: onset + rhyme + tone, a small regular grammar.

Used to tell a word from an abbreviation (`TỈNH` is a syllable, `UBND` is not)
and, by glue repair, to split `nhândân` into `nhân dân`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"
ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d đ g h k l m n p r s t v x".split()
# Rhymes without tone, after removing the onset (from the standard Vietnamese rhyme table).
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu iê oa oă oe oi ôi ơi oo ua uâ uê ui "
    "uô uơ uy ưa ưi ưu ươ uya uyê ươi ươu uôi oai oay oao oeo yê yêu iêu uây"
).split()
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "u", "i", "o", "y"]
_ONSET_RE = "|".join(sorted(ONSETS, key=len, reverse=True))
_NUC_RE = "|".join(sorted(_NUCLEI, key=len, reverse=True))
_CODA_RE = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(rf"^(?:{_ONSET_RE})?(?:{_NUC_RE})(?:{_CODA_RE})?$")


def strip_tone(word: str) -> tuple[str, int]:
    """The toneless lower-case form and how many tone marks it carried."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for ch in decomposed if ch in _TONES)
    base = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", base), tones


# Spelling constraints of the standard orthography: `ngh`/`gh`/`k` only before
# front vowels, `c`/`ng`/`g` never before them; closed diphthongs need a coda.
_FRONT_ONLY = re.compile(r"^(?:ngh|gh|k(?!h))(?![iyeê])")
_NOT_FRONT = re.compile(r"^(?:c|ng|g)(?=[ieê])(?!gi)")
_NEEDS_CODA = re.compile(r"(?:ươ|uô|iê|yê|[ăâ])$")
# Diphthongs that end in a glide (`ai`, `ôi`, `ao`, `êu`, ...) take no final consonant.
_GLIDE_CODA = re.compile(
    r"(?:[aăâeêoôơuư]i|[aâeêiư]u|[ao]o|[aâ]y|u[ôơ]i|ươu|iêu|yêu|oai|oay|uây)(?:ch|ng|nh|[cmnpt])$"
)
_BARE_Y_CODA = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?y(?:ch|ng|nh|[cmnpt])$"
)


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable (any case, at most one tone mark)."""
    if not word or not word.isalpha():
        return False
    base, tones = strip_tone(word)
    if tones > 1 or not _SYLLABLE.match(base):
        return False
    if _FRONT_ONLY.match(base) or (_NOT_FRONT.match(base) and not base.startswith("gi")):
        return False
    if _GLIDE_CODA.search(base):
        return False
    return not _NEEDS_CODA.search(base) and not _BARE_Y_CODA.match(base)
