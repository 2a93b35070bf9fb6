"""Repair text that a careless extractor glued: `nhândân` -> `nhân dân`.

Deleting a line break joins exactly two words, so a token that is not a valid
syllable is split only into two pieces that each are one (`glue.split_glued`),
and a Vietnamese function word glued to a foreign or misspelt word is split off
(`Webstiecủa`). Typography puts a space between a word and a number
(`ngày18/5`, `3.200người`), after `,;:` between words (`thị,Nghị`) and outside
brackets and quotes (`đoàn(sửa`, `tập”vận`). What is left alone: valid
syllables, names and foreign words (`Okayama`; `Webstie` stays a typo),
abbreviations (`KH&CN`, `UBND`, `TP.HCM`), Roman numerals, document numbers
(`01-KL/TW`), domains, numbers (`2.227.360.000`), and a unit symbol typed onto
its number (`100ha`, `136.000.000đồng`), which is a habit, not damage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from baocao.parsers.glue import split_glued
from baocao.parsers.letters import UPPER
from baocao.parsers.lexicon import rows, words
from baocao.parsers.matchkey import match_key
from baocao.parsers.syllables import is_syllable

MAX_PIECES = 2  # one lost line break joins two words
MAX_TOKEN = 48  # two glued words with their punctuation are shorter: longer runs are left
L = r"[^\W\d_]"
SPACES = re.compile(r"(\s+)")
HAS_LETTER = re.compile(L)
HAS_DIGIT = re.compile(r"\d")
LETTERS_DIGITS = re.compile(rf"({L}+)(?=\d)")
DOMAIN = re.compile(r"\w\.(?:vn|com|org|net|gov|edu)\b")
FILE_OR_HASH = re.compile(
    r"\.(?:jpe?g|png|gif|webp|pdf|docx?|xlsx?|html?|aspx?|php)\b|[0-9a-f]{8,}", re.I
)
DOC_NUMBER = re.compile(rf"\d[/-]{UPPER}|{UPPER}{{2,}}[/-]")
WORD_CORE = re.compile(r"^(\W*)([^\W\d_](?:[^\W\d_]|&)*[^\W\d_]|[^\W\d_])(\W*)$")
MIN_ASCII_PIECE = 3  # `date`, `Video`: short plain-ASCII halves are English, not glue
DIGITS_LETTERS = re.compile(rf"(?<=\d)(?={L})")
AFTER_PUNCT = re.compile(rf"(?:(?<=[^\W_])|(?<=\)))([,;:])(?={L})|(?<={L})([,;:])(?=\d)")
LOOSE_DASH = re.compile(rf"(?<=\S) -(?={L})")  # `nghệ -Sơ`; a line-initial `-Nhân` is a bullet
OPEN_BRACKET = re.compile(rf"(?<={L})(?=[(“])")  # not `[`: `tỉnh[2]` is a footnote marker
CLOSE_QUOTE = re.compile(rf"(?<=[)\]”])(?={L})")


@dataclass(frozen=True)
class Repaired:
    text: str
    repairs: int  # how many tokens were split


@cache
def _unit_symbols() -> tuple[str, ...]:
    syms = [
        r[0]
        for r in rows("units.tsv")
        if r[1] in ("money", "area", "mass", "length", "volume", "percent")
    ]
    return tuple(sorted(syms, key=len, reverse=True))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in words("stopwords.txt"))


def repair_text(text: str) -> Repaired:
    """Repair every line of a text; line breaks are kept where they are."""
    count = 0
    out_lines = []
    for line in text.split("\n"):
        fixed, n = repair_line(line)
        out_lines.append(fixed)
        count += n
    return Repaired("\n".join(out_lines), count)


def offset_map(old: str, new: str) -> list[int]:
    """Where each offset of `old` lands in `new`. Repair only inserts spaces, so a
    single forward walk aligns the two."""
    out, j = [], 0
    for ch in old:
        while j < len(new) and new[j] != ch:
            j += 1
        out.append(j)
        j += 1
    out.append(len(new))
    return out


_CLEAN: set[str] = set()  # tokens already found to need nothing (most of any text)
MAX_CLEAN = 100_000


def _dirty(tokens: list[str]) -> set[str]:
    """The tokens that may need repair: not seen clean before, and with a letter
    (`1.200`, `15/3`, `(3)` never need anything)."""
    clean, letter = _CLEAN, HAS_LETTER.search
    return {t for t in tokens if t not in clean and letter(t)}


_ZEROS = str.maketrans("123456789", "000000000")


def _numeric_token(tok: str) -> str:
    """The repair of a token with digits, through its shape (`72-NQ/TW` -> `00-NQ/TW`):
    repair reads digits only as digits, and such tokens rarely repeat but their
    shapes do, so the shape's repair is what is remembered."""
    shape = tok.translate(_ZEROS)
    fixed = _token(shape)
    if fixed == shape:
        return tok
    out, i = [], 0
    for ch in fixed:  # repair only inserts spaces: copy the token, keep the insertions
        if i < len(tok) and ch == shape[i]:
            out.append(tok[i])
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def repair_line(line: str, tokens: list[str] | None = None) -> tuple[str, int]:
    """The line repaired and the number of repairs; `tokens`, when the caller has
    them, are `line.split()`."""
    dashes = 0
    if " -" in line:
        line, dashes = LOOSE_DASH.subn(" - ", line)
        tokens = None
    dirty = _dirty(line.split() if tokens is None else tokens)
    if not dirty:
        return line, dashes
    changed = {}
    for tok in dirty:
        if len(tok) > MAX_TOKEN:
            continue  # not words glued by a scraper: left as written, in linear time
        numeric = HAS_DIGIT.search(tok) is not None  # remembered by its shape, not as clean
        fixed = _numeric_token(tok) if numeric else _token(tok)
        if fixed != tok:
            changed[tok] = fixed
        elif not numeric and len(_CLEAN) < MAX_CLEAN:
            _CLEAN.add(tok)
    if not changed:
        return line, dashes
    parts = SPACES.split(line)  # words at even indexes, the spaces between at odd ones
    count = sum(1 for tok in parts[::2] if tok in changed)
    return "".join([changed.get(p, p) for p in parts]), dashes + count


@lru_cache(maxsize=65536)
def _token(tok: str) -> str:
    """The repair of one whitespace-delimited token (pure, so memoised: a report
    repeats its vocabulary, and this is the hot path)."""
    if tok.isalpha() and is_syllable(tok):
        return tok
    split = AFTER_PUNCT.sub(lambda m: (m.group(1) or m.group(2)) + " ", tok)
    if split != tok:
        return " ".join(_token(part) for part in split.split(" "))
    if _protected(tok):
        return _number_tail(tok)
    tok = OPEN_BRACKET.sub(" ", tok)
    tok = CLOSE_QUOTE.sub(" ", tok)
    tok = LETTERS_DIGITS.sub(_letters_digits, tok)
    tok = re.sub(r"  +", " ", tok)
    tok = _digits_letters(tok)
    return " ".join(_word(part) for part in tok.split(" "))


def _protected(tok: str) -> bool:
    """Domains, URLs, e-mail addresses and document numbers are never touched."""
    if "://" in tok or "@" in tok or DOMAIN.search(tok):
        return True
    if FILE_OR_HASH.search(tok):
        return True  # file names and hashes
    return bool(DOC_NUMBER.search(tok))


NUMBER_TAIL = re.compile(rf"(?<={UPPER}{UPPER})([^\W\d_]{{2,}})([^\w]*)$")


def _number_tail(tok: str) -> str:
    """`45-NQ/TWcủa` -> `45-NQ/TW của`: a word glued after a document number's code."""
    m = NUMBER_TAIL.search(tok)
    if m and m.group(1).islower() and is_syllable(m.group(1)) and re.search(r"\d[/-]", tok):
        return f"{tok[: m.start()]} {tok[m.start() :]}"
    return tok


def _letters_digits(m: re.Match[str]) -> str:
    """`ngày18/5`, `với322` split; `km2`, `m2`, `Q1`, `MTQG1719` (symbols, codes) do not."""
    word = m.group(1)
    cased = word.islower() or (word[0].isupper() and word[1:].islower())
    return f"{word} " if cased and (is_syllable(word) or split_glued(word)) else word


def _digits_letters(tok: str) -> str:
    m = DIGITS_LETTERS.search(tok)
    if not m:
        return tok
    rest = tok[m.start() :]
    if any(rest.startswith(u) and not rest[len(u) : len(u) + 1].isalpha() for u in _unit_symbols()):
        return tok  # `100ha`, `136.000.000đồng`: the unit typed onto its number
    word = re.match(rf"{L}+", rest).group(0)  # type: ignore[union-attr]
    if not (is_syllable(word) or split_glued(word)):
        return tok  # `2a`, `3km2x`: not a word
    return tok[: m.start()] + " " + rest


def _word(part: str) -> str:
    core = WORD_CORE.match(part)
    if not core:
        return part
    lead, word, trail = core.groups()
    if "&" in word:  # `KH&CNViệt`: only the last segment can carry a glued word
        head, _, last = word.rpartition("&")
        return f"{lead}{head}&{_word(last)}{trail}"
    return f"{lead}{_split(word)}{trail}"


@cache
def _whole_words() -> frozenset[str]:
    """Words the unit list spells as one (`đôla`, `hécta`): words, not two glued."""
    return frozenset(match_key(r[0]) for r in rows("units.tsv") if r[0].isalpha())


def _split(word: str) -> str:
    if match_key(word) in _whole_words():
        return word
    pieces = split_glued(word)
    if pieces and len(pieces) <= MAX_PIECES:
        if word.isascii() and min(len(p) for p in pieces) < MIN_ASCII_PIECE:
            return word
        return " ".join(pieces)
    if pieces is None and not is_syllable(word):
        return _function_word_split(word)
    return word


@cache
def _function_words_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_function_words(), key=len, reverse=True))


def _function_word_split(word: str) -> str:
    """`Webstiecủa` -> `Webstie của`, `trênWebstie` -> `trên Webstie`."""
    if len(word) < 5:
        return word
    for fw in _function_words_longest_first():
        n = len(fw)
        if len(word) - n >= 3 and match_key(word[-n:]) == fw and word[-n - 1].islower():
            return f"{word[:-n]} {word[-n:]}"
        if len(word) - n >= 3 and match_key(word[:n]) == fw and word[n].isupper():
            return f"{word[:n]} {word[n:]}"
    return word
