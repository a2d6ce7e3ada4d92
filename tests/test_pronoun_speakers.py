"""Pronoun and description speakers: the mechanisms by which `he`, `she` and `the senator` find their person."""

from conftest import direct_quotes as _direct
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


def test_a_quote_with_no_cue_after_a_sentence_whose_source_spoke_is_that_source(nlp):
    text = (
        "The blast came after reports of gas in the Sheikh Maqsood district, according to Reuters. "
        '"Twenty people were killed and more than a hundred hurt in the attack on the district." '
        "The army denied it."
    )
    assert _direct(nlp, text) == [("Reuters", "Reuters", None)]


def test_a_quote_with_no_cue_after_a_sentence_that_reports_no_words_has_no_speaker(nlp):
    text = (
        "Critics have noted the posters the party used in its campaign.\n\n"
        '"No special rights for foreigners, and no more mosques in our towns!" (a poster from 2015).'
    )
    assert _direct(nlp, text) == [(None, None, None)]


def test_a_description_of_the_person_who_spoke_in_the_sentence_before_is_that_person(nlp):
    text = (
        "Andrew Mitchell, a former development minister, said British jets could enforce a no-fly zone. "
        '"The world has a duty to protect them," the member of parliament from the governing party said.'
    )
    assert _direct(nlp, text) == [("Andrew Mitchell", "the member of parliament from the governing party", "said")]


def test_a_spokesman_after_the_person_who_spoke_is_someone_else(nlp):
    text = (
        "Andrew Mitchell, a former development minister, said British jets could enforce a no-fly zone. "
        '"The world has a duty to protect them," the spokesman for the governing party said.'
    )
    spokesman = "the spokesman for the governing party"
    assert _direct(nlp, text) == [(spokesman, spokesman, "said")]


def test_a_date_is_no_part_of_a_description(nlp):
    text = 'The UN deputy spokesman in February 2016 condemned the strikes, calling them "blatant violations of law".'
    assert _direct(nlp, text) == [("The UN deputy spokesman", "The UN deputy spokesman", "calling")]


def test_the_arabic_article_in_small_letters_names_a_known_outlet(nlp):
    text = (
        'According to Hezbollah\'s television station al-Manar "two fighters were killed when a drone hit their car."'
    )
    assert _direct(nlp, text) == [("Al-Manar", "al-Manar", "according to")]


def test_dismissing_words_as_quotes_them(nlp):
    text = 'Moscow hit out at Johnson, dismissing his comments as "Russophobic hysteria."'
    assert _direct(nlp, text) == [("Moscow", "Moscow", "dismissing")]


def test_they_after_unnamed_sources_who_spoke_is_those_sources(nlp):
    text = (
        "According to the monitor tens of civilians were among the dead. Military sources had announced earlier "
        "that the fighting had spread to the farms. "
        '"The farms east of the city have also seen heavy fighting among the rival groups," they added.'
    )
    assert _direct(nlp, text) == [("Military sources", "Military sources", "added")]


def test_an_adding_participle_skips_a_passive_on_the_way_to_its_speaker(nlp):
    text = (
        "UN envoy Staffan de Mistura said the attack was believed to be chemical and launched from the air adding "
        'that there should be a "clear identification of responsibilities".'
    )
    assert _direct(nlp, text) == [("Staffan de Mistura", "Staffan de Mistura", "adding")]


def test_a_quote_with_no_cue_after_a_statement_was_issued_is_the_issuers(nlp):
    text = (
        "At her direction, the DNC issued a statement apologizing to Sanders for the emails.\n\n"
        '"On behalf of everyone at the DNC, we want to offer a deep and sincere apology to Senator Sanders."'
    )
    assert _direct(nlp, text) == [("DNC", "DNC", None)]


def test_a_person_described_by_their_age_is_the_person_named_before(nlp):
    text = (
        "Peter Serafinowicz, who starred in the show, posted the clip to YouTube on Thursday.\n\n"
        '"What if Donald Trump had elocution lessons?" the 43-year-old asked in the video.'
    )
    assert _direct(nlp, text) == [("Peter Serafinowicz", "the 43-year-old", "asked")]


def test_thanking_someone_for_words_quotes_them(nlp):
    text = 'Julianne Moore thanked him for "stepping up and taking action when Congress will not."'
    assert _direct(nlp, text) == [("Julianne Moore", "Julianne Moore", "thanked")]


def test_a_pronoun_nobody_was_found_for_does_not_go_on_as_a_source(nlp):
    text = 'He said the war would end soon.\n\n"It will end this year and everyone will go home to their villages."'
    assert _direct(nlp, text) == [(None, None, None)]


def test_a_generic_organisation_noun_never_means_a_state(nlp):
    text = (
        "Turkey said it would send aid to Idlib. The chemical arms watchdog voiced alarm. "
        '"The Organisation is deeply concerned by the reports from the south," the group said.'
    )
    assert _direct(nlp, text)[-1] == ("the group", "the group", "said")
