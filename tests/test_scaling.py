"""Attribution stays linear in the length of an article: look-backs walk an index of the floor, and a
sentence the parse ran on over a whole text is looked at only near each quote."""

import random
import time

import pytest

from syria_corpus.nlp.quotes.floor import Entry, Floor, Role


def _naive_latest(entries, role, before, where=None):
    return next(
        (e for e in reversed(entries) if e.pos < before and e.role is role and (where is None or where(e))), None
    )


def test_the_floors_indexed_look_backs_answer_as_a_scan_of_every_entry():
    rng = random.Random(7)
    roles = list(Role)
    floor = Floor(Entry(rng.randrange(500), rng.choice(roles), spoke=rng.random() < 0.5) for _ in range(300))
    for _ in range(200):  # quotes attributed as the walk goes, some at an offset already taken
        floor._add(Entry(rng.randrange(500), rng.choice(roles), plural=rng.random() < 0.5))
    entries = floor.entries
    for before in range(-1, 502, 7):
        for role in roles:
            assert floor.latest(role, before) is _naive_latest(entries, role, before)
            spoke = floor.latest(role, before, lambda e: e.spoke)
            assert spoke is _naive_latest(entries, role, before, lambda e: e.spoke)
            assert floor.all(role, before=before) == [e for e in entries if e.role is role and e.pos < before]
            assert floor.all(role, before=before, after=before - 40) == [
                e for e in entries if e.role is role and before - 40 <= e.pos < before
            ]
        picked = (Role.PERSON, Role.PRONOUN)
        assert list(floor.backwards(before, picked)) == [
            e for e in reversed(entries) if e.pos < before and e.role in picked
        ]
        assert list(floor.backwards(before)) == [e for e in reversed(entries) if e.pos < before]


def _analysis_seconds(nlp, paragraph: str, n: int) -> float:
    from syria_corpus.nlp.analyse import analyse_doc
    from syria_corpus.read.segment import normalise, segment

    page = segment("\n\n".join(paragraph.format(i=i) for i in range(n)), title="A title")
    doc = nlp(normalise(page.body))
    start = time.perf_counter()
    analysis = analyse_doc(nlp, page, doc)
    assert len(analysis.quotes) >= n - 1
    return time.perf_counter() - start


@pytest.mark.slow
@pytest.mark.parametrize(
    ("paragraph", "n"),
    [
        # every quote's pronoun looked back over the whole floor (4,000 paragraphs: 7.8 s of analysis)
        ('"The situation in the city is getting worse every day number {i}," he said.', 1000),
        # no sentence punctuation: one sentence of the whole text, searched for cues once per quote (2,000: 52 s)
        ("\u201cPart {i} of the statement said the minister", 500),
    ],
)
def test_attribution_time_grows_linearly_with_the_article(nlp, paragraph, n):
    short, long = _analysis_seconds(nlp, paragraph, n), _analysis_seconds(nlp, paragraph, 4 * n)
    assert long / short < 8, (short, long)  # linear: about 4; quadratic: 12 and more
