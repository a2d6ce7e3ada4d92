"""Speakers a scrape that lost its commas hides from the parse (made-up sentences)."""

from conftest import direct_quotes as _direct
from syria_corpus.nlp.analyse import analyse
from syria_corpus.read.segment import segment


def test_a_description_glued_to_the_quote_is_the_subject(nlp):
    text = '"We have had no bread for a week" Karim a Douma resident said.'
    assert _direct(nlp, text) == [("Karim a Douma resident", "Karim a Douma resident", "said")]


def test_a_past_tense_cue_read_as_a_participle_after_a_noun(nlp):
    text = '"The runway can no longer be used" state TV reported while the governor said two soldiers were hurt.'
    assert _direct(nlp, text)[0] == ("state TV", "state TV", "reported")


def test_a_source_glued_to_the_clause_before_holds_the_floor(nlp):
    text = (
        "Nine people died after gunmen fired a mortar on the clinic in Hama a source in the local police said. "
        "Damage is also reported in the market after a truck bomb went off. "
        '"A huge blast shook the market and many are hurt" he told the radio.'
    )
    assert _direct(nlp, text) == [("a source in the local police", "a source in the local police", "told")]


def test_one_of_several_holds_the_floor_for_a_later_pronoun(nlp):
    text = (
        "The blast hit a checkpoint a reporter said. "
        "One of the soldiers guarding the gate told Reuters his scanner went off when a van stopped. "
        '"We stopped the van and they blew it up" he said.'
    )
    assert _direct(nlp, text)[-1][0] == "One of the soldiers guarding the gate"


def test_an_inverted_document_subject_before_a_second_cue(nlp):
    text = (
        "The Interior Ministry issued a statement on Friday. "
        '"Four gunmen were arrested near the border" said the statement adding that "calm returned" later.'
    )
    assert _direct(nlp, text)[0] == ("Interior Ministry", "the statement", "said")


def test_a_statement_speaks_for_a_body_the_model_does_not_know(nlp):
    text = (
        "Two bridges were destroyed overnight in the north the Turkish army said. "
        '"Our units returned fire" the army said in a statement. '
        '"The positions were hit hard" said the statement adding that "no soldier" was hurt.'
    )
    assert _direct(nlp, text)[1][0] == "the Turkish army"


def test_a_person_named_in_passing_before_a_quote_of_several_sentences(nlp):
    text = (
        "The Syrian Observatory for Human Rights gave a toll of 20 dead among them nine children. "
        "The raid prompted anger from WFP director Marco Vela. "
        '"This is a disgrace. It is a scandal. And if planned it is a crime" he said.'
    )
    assert _direct(nlp, text) == [("Marco Vela", "he", "said")]


def test_a_body_glued_to_the_clause_it_reports(nlp):
    text = (
        "A drone strike on Monday wrongly hit a convoy of the Free Syrian Army north of the town of Marea "
        'the Pentagon said on Wednesday. "The target was reported as a hostile position" it said in a statement.'
    )
    assert _direct(nlp, text) == [("Pentagon", "it", "said")]


def test_a_name_after_a_quote_that_ends_a_clause_speaks_for_a_later_participle(nlp):
    # `Dozens were hurt when "…" X told a paper noting that "…"`: X, not the clause's subject `Dozens`
    text = (
        'Dozens were wounded when "government jets hit the market district" activist Samir Haddad told '
        'The Levant Post noting that "the bakery was also hit by warplanes."'
    )
    assert [q[0] for q in _direct(nlp, text)] == ["Samir Haddad", "Samir Haddad"]


def test_one_of_several_who_did_not_speak_holds_no_floor(nlp):
    text = (
        "A medical source said 20 were hurt. The group said in a statement that one of its fighters had opened "
        'fire on a crowd near the town before blowing himself up. "They are really shaken by this" he said.'
    )
    assert _direct(nlp, text)[0][0] != "one of its fighters"


def test_a_relative_is_an_unnamed_source(nlp):
    text = (
        "Both the bride and groom were safe but the groom father was killed in the blast a relative told "
        'Reuters. "The wounds are light and he is staying at home" he said.'
    )
    assert _direct(nlp, text) == [("a relative", "a relative", "said")]


def test_a_neighbour_country_is_no_unnamed_source(nlp):
    text = (
        "Western powers have been slow to act. Yet they have said a gas attack would change their minds. "
        "Syrias eastern neighbor Iraq still wary of Damascus said it believed government forces had used gas."
    )
    result = analyse(nlp, segment(text))
    believed = [q.speaker for q in result.quotes if q.cue == "believed"]
    assert believed and believed[0] != "Western powers"


def test_an_unclosed_opening_mark_runs_to_the_attribution_that_ends_its_sentence(nlp):
    text = (
        "A blast hit a depot in Hama. "
        '"At least 12 people were killed and dozens more hurt when the fuel depot caught fire after rocket fire '
        "the UK-based opposition Syrian Observatory for Human Rights claimed on Monday. The depot had been empty."
    )
    assert [(q.text, q.speaker) for q in analyse(nlp, segment(text)).quotes if q.kind == "direct"] == [
        (
            "At least 12 people were killed and dozens more hurt when the fuel depot caught fire after rocket fire",
            "Syrian Observatory for Human Rights",
        )
    ]


def test_a_lost_opening_mark_runs_over_sentences_to_their_attribution(nlp):
    text = (
        "Fighting went on. \ufffd\ufffdThe shelling began at noon and lasted an hour. Many families fled to the "
        "fields. Nobody has come to help us since local journalist Karim Haddad reported. Aid arrived later."
    )
    assert [(q.text, q.speaker) for q in analyse(nlp, segment(text)).quotes if q.kind == "direct"] == [
        (
            "The shelling began at noon and lasted an hour. Many families fled to the fields. Nobody has come "
            "to help us since",
            "Karim Haddad",
        )
    ]


def test_a_subject_the_parse_found_inside_the_quote_leaves_the_one_glued_after_it(nlp):
    text = (
        '"A truck packed with explosives detonated near a branch of the military intelligence killing at least five '
        'people and injuring more than 20" the Syrian Observatory for Human Rights said.'
    )
    assert _direct(nlp, text) == [
        ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", "said")
    ]


def test_the_subject_of_a_passive_speech_verb_did_not_speak(nlp):
    text = (
        "Troops shelled the town at dawn. A local commander and four of his fighters were confirmed dead near the "
        'mill. "Several depots were hit in the east of the town and a truck carrying fighters was destroyed on the '
        'main road."'
    )
    assert _direct(nlp, text) == [(None, None, None)]


def test_the_agent_of_a_passive_speech_verb_spoke(nlp):
    text = 'A toll of "at least 40 fighters" was confirmed by the Syrian Observatory for Human Rights on Monday.'
    assert _direct(nlp, text) == [
        ("Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", "confirmed")
    ]


def test_a_name_before_a_role_with_its_own_words_holds_the_role(nlp):
    text = (
        '"Thousands are held without charge in the camps" said Lina Haddad deputy director of the refugee '
        "programme at Amnesty International in an interview. "
        '"Families are never told anything" said Omar Kassem Senior Protection Officer at the UN refugee agency.'
    )
    assert [q[0] for q in _direct(nlp, text)] == ["Lina Haddad", "Omar Kassem"]


def test_a_name_right_after_the_noun_it_names_is_the_speaker(nlp):
    text = (
        'According to Hezbollahs television station Al-Manar "two fighters of Syrias National Defence Forces died '
        'when a drone struck their car at the entrance of Khan Arnabeh." According to the Lebanese television '
        'station Al-Manar "two members of Syrias National Defence Forces were killed when a drone hit their car."'
    )
    assert _direct(nlp, text) == [("Al-Manar", "Al-Manar", "according to")] * 2


def test_a_definite_unnamed_source_with_other_words_is_a_new_source(nlp):
    text = (
        'Turkish diplomatic sources said the raid was "a crime against civilians". '
        'The regime military source denied the charge saying the army "has never used such weapons". '
        'A Syrian security source told the agency "the border is calm". The source added "patrols go on".'
    )
    assert [q[0] for q in _direct(nlp, text)] == [
        "Turkish diplomatic sources",
        "The regime military source",
        "A Syrian security source",
        "A Syrian security source",
    ]


def test_a_cue_after_an_exclaimed_quote_with_a_clause_saying_when(nlp):
    text = (
        "The count began at noon.\n\n"
        '"The great province of Idlib is proud to cast its votes: twelve for the list of Omar Haddad!" '
        "Council Speaker Nabil Karam said as he opened the session."
    )
    assert _direct(nlp, text) == [("Nabil Karam", "Nabil Karam", "said")]


def test_verbs_that_judge_in_the_speakers_words_are_cues(nlp):
    text = (
        'Former minister Fares Haddad, for his part, is labeling the raids "a blatant abuse of power." '
        'Aid worker Lina Saleh welcomed "the recognition that the camps cannot wait."'
    )
    assert _direct(nlp, text) == [
        ("Fares Haddad", "Fares Haddad", "labeling"),
        ("Lina Saleh", "Lina Saleh", "welcomed"),
    ]


def test_a_participle_opening_a_sentence_of_its_own_goes_on_for_the_speaker_before(nlp):
    text = (
        'Later in the show Sami Adel stated of the report that it "was not good." '
        'Adding, "Now, as with every scandal of theirs, what they do is never that bad."'
    )
    assert _direct(nlp, text)[-1] == ("Sami Adel", "Sami Adel", "Adding")


def test_the_one_a_question_verb_addresses_after_a_question_is_not_its_content(nlp):
    text = (
        "After the rally, Al Jazeera's Karim Nassar asked the candidate about the slogan. "
        '"Did you know who first said it?" Nassar asked the former minister.'
    )
    assert _direct(nlp, text) == [("Karim Nassar", "Nassar", "asked")]


def test_the_object_of_the_verb_an_infinitive_hangs_on_is_its_speaker(nlp):
    text = 'The scandal forced the minister Omar Haddad to admit that "mistakes were made" in Homs.'
    assert _direct(nlp, text) == [("Omar Haddad", "Omar Haddad", "admit")]


def test_a_call_from_someone_that_an_outlet_broadcast_is_theirs(nlp):
    text = (
        "The state news agency SANA broadcast a call from the military urging fighters in the east to "
        '"lay down their weapons and leave through the safe passages" before Friday.'
    )
    assert _direct(nlp, text) == [("the military", "the military", "urging")]


def test_a_name_before_an_organisation_and_a_role_or_an_indefinite_description(nlp):
    text = (
        '"The strikes got several things wrong" said Lina Haddad HRW deputy emergencies director. '
        '"I worry the road will stay closed for months" said Ahmed Saleh an unemployed father of four.'
    )
    assert [q[0] for q in _direct(nlp, text)] == ["Lina Haddad", "Ahmed Saleh"]


def test_a_dateline_glued_to_an_unnamed_speaker_is_no_part_of_it(nlp):
    text = '24.08.2013 Syrian state media said "terrorists fired gas shells at the army" near Jobar.'
    assert _direct(nlp, text) == [("Syrian state media", "Syrian state media", "said")]


def test_a_described_body_is_not_an_earlier_body_with_other_words(nlp):
    text = (
        "Government forces backed by the Lebanese terrorist group Hezbollah seized areas, a monitoring group "
        "said. The Hezbollah said it had taken the plain. "
        '"The town is under the full siege of the army and our fighters" the terrorist group said.'
    )
    assert _direct(nlp, text) == [("Hezbollah", "the terrorist group", "said")]


def test_continue_is_a_speech_verb_only_beside_a_quote(nlp):
    text = (
        'The talks produced four "de-escalation zones" for the north though deadly air strikes and battles '
        'continue in some areas. "We will not stop," the commander said. "Never," he continued.'
    )
    assert _direct(nlp, text) == [
        ("the commander", "the commander", "said"),
        ("the commander", "the commander", "continued"),
    ]


def test_words_a_crowd_cried_do_not_continue_the_last_speaker(nlp):
    text = (
        '"The crew died," the Russian military said. Video footage released on Saturday showed a helicopter '
        'crashing against cries of "God is greatest, it has fallen" from the ground.'
    )
    assert _direct(nlp, text) == [("the Russian military", "the Russian military", "said"), (None, None, None)]
