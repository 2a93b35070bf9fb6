"""Help Python's `re` scan fast: it skips ahead quickly only to where a pattern's
first character can match, and only when that first thing is a literal or a class.

A pattern that opens with `\\b`, a look-behind, `(?i)` or a repeat (`\\d{1,2}`) is
therefore tried at every position. These helpers split off the zero-width
opening (to be checked where a match starts, which finds exactly the same
matches), unroll an opening repeat (`\\d\\d{0,1}`: the same matches, opening with
a class) and lowercase a pattern so that it can run case-sensitively on
lowercased text. A pattern that opens with plain words is tried only where one
of them occurs: found with `str.find`, or, for the many patterns run over one
text, all in one pass (`WordIndex`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cached_property, lru_cache

from ahocorasick_rs import AhoCorasick


def split_lead(pattern: str) -> tuple[str, str]:
    """`(?<!tổng)\\bsố\\s+\\d+` -> (`(?<!tổng)\\b`, `số\\s+\\d+`): the zero-width opening."""
    i = 0
    while True:
        if pattern.startswith(r"\b", i):
            i += 2
        elif pattern.startswith(("(?<!", "(?<="), i):
            i = _group_end(pattern, i)
        else:
            return pattern[:i], pattern[i:]


_OPENING_REPEAT = re.compile(r"(\\[dws]|\[(?:\\.|[^\]\\])+\])(?:\+|\{1,(\d+)\})(?![?+])")


def unroll_opening(body: str) -> str:
    """`\\d{1,2}/...` -> `\\d\\d{0,1}/...`, `\\d+` -> `\\d\\d*`: the same matches, but
    `re` skips ahead only to a pattern whose first item is a class, not a repeat."""
    m = _OPENING_REPEAT.match(body)
    if m is None:
        return body
    atom, most = m.group(1), m.group(2)
    rest = f"{{0,{int(most) - 1}}}" if most else "*"
    return f"{atom}{atom}{rest}{body[m.end() :]}"


def _group_end(pattern: str, i: int) -> int:
    """The index just past the group opening at `i` (escapes and classes respected)."""
    depth, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in pattern {pattern!r}")


def lower_literals(pattern: str) -> str:
    """Lowercase a pattern's letters but not its escapes (`\\S` must stay `\\S`)."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


@lru_cache(maxsize=4)  # a document's figures and citations both ask for its text
def lowered(text: str) -> str | None:
    """The text lowercased with every offset kept, or None where lowercasing would
    shift offsets (never for Vietnamese; `İ` is the usual exception)."""
    low = text.lower()
    return low if len(low) == len(text) else None


class FastPattern:
    """A pattern compiled so that `re` can scan for it quickly, finding what the
    pattern as written finds. `(?i)` patterns are matched on the lowercased text:
    pass that as `lower` (from `lowered()`) to share it between patterns."""

    def __init__(self, pattern: str) -> None:
        self.caseless = pattern.startswith("(?i)")
        if self.caseless:
            pattern = lower_literals(pattern[4:])
        lead, body = split_lead(pattern)
        flags = re.IGNORECASE if self.caseless else 0
        self.body = re.compile(unroll_opening(body))
        self._folded_source = (body, flags)
        self.lead = re.compile(lead, flags) if lead else None
        self.words = leading_words(body)
        self.pattern = pattern

    @cached_property
    def folded(self) -> re.Pattern[str]:
        """The body, case-insensitive: for text whose lowercasing would shift offsets."""
        return re.compile(*self._folded_source)

    def _target(self, text: str, lower: str | None) -> tuple[re.Pattern[str], str]:
        """The compiled body and what it runs on: for a `(?i)` pattern the lowercased
        text, or the text itself with the case-folded body where lowercasing would
        shift offsets."""
        if not self.caseless:
            return self.body, text
        lower = lower if lower is not None else lowered(text)
        return (self.body, lower) if lower is not None else (self.folded, text)

    def finditer(
        self, text: str, lower: str | None = None, index: WordIndex | None = None
    ) -> Iterator[re.Match[str]]:
        """Matches over `text` (or, for a `(?i)` pattern, over `lower`, same offsets);
        `index`, when it covers the text, has the opening words' places."""
        body, subject = self._target(text, lower)
        if self.words is not None and body is self.body:
            yield from self._at(self._starts(subject, index), subject)
            return
        pos = 0
        while m := body.search(subject, pos):
            s, e = m.span()
            if self.lead is not None and not self.lead.match(subject, s):
                pos = s + 1  # the whole pattern fails here; try the next position
                continue
            yield m
            pos = e if e > s else e + 1

    def spans(
        self,
        text: str,
        lower: str | None = None,
        windows: list[tuple[int, int]] | None = None,
        index: WordIndex | None = None,
    ) -> list[tuple[int, int]]:
        """The spans `finditer` finds in each of `windows` (in order, apart), in one
        call: a non-quantity rule is tried in dozens of short windows a page, and a
        generator for each cost more than the matching."""
        body, subject = self._target(text, lower)
        if windows is None:
            windows = [(0, len(subject))]
        if self.words is not None and body is self.body:
            return self._spans_at(self._starts(subject, index), subject, windows)
        out, search, lead = [], body.search, self.lead
        for pos, end in windows:
            while m := search(subject, pos, end):
                s, e = m.span()
                if lead is not None and not lead.match(subject, s):
                    pos = s + 1
                    continue
                out.append((s, e))
                pos = e if e > s else e + 1
        return out

    def _starts(self, subject: str, index: WordIndex | None) -> list[int]:
        """Where the opening words occur in `subject` (from `index` when it covers it)."""
        words = self.words or ()
        if index is not None and index.covers(subject):
            return index.positions(words)
        return word_positions(words, subject)

    def _spans_at(
        self, starts: list[int], subject: str, windows: list[tuple[int, int]]
    ) -> list[tuple[int, int]]:
        """`spans` where the opening words are at `starts` (of the whole subject): a
        start whose word runs past its window's end cannot match within it."""
        out, match, lead = [], self.body.match, self.lead
        k, n = 0, len(starts)
        for pos, end in windows:
            while k < n and starts[k] < pos:
                k += 1
            after = pos
            while k < n and starts[k] < end:
                s = starts[k]
                k += 1
                if s < after or (m := match(subject, s, end)) is None:
                    continue
                if lead is not None and not lead.match(subject, s):
                    continue
                e = m.end()
                out.append((s, e))
                after = e if e > s else s + 1
        return out

    def _at(self, starts: list[int], subject: str) -> Iterator[re.Match[str]]:
        """The same matches, tried only where one of the opening words occurs (`starts`):
        finding the words is far quicker than `re` trying every position."""
        after = 0
        for s in starts:
            if s < after:
                continue
            m = self.body.match(subject, s)
            if m is None or (self.lead is not None and not self.lead.match(subject, s)):
                continue
            yield m
            after = m.end() if m.end() > s else s + 1


def word_positions(
    words: tuple[str, ...], subject: str, pos: int = 0, end: int | None = None
) -> list[int]:
    """Every offset where one of `words` occurs in subject[pos:end], in order."""
    end = len(subject) if end is None else end
    found: set[int] = set()
    for word in words:
        i = subject.find(word, pos, end)
        while i >= 0:
            found.add(i)
            i = subject.find(word, i + 1, end)
    return sorted(found)


FEW_WORDS = 8  # (measured in instructions: the automaton takes its text as UTF-8, a copy)


class WordIndex:
    """Where each of many plain words occurs in one text, found in a single pass (an
    Aho-Corasick automaton) rather than one `str.find` scan of the text per word:
    for the dozens of opening words of the patterns run over the same text.

    Built over `lowered(original)` with `original` given, the index serves patterns
    over either text: a word's places in the original are among its lowercase's places
    in the lowered text (same offsets), and a pattern tried at a few more places finds
    the same matches, since it is matched there itself."""

    def __init__(self, subject: str, words: Iterable[str], original: str | None = None) -> None:
        self.subject = subject
        self.original = original
        asked = words if isinstance(words, frozenset) else frozenset(words)
        vocabulary = _vocabulary(asked, original is not None)
        if len(vocabulary) <= FEW_WORDS:  # a few `str.find` scans cost less than the automaton
            self._at = {w: word_positions((w,), subject) for w in vocabulary}
            return
        found = _automaton(vocabulary).find_matches_as_indexes(subject, overlapping=True)
        lists: list[list[int]] = [[] for _ in vocabulary]
        add = [places.append for places in lists]  # by the automaton's word number
        for i, start, _ in found:  # by end, so each word's starts come in order
            add[i](start)
        self._at = dict(zip(vocabulary, lists, strict=True))

    def covers(self, subject: str) -> bool:
        """Whether the index can give the places of words in `subject`."""
        return subject is self.subject or (self.original is not None and subject is self.original)

    def positions(self, words: tuple[str, ...], pos: int = 0, end: int | None = None) -> list[int]:
        """What `word_positions(words, subject, pos, end)` gives (words indexed here); for
        the original text, those places and perhaps a few more (see the class)."""
        end = len(self.subject) if end is None else end
        if len(words) == 1:  # one word's starts are in order already
            at = self._places(words[0])
            return at[bisect_left(at, pos) : bisect_right(at, end - len(words[0]))]
        known, occurring = self._at.get, []
        for word in words:
            at = known(word)
            if at is None:
                at = self._places(word)
            if at:  # most of a rule's words are not in a given text
                occurring.append((word, at))
        if len(occurring) == 1:
            word, at = occurring[0]
            return at[bisect_left(at, pos) : bisect_right(at, end - len(word))]
        found: set[int] = set()
        for word, at in occurring:
            found.update(at[bisect_left(at, pos) : bisect_right(at, end - len(word))])
        return sorted(found)

    def _places(self, word: str) -> list[int]:
        at = self._at.get(word)
        if at is None:  # a word asked in its own case, or one nobody shared
            key = word.lower() if self.original is not None else word
            if len(key) != len(word):  # `İ`: its lowercase is longer; look in the original
                at = word_positions((word,), self.original or self.subject)
            else:
                at = self._at.get(key)
                at = word_positions((key,), self.subject) if at is None else at
            self._at[word] = at
        return at


@lru_cache(maxsize=16)
def _vocabulary(asked: frozenset[str], folded: bool) -> tuple[str, ...]:
    """The words an index looks for, in a fixed order (lowercased when `folded`, but
    for those whose lowercase has another length: see `_places`): worked out once per
    set of words, not per text."""
    if not folded:
        return tuple(sorted(asked))
    return tuple(sorted({w.lower() for w in asked if len(w.lower()) == len(w)}))


_SHARED: set[str] = set()  # the opening words of the patterns run over whole texts


def share_words(words: Iterable[str]) -> None:
    """Add opening words to `text_index`'s vocabulary: each extractor shares the words its
    whole-text patterns open with, and one pass over the text finds them all."""
    _SHARED.update(w.lower() for w in words)


def text_index(text: str) -> WordIndex | None:
    """The places of every shared word in `text`, found once for all the extractors that
    scan it (None where lowercasing would shift offsets: patterns then find their own)."""
    low = lowered(text)
    return _text_index(text, low, frozenset(_SHARED)) if low is not None else None


@lru_cache(maxsize=4)  # like `lowered`: a document's figures and citations ask in turn
def _text_index(text: str, low: str, vocabulary: frozenset[str]) -> WordIndex:
    return WordIndex(low, vocabulary, original=text)


@lru_cache(maxsize=64)
def _automaton(vocabulary: tuple[str, ...]) -> AhoCorasick:
    return AhoCorasick(list(vocabulary))  # standard match kind: every match, overlapping


_PLAIN = r"(?:[^()\[\]\\|?*+{}.^$]|\\[^\w\s|])+"  # literal characters, escaped punctuation
_WORDS_OPENING = re.compile(rf"\(\?(?::|P<\w+>)((?:{_PLAIN}\|)*{_PLAIN})\)(?![?*+{{])")
_ESCAPE = re.compile(r"\\([^\w\s])")


def leading_words(body: str) -> tuple[str, ...] | None:
    """`(?:quận|phường|khu phố)\\s+\\d+` -> ('quận', 'phường', 'khu phố') (a named group
    too), `[/-]\\s*` -> ('/', '-'): the plain words every match opens with, or None when
    it does not open so."""
    if m := _WORDS_OPENING.match(body):
        return tuple(_ESCAPE.sub(r"\1", w) for w in m.group(1).split("|"))
    return _class_opening(body)


def _class_opening(body: str) -> tuple[str, ...] | None:
    """The characters of a plain class (`[/-]`, `[.\\-]`: no ranges, escapes of letters
    or negation) that a pattern opens with, once and not optionally."""
    if not body.startswith("[") or body.startswith("[^"):
        return None
    chars, i = [], 1
    while i < len(body) and body[i] != "]":
        c = body[i]
        if c == "\\":
            if i + 1 >= len(body) or body[i + 1].isalnum() or body[i + 1].isspace():
                return None  # `\\d`, `\\s`: a class of its own
            c, i = body[i + 1], i + 1
        elif c == "-" and 1 < i and body[i + 1] != "]":
            return None  # a range
        chars.append(c)
        i += 1
    if i >= len(body) or not chars or body[i + 1 : i + 2] in ("?", "*", "{"):
        return None
    return tuple(dict.fromkeys(chars))
