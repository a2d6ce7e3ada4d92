"""Pronoun and description speakers: the mechanisms by which `he`, `she` and `the senator` find their person."""

from syria_corpus.gender import Gender, of_name
from syria_corpus.nlp.analyse import analyse
from syria_corpus.read.segment import segment


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


def test_a_pronoun_subject_carries_its_person_over_a_name_in_a_subordinate_clause(nlp):
    text = (
        '"We came here to be heard," said Walter Brennig, a delegate from Ohio.\n\n'
        "He said that he had worked hard and noted that Tom Rudd had already conceded defeat.\n\n"
        '"The platform still matters to us," he said.'
    )
    assert _speakers(nlp, text)[-1] == ("Walter Brennig", "he")


def test_the_main_subject_outranks_a_speaker_in_a_subordinate_clause(nlp):
    text = (
        "Ellen Parkes spoke to reporters on Tuesday.\n\n"
        "Parkes seemed unsure when the anchor Jane Rudd asked whether the party could keep the seat.\n\n"
        '"Nobody can say that yet," she said.'
    )
    assert _speakers(nlp, text)[-1] == ("Ellen Parkes", "she")


def test_the_sentence_before_a_pronoun_stops_at_a_paragraph_break(nlp):
    text = (
        'Governor Walter Brennig spoke first. "The budget is balanced," Brennig said\n\n'
        "Senator Mark Dolby weighed in as well, telling reporters: "
        '"The budget is a fiction," he said.'
    )
    assert _speakers(nlp, text)[-1] == ("Mark Dolby", "he")


def test_a_chain_of_pronouns_that_leads_to_nobody_falls_back_on_the_last_name(nlp):
    text = (
        "He is back on the trail.\n\n"
        "Walter Brennig's voice was quieter than in his own campaign.\n\n"
        '"This is what I came to say: we will win," he told them.'
    )
    assert _speakers(nlp, text)[-1] == ("Walter Brennig", "he")


def test_a_pronoun_after_a_person_named_in_passing_in_the_sentence_before(nlp):
    text = (
        '"We will keep the factory open," Walter Brennig said on Monday.\n\n'
        "The union printed a leaflet. It quotes a letter from Tom Rudd, the plant's oldest worker. "
        '"Nobody asked us what we wanted," he wrote.'
    )
    assert _speakers(nlp, text)[-1] == ("Tom Rudd", "he")


def test_no_person_named_in_passing_when_another_of_that_gender_is_named_beside_him(nlp):
    text = (
        '"We will keep the factory open," Walter Brennig said on Monday.\n\n'
        "The rise of Tom Rudd gave Brennig a reason to fight. "
        '"Nobody asked us what we wanted," he said.'
    )
    assert _speakers(nlp, text)[-1] == ("Walter Brennig", "he")


def test_common_american_given_names_have_a_gender():
    assert [of_name(n) for n in ("Barack Obama", "Arianna Huffington", "Corey Lewandowski", "Debra Hamlin")] == [
        Gender.MALE,
        Gender.FEMALE,
        Gender.MALE,
        Gender.FEMALE,
    ]


def test_she_skips_a_man_known_by_his_given_name(nlp):
    text = (
        "Corey Lambert, the mayor, and Wendy Falk, his deputy, met on Monday.\n\n"
        "Falk later spoke to reporters outside the hall.\n\n"
        "Lambert walked out early.\n\n"
        '"The budget is balanced," she said.'
    )
    assert _speakers(nlp, text)[-1] == ("Wendy Falk", "she")
