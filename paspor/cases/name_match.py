"""Matching Indonesian names across spelling variants, for the travel-ban check.

Pure functions (rapidfuzz, no Django). A name is first reduced to a spelling-neutral form:

1. titles and degrees go (``H.``, ``Dr.``, ``S.H.``: the same list as the MRZ), letters with marks
   lose them, everything but letters is a separator;
2. the old (pre-1972, Van Ophuijsen / Soewandi) spellings still on many documents are written
   the new way: ``oe``→``u`` (Soeharto), ``dj``→``j`` (Djoko), ``tj``→``c`` (Tjahjo),
   ``sj``→``sy``, ``nj``→``ny``, ``ch``→``h`` (Achmad, Mochammad);
3. transliterations of Arabic names converge: ``kh``→``h`` (Khairul/Hairul), ``dh``→``d``
   (Ramadhan), ``th``→``t`` (Fathur), ``ph``→``f``, ``q``→``k`` (Taufiq), a final ``y``→``i``
   (Rizky), ``o``→``u`` (Mohamad/Muhamad, Noor/Nur), doubled letters once (Muhammad/Muhamad);
4. ``y`` and ``j`` become one letter: the old ``j`` is today's ``y`` (Jusuf/Yusuf, Tjahjo/Cahyo)
   while the old ``dj`` is today's ``j`` (Djoko/Joko), so only a shared letter keeps both.

Two reduced names are then scored 0–100 as the better of

* rapidfuzz ``token_sort_ratio`` — the same words in any order, each slightly misspelt;
* a *soft subset* score — every word of the shorter name paired with its closest word in the
  longer one, averaged by length. This carries one-word names (common in Indonesia: "Suharto")
  and names shortened or extended on another document ("Muhammad Rizki" vs "Muhammad Rizki
  Pratama"). A one-word list name therefore matches any applicant whose name contains that
  word; the birth date, required beside the name, keeps this from flooding the supervisor.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from paspor.lib.mrz import strip_titles

_REWRITES = (
    ("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "h"),
    ("kh", "h"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("q", "k"), ("o", "u"),
)  # fmt: skip
_NOT_LETTERS = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


def name_tokens(name: str) -> list[str]:
    """The spelling-neutral words of a name (module docstring)."""
    plain = unicodedata.normalize("NFKD", strip_titles(name.replace("'", "")))
    ascii_name = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    tokens = []
    for raw in _NOT_LETTERS.split(ascii_name):
        if not raw:
            continue
        token = raw
        for old, new in _REWRITES:
            token = token.replace(old, new)
        token = _DOUBLED.sub(r"\1", token)
        if token.endswith("y") and len(token) > 2:
            token = token[:-1] + "i"
        tokens.append(token.replace("y", "j"))
    return tokens


def _soft_subset(shorter: list[str], longer: list[str]) -> float:
    weights = [len(token) for token in shorter]
    scores = [max(fuzz.ratio(token, other) for other in longer) for token in shorter]
    return sum(s * w for s, w in zip(scores, weights, strict=True)) / sum(weights)


def name_similarity(a: str, b: str) -> float:
    """0–100: how likely two written names are the same name (module docstring)."""
    left, right = name_tokens(a), name_tokens(b)
    if not left or not right:
        return 0.0
    sort_score = fuzz.token_sort_ratio(" ".join(left), " ".join(right))
    shorter, longer = sorted((left, right), key=len)
    return round(max(sort_score, _soft_subset(shorter, longer)), 1)
