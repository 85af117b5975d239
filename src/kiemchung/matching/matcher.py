"""The claim matcher: BM25 candidates, feature rerank, calibrated decision, highlights."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from kiemchung import records
from kiemchung.errors import ModelError, ValidationError
from kiemchung.matching._pairs import PairTable, RowExtras, feature_matrix
from kiemchung.matching._prep import (
    PREP_VERSION,
    _fold_lower,
    bigrams,
    index_tokens,
    prepare,
    query_tokens,
    tokens_of,
)
from kiemchung.matching.features import (
    FEATURES,
    CalibratedModel,
    PairView,
    idf_of,
    load_model,
)
from kiemchung.matching.lexical import LexicalIndex, load_arrays, save_arrays, terms_of
from kiemchung.text._batch import as_batch

log = logging.getLogger(__name__)

MATCHER_NAME = "match.v1"
INDEX_FORMAT = 2
"""2: the index also stores each entry's numbers, domains and names (``extras``)."""
_WORD = re.compile(r"\S+")
_WORDS_CACHE = 4096  # claims whose words are kept for highlighting (the often matched)
_EDGE = re.compile(r"^[^\w]+|[^\w]+$")


class Matcher:
    """Fact-check library index with calibrated match decisions.

    ``Matcher.build(factchecks)`` indexes a library; ``match(texts)`` returns one
    :class:`records.MatchResult` per text. Items keep their ``id``; adding an item whose
    id exists replaces it.
    """

    name = MATCHER_NAME

    def __init__(self, *, model: CalibratedModel | None = None, candidates: int = 30,
                 match_threshold: float | None = None,
                 maybe_threshold: float | None = None) -> None:
        self.model = model if model is not None else load_model()
        self.candidates = candidates
        self.match_threshold = self.model.match_threshold
        self.maybe_threshold = self.model.maybe_threshold
        self.set_thresholds(match=match_threshold, maybe=maybe_threshold)
        self.index_ = LexicalIndex()
        self.items_: list[records.FactCheck] = []
        self.rows_: dict[str, int] = {}
        self.pairs_ = PairTable()
        self._words_cache: dict[int, list[tuple[str, tuple[str, ...]]]] = {}

    def set_thresholds(self, *, match: float | None = None,
                       maybe: float | None = None) -> Matcher:
        """Override the calibrated thresholds (``None`` or 0 keeps the current value)."""
        self.match_threshold = match or self.match_threshold
        self.maybe_threshold = maybe or self.maybe_threshold
        if self.maybe_threshold > self.match_threshold:
            raise ValidationError("the 'maybe' threshold is above the 'match' threshold",
                                  field="maybe_threshold",
                                  expected=f"<= {self.match_threshold}",
                                  received=self.maybe_threshold)
        return self

    # -- library ---------------------------------------------------------------------------
    @classmethod
    def build(cls, factchecks: Sequence[records.FactCheck], **options: Any) -> Matcher:
        """Index a library of fact-checks."""
        return cls(**options).add(factchecks)

    def __len__(self) -> int:
        return len(self.items_)

    def __contains__(self, fc_id: object) -> bool:
        return fc_id in self.rows_

    @property
    def ids(self) -> list[str]:
        return [fc.id for fc in self.items_]

    def add(self, factchecks: Iterable[records.FactCheck]) -> Matcher:
        """Add (or replace, by id) fact-checks; returns ``self``."""
        new: dict[str, records.FactCheck] = {}
        for fc in factchecks:
            if not isinstance(fc, records.FactCheck):
                raise ValidationError("not a fact-check", expected="records.FactCheck",
                                      received=type(fc).__name__)
            if not fc.claim or not fc.claim.strip():
                raise ValidationError("fact-check has an empty claim", field="claim",
                                      expected="text", received=fc.id)
            new[fc.id] = fc
        replaced = [fid for fid in new if fid in self.rows_]
        if replaced:
            self.remove(replaced)
        batch = list(new.values())
        claims = [fc.claim for fc in batch]
        folded = [_fold_lower(c) for c in claims]  # once for the index and the extras
        self.index_.add(terms_of(tokens_of(f, query=False)) for f in folded)
        self.pairs_.add_rows(claims, folded)
        self.pairs_.refresh(self.index_)
        for fc in batch:
            self.rows_[fc.id] = len(self.items_)
            self.items_.append(fc)
        return self

    def remove(self, ids: Iterable[str]) -> Matcher:
        """Remove fact-checks by id (unknown ids are ignored); returns ``self``."""
        rows = sorted({self.rows_[i] for i in ids if i in self.rows_})
        if not rows:
            return self
        self.index_.remove(rows)
        self.pairs_.remove_rows(rows)
        self.pairs_.refresh(self.index_)
        self._words_cache = {}
        gone = set(rows)
        self.items_ = [fc for r, fc in enumerate(self.items_) if r not in gone]
        self.rows_ = {fc.id: r for r, fc in enumerate(self.items_)}
        return self

    def get(self, fc_id: str) -> records.FactCheck:
        try:
            return self.items_[self.rows_[fc_id]]
        except KeyError as err:
            raise ValidationError("unknown fact-check id", field="id",
                                  expected="an id in the library", received=fc_id) from err

    # -- matching --------------------------------------------------------------------------
    def search(self, texts: Sequence[str], *, k: int = 30) -> list[list[tuple[str, float]]]:
        """Stage 1 only: BM25 candidates (id, score) per text, best first."""
        texts = as_batch(texts)
        queries = [terms_of(query_tokens(t)) for t in texts]
        return [[(self.items_[r].id, float(s)) for r, s in zip(rows, scores, strict=True)]
                for rows, scores in self.index_.search(queries, k=k)]

    def match(self, texts: Sequence[str], *, top_k: int = 5) -> list[records.MatchResult]:
        """Match each text against the library: decision plus the best ``top_k`` matches."""
        texts = as_batch(texts)
        preps = [prepare(t, query=True) for t in texts]
        hits = self.index_.search([terms_of(p.tokens) for p in preps], k=self.candidates)
        results = []
        for prep, (rows, scores) in zip(preps, hits, strict=True):
            results.append(self._rerank(PairView(prep), rows, scores, top_k=top_k))
        return results

    def feature_rows(self, text: str) -> tuple[list[int], np.ndarray]:
        """Candidate rows and their feature matrix for one text (used to train the model)."""
        prep = prepare(text, query=True)
        ((rows, scores),) = self.index_.search([terms_of(prep.tokens)], k=self.candidates)
        return [int(r) for r in rows], self._features(PairView(prep), rows, scores)

    def _features(self, query: PairView, rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """Feature rows of ``query`` against the candidate ``rows`` (see ``_pairs``)."""
        if rows.size == 0:
            return np.zeros((0, len(FEATURES)))
        qcols = self.pairs_.query_cols(self.index_, query)
        return feature_matrix(self.pairs_, self.index_, query, qcols, rows, scores)

    def _rerank(self, query: PairView, rows: np.ndarray, scores: np.ndarray, *,
                top_k: int) -> records.MatchResult:
        if rows.size == 0 or not query.prep.tokens:
            return records.MatchResult(decision="none", matches=[])
        matrix = self._features(query, rows, scores)
        probs = self.model.predict(matrix)
        order = np.argsort(-probs, kind="stable")[:top_k]
        matches = []
        for rank, i in enumerate(order):
            fc = self.items_[int(rows[i])]
            matches.append(records.Match(
                id=fc.id, score=float(probs[i]), verdict=fc.verdict or fc.verdict_norm,
                url=fc.url, claim=fc.claim,
                # Phrases are worth computing only for what a person will look at.
                highlights=self._highlights(query, int(rows[i]))
                if rank == 0 and probs[i] >= self.maybe_threshold else [],
                features={name: float(matrix[i, j]) for j, name in enumerate(FEATURES)},
            ))
        best = matches[0].score if matches else 0.0
        decision: records.Decision = (
            "match" if best >= self.match_threshold
            else "maybe" if best >= self.maybe_threshold else "none"
        )
        return records.MatchResult(decision=decision, matches=matches)

    # -- explanation -----------------------------------------------------------------------
    def explain(self, text: str, fc_id: str) -> dict[str, Any]:
        """Why ``text`` matches ``fc_id``: score, decision, features, overlapping phrases."""
        fc = self.get(fc_id)
        row = self.rows_[fc_id]
        query = PairView(prepare(text, query=True))
        ((rows, scores),) = self.index_.search([terms_of(query.prep.tokens)], k=self.candidates)
        if row not in set(int(r) for r in rows):
            rows = np.append(rows, row)
            scores = np.append(scores, 0.0)
        matrix = self._features(query, rows, scores)
        i = int(np.flatnonzero(rows == row)[0])
        score = float(self.model.predict(matrix[i : i + 1])[0])
        return {
            "id": fc.id, "claim": fc.claim, "verdict": fc.verdict or fc.verdict_norm,
            "url": fc.url, "score": score,
            "decision": "match" if score >= self.match_threshold
            else "maybe" if score >= self.maybe_threshold else "none",
            "highlights": self._highlights(query, row),
            "features": {name: float(matrix[i, j]) for j, name in enumerate(FEATURES)},
        }

    def _highlights(self, query: PairView, row: int) -> list[str]:
        """Phrases of the claim (original spelling) whose words also occur in the text."""
        words = self._words(row)
        flat = [tok for _, toks in words for tok in toks]
        owner = [i for i, (_, toks) in enumerate(words) for _ in toks]
        marked = [False] * len(words)
        for j, bg in enumerate(bigrams(flat)):
            if bg in query.bigram_set:
                marked[owner[j]] = marked[owner[j + 1]] = True
        for j, tok in enumerate(flat):
            if tok in query.tokens and idf_of(tok) >= 6.0 and tok.isalpha():
                marked[owner[j]] = True
        phrases: list[str] = []
        run: list[str] = []
        for (word, _), on in zip(words, marked, strict=True):
            if on:
                run.append(word)
            elif run:
                phrases.append(_EDGE.sub("", " ".join(run)))
                run = []
        if run:
            phrases.append(_EDGE.sub("", " ".join(run)))
        return [p for p in phrases if p]

    def _words(self, row: int) -> list[tuple[str, tuple[str, ...]]]:
        cached = self._words_cache.get(row)
        if cached is None:
            claim = self.items_[row].claim
            cached = [(m.group(0), tuple(index_tokens(m.group(0))))
                      for m in _WORD.finditer(claim)]
            if len(self._words_cache) >= _WORDS_CACHE:
                self._words_cache = {}
            self._words_cache[row] = cached
        return cached

    # -- persistence -----------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the index to a folder: ``matcher.json`` + ``counts.npz`` (no pickle)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": INDEX_FORMAT, "matcher": self.name, "prep_version": PREP_VERSION,
            "model": self.model.to_json(), "candidates": self.candidates,
            "thresholds": {"match": self.match_threshold, "maybe": self.maybe_threshold},
            "vocab": self.index_.vocab_list(),
            "items": [_fc_to_json(fc) for fc in self.items_],
            "extras": [e.to_json() for e in self.pairs_.extras],
        }
        (folder / "matcher.json").write_text(json.dumps(meta, ensure_ascii=False),
                                             encoding="utf-8")
        save_arrays(folder / "counts.npz", self.index_.to_arrays())
        return folder

    @classmethod
    def load(cls, path: str | Path) -> Matcher:
        """Read an index written by :meth:`save`; rebuilt if preparation changed since."""
        folder = Path(path)
        try:
            meta = json.loads((folder / "matcher.json").read_text(encoding="utf-8"))
            arrays = load_arrays(folder / "counts.npz")
        except (OSError, ValueError) as err:
            raise ModelError(f"cannot read matcher index: {err}", source=str(folder)) from err
        if meta.get("format") != INDEX_FORMAT or meta.get("matcher") != MATCHER_NAME:
            raise ModelError("matcher index of another version", source=str(folder),
                             expected=f"{MATCHER_NAME} format {INDEX_FORMAT}",
                             received=f"{meta.get('matcher')} format {meta.get('format')}")
        items = [_fc_from_json(d) for d in meta["items"]]
        matcher = cls(model=CalibratedModel.from_json(meta["model"]),
                      candidates=int(meta["candidates"]),
                      match_threshold=float(meta["thresholds"]["match"]),
                      maybe_threshold=float(meta["thresholds"]["maybe"]))
        if meta.get("prep_version") != PREP_VERSION:
            log.info("matcher index at %s was prepared differently; rebuilding", folder)
            return matcher.add(items)
        matcher.index_ = LexicalIndex.from_arrays(arrays, list(meta["vocab"]))
        matcher.items_ = items
        matcher.rows_ = {fc.id: r for r, fc in enumerate(items)}
        try:
            extras = [RowExtras.from_json(e) for e in meta["extras"]]
        except (KeyError, TypeError, ValueError) as err:
            raise ModelError(f"matcher index has unreadable extras: {err}",
                             source=str(folder)) from err
        if not (matcher.index_.size == len(items) == len(extras)):
            raise ModelError("matcher index is inconsistent: rows differ from items",
                             source=str(folder))
        matcher.pairs_.set_extras(extras)
        matcher.pairs_.refresh(matcher.index_)
        return matcher


def _fc_to_json(fc: records.FactCheck) -> dict[str, Any]:
    data = asdict(fc)
    if fc.published_at is not None:
        data["published_at"] = fc.published_at.isoformat()
    return data


def _fc_from_json(data: dict[str, Any]) -> records.FactCheck:
    published = data.get("published_at")
    return records.FactCheck(
        id=str(data["id"]), claim=str(data["claim"]), verdict=data.get("verdict"),
        verdict_norm=data.get("verdict_norm"), summary=data.get("summary"), url=data.get("url"),
        publisher=data.get("publisher"),
        published_at=datetime.fromisoformat(published) if published else None,
        language=data.get("language") or "vi", tags=list(data.get("tags") or []),
        extra=dict(data.get("extra") or {}),
    )


class EvidenceIndex:
    """The evidence library (official statements, news), searched like the fact-checks.

    Items are indexed by title and the start of their text; :meth:`search` returns the
    best items per query, ranked by the same calibrated score (no decision: evidence
    supports a reviewer, it never answers automatically).
    """

    name = "evidence.v1"
    TEXT_CHARS = 600

    def __init__(self, **options: Any) -> None:
        self._matcher = Matcher(**options)
        self.items_: dict[str, records.Evidence] = {}

    @classmethod
    def build(cls, evidence: Sequence[records.Evidence], **options: Any) -> EvidenceIndex:
        """Index evidence items."""
        return cls(**options).add(evidence)

    def __len__(self) -> int:
        return len(self._matcher)

    def add(self, evidence: Iterable[records.Evidence]) -> EvidenceIndex:
        """Add (or replace, by id) evidence items; returns ``self``."""
        batch = [e for e in evidence if (e.title or e.text).strip()]
        self._matcher.add(records.FactCheck(
            id=e.id, claim=f"{e.title}. {e.text[: self.TEXT_CHARS]}".strip(" ."),
            url=e.url, publisher=e.publisher, published_at=e.published_at) for e in batch)
        self.items_.update((e.id, e) for e in batch)
        return self

    def remove(self, ids: Iterable[str]) -> EvidenceIndex:
        """Remove evidence items by id; returns ``self``."""
        ids = list(ids)
        self._matcher.remove(ids)
        for i in ids:
            self.items_.pop(i, None)
        return self

    def search(self, texts: Sequence[str], *, top_k: int = 5) -> list[list[records.Match]]:
        """The best evidence items for each text, with highlighted shared phrases."""
        results = self._matcher.match(texts, top_k=top_k)
        for result in results:
            for m in result.matches:
                m.verdict = None
        return [r.matches for r in results]
