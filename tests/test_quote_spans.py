"""Which marked spans are quotes: titles, labels and identifiers in quote marks are not speech."""

from syria_corpus.analyse import analyse
from syria_corpus.segment import segment


def _quotes(nlp, text: str) -> list[str]:
    result = analyse(nlp, segment(text))
    return [q.text for q in result.quotes if q.kind == "direct"]


def test_titles_with_short_words_in_lower_case_are_not_quotes(nlp):
    text = (
        'The minister told "Morning Talk with Sara Hadid" that "the border will stay open for aid." '
        'She once acted in "Return of the Black Falcon" and now hosts "Damascus is the New Capital" on Sundays.'
    )
    assert _quotes(nlp, text) == ["the border will stay open for aid."]


def test_a_question_inside_capitalised_words_is_speech(nlp):
    text = '"Now, is Aleppo Safe? It Isn\'t," the envoy said.'
    assert _quotes(nlp, text) == ["Now, is Aleppo Safe? It Isn't,"]


def test_single_letters_in_quote_marks_are_not_quotes(nlp):
    text = 'Voters in the district tick "A," or "B," out of habit. "We will count every ballot," the official said.'
    assert _quotes(nlp, text) == ["We will count every ballot,"]
