"""Pronoun and description speakers: the mechanisms by which `he`, `she` and `the senator` find their person."""

from syria_corpus.analyse import analyse
from syria_corpus.gender import Gender, of_name
from syria_corpus.segment import segment


def _speakers(nlp, text: str) -> list[tuple[str | None, str | None]]:
    result = analyse(nlp, segment(text))
    return [(q.speaker, q.speaker_mention) for q in result.quotes if q.kind == "direct"]


def test_a_surname_that_is_also_a_given_name_gives_no_gender():
    assert of_name("Mattie Thomas") is None
    assert of_name("Gen. Qassem Soleimani") is Gender.MALE
    assert of_name("Christine Todd Whitman") is Gender.FEMALE


def test_she_after_a_woman_whose_surname_is_a_mans_given_name(nlp):
    text = (
        "Barack Obama won the county in 2008.\n\n"
        '"We all remember that night," said Mattie Thomas, a retired nurse from Dillon. She still votes there.\n\n'
        '"Nobody here forgets it," she said.'
    )
    assert _speakers(nlp, text)[-1] == ("Mattie Thomas", "she")
