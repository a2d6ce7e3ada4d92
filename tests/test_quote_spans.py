"""Which marked spans are quotes: titles, labels and identifiers in quote marks are not speech."""

from syria_corpus.nlp.analyse import analyse
from syria_corpus.nlp.quotes import quote_spans
from syria_corpus.read.segment import segment


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


def test_a_show_named_after_a_possessive_is_not_a_quote(nlp):
    text = (
        "On Sky Arabia\u2019s \u201cFrontline,\u201d the general said \u201cthe offensive will begin within days.\u201d"
    )
    assert _quotes(nlp, text) == ["the offensive will begin within days."]


def test_a_marked_noun_modifying_the_next_noun_names_a_thing(nlp):
    text = (
        'The \u201cNightingale\u201d singer said she would sing in Homs again. Under the council\'s "homecoming" '
        'plan, families get shelter, the mayor said. The army carried out "heavy" strikes, the monitor said.'
    )
    assert _quotes(nlp, text) == ["heavy"]


def test_a_headline_credited_to_its_author_in_a_list_is_not_a_quote(nlp):
    text = (
        'CLOSING\u2014"Old cinema to close at the end of May," by the Gazette\'s Jane Doe: "The cinema, which '
        'opened in 1921, will shut its doors for good," she wrote.\n\n'
        '"We will rebuild it," by all accounts, was his favourite line, an aide said.'
    )
    assert _quotes(nlp, text) == [
        "The cinema, which opened in 1921, will shut its doors for good,",
        "We will rebuild it,",
    ]


def test_a_capitalised_title_after_a_work_noun_is_not_a_quote(nlp):
    text = (
        'He acted in the movie "Dust Storm 2: Never Again!" last year. Critics called the film "a triumph," '
        "the paper said."
    )
    assert _quotes(nlp, text) == ["a triumph,"]


def test_capitalised_words_right_after_a_speech_verb_are_said(nlp):
    text = (
        'Outside the embassy the crowd was chanting "Free Aleppo Now." He said "The Russians" would pay. '
        'She told "Evening Desk with Omar Aziz" that "the talks have failed." A group called "Sons of Idlib" '
        "claimed the attack."
    )
    assert _quotes(nlp, text) == ["Free Aleppo Now.", "The Russians", "the talks have failed."]


def test_a_naming_verb_with_a_subject_reports_words(nlp):
    text = (
        'The mayor hoped to end what Haddad called "a water crisis." The brigade calls itself "the Eagles of '
        'the North." A radio station called "the Voice" opened, the paper said.'
    )
    assert _quotes(nlp, text) == ["a water crisis."]


def test_a_name_after_a_naming_verb_and_an_article(nlp):
    text = (
        'A blog, called the "Digest," is run by five writers, the paper said. '
        'He called the "Damascus Accord" a dead letter, the envoy said.'
    )
    assert _quotes(nlp, text) == ["Damascus Accord"]


def test_a_title_right_after_a_verb_of_making_a_work(nlp):
    text = 'The poet who wrote "Silent Harbour" joined the cast, the paper said. She wrote: "Thank You Aleppo."'
    assert _quotes(nlp, text) == ["Thank You Aleppo."]


def test_an_opening_curly_mark_typed_after_a_quote_closes_it():
    text = "\u201cThe count is not over,\u201c said Dana Ruiz, a county clerk. \u201cWe will finish tonight.\u201d"
    assert [text[s:e] for s, e, _ in quote_spans(text, [(0, len(text))])] == [
        "The count is not over,",
        "We will finish tonight.",
    ]


def test_a_nickname_in_quote_marks_is_a_name(nlp):
    text = (
        'A commander of the brigade nicknamed "Abu Hamza al-Iraqi" was among the dead. '
        '"We lost six men on the hill," a spokesman for the brigade said.'
    )
    assert _quotes(nlp, text) == ["We lost six men on the hill,"]


def test_a_sentence_in_marks_before_a_role_and_a_name_is_speech(nlp):
    text = (
        'Fighting went on near the dam. "Our flag flies over the dam. We are clearing the houses of snipers and '
        'mines" brigade spokesman Adam Noor told AFP.'
    )
    assert _quotes(nlp, text) == ["Our flag flies over the dam. We are clearing the houses of snipers and mines"]


def test_a_term_in_marks_as_the_subject_of_a_verb_nobody_reports_is_not_speech(nlp):
    text = (
        'Watch: "Deadly gas cloud" covers at least 40 in Khan Arnabeh - YouTube. '
        'The mayor says "loose talk" about the attack is dangerous.'
    )
    assert _quotes(nlp, text) == ["loose talk"]


def test_a_quote_nested_in_straight_marks_stays_inside_the_outer_quote(nlp):
    text = (
        'The ministry gave no toll. "According to reports confirmed "on the ground" three field commanders '
        'who had hidden in the valley for months were killed" the spokesman said. "We will go on," he added.'
    )
    assert _quotes(nlp, text) == [
        'According to reports confirmed "on the ground" three field commanders who had hidden in the valley for '
        "months were killed",
        "We will go on,",
    ]


def test_a_stray_opening_mark_still_restarts_the_quote(nlp):
    text = 'The envoy spoke of "progress and added "we hope for a deal next week," he said. "Not yet," she said.'
    assert _quotes(nlp, text) == ["we hope for a deal next week,", "Not yet,"]


def test_an_arabic_name_in_marks_is_a_name_past_its_particle(nlp):
    text = (
        'The group suggested the creation of a "Wilayat al-Sahel" for the coast. '
        '"We will hold the coast," a commander of "Liwa al-Haqq" said.'
    )
    assert _quotes(nlp, text) == ["We will hold the coast,"]
