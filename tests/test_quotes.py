from conftest import SEED
from syria_corpus.nlp.analyse import analyse
from syria_corpus.nlp.quotes import quote_spans
from syria_corpus.read.segment import normalise, segment
from syria_corpus.records import Page

SEED_DIRECT = [
    ("the latest tenuous effort at a ceasefire/humanitarian access arrangement much more difficult to implement,",
     "Paul J. Saunders", "Paul J. Saunders", "asserted"),
    ("further [poisoned] an already profoundly mistrustful relationship between the United States and Russia, two "
     "essential participants in any settlement.", "Paul J. Saunders", "Paul J. Saunders", None),
    ("highly suspicious,", "Vitaly Churkin", "Vitaly Churkin", "said"),
    ("some aspects of the situation suggest that it could have well been a provocation.", "Vitaly Churkin",
     "Vitaly Churkin", "adding"),
    ("both narcissistic and impractical.", "Paul J. Saunders", "Saunders", "called"),
    ("Failing to address Russia's concerns in one way or another is deeply impractical for anyone looking to stop "
     "the fighting in Syria,", "Paul J. Saunders", "the analyst", "said"),
    ("on everyone's common foe, the barbaric [Daesh] forces who took advantage of Syria's instability to establish "
     "themselves as a de facto regional government.", "Paul J. Saunders", "the analyst", "adding"),
    ("However, anyone wanting a settlement in Syria without a large-scale US intervention will need Assad's "
     "concurrence in one way or another \u2013 something we are counting on Moscow to deliver while simultaneously "
     "persuading Assad that 'he needs to go,'", "Paul J. Saunders", "Saunders", "added"),
    ("There's been no cooperation with Assad and there's not going to be cooperation with Assad,", "John Kirby", "he",
     "said"),
    ("we have been nothing but clear about Assad's illegitimacy.", "John Kirby", "he", "adding"),
]  # fmt: skip


def _analyse(nlp, text: str):
    page = segment(text)
    return page, analyse(nlp, page)


def test_seed_direct_quotes_and_speakers(nlp):
    page, result = _analyse(nlp, SEED.read_text(encoding="utf-8"))
    direct = [(normalise(q.text), q.speaker, q.speaker_mention, q.cue) for q in result.quotes if q.kind == "direct"]
    assert direct == SEED_DIRECT
    for q in result.quotes:
        assert page.body[q.start : q.end] == q.text


def test_seed_indirect_quotes(nlp):
    _, result = _analyse(nlp, SEED.read_text(encoding="utf-8"))
    indirect = {(normalise(q.text), q.speaker) for q in result.quotes if q.kind == "indirect"}
    assert ('the timing of the air raid was "highly suspicious,"', "Vitaly Churkin") in indirect
    assert ("the attack was unintentional", "United States") in indirect
    assert ("the US was not ready to work with Assad now or in the future", "John Kirby") in indirect


def test_confidence_orders_named_above_pronoun_above_unattributed(nlp):
    _, result = _analyse(nlp, SEED.read_text(encoding="utf-8"))
    by_mention = {q.speaker_mention: q.confidence for q in result.quotes if q.kind == "direct"}
    assert by_mention["Saunders"] > by_mention["he"] > 0.1


def _spans(text: str) -> list[str]:
    page = Page(body=text, paragraphs=[(0, len(text))])
    return [text[s:e] for s, e, _ in quote_spans(page.body, page.paragraphs)]


def test_curly_and_straight_marks_nested_single_quotes_stay_inside():
    assert _spans("\u201cWe will win,\u201d he said. \"It's 'over' now,\" she added.") == [
        "We will win,",
        "It's 'over' now,",
    ]


def test_a_stray_mark_costs_one_quote_not_every_quote_after_it():
    text = '"We will stay he said. The army "will not pass" the officer added. "Never" she said "again'
    assert _spans(text) == ["will not pass", "Never"]


def test_straight_marks_read_from_their_neighbours():
    # damaged text: no comma after the closing mark, none before the opening one
    text = 'held since 2012 "These armed men are weaker than to try to dare get close to Latakia" a senior officer said'
    assert _spans(text) == ["These armed men are weaker than to try to dare get close to Latakia"]


def test_quote_over_several_paragraphs():
    text = '"The first part of it.\n\n"The second part," he said.'
    page = Page(body=text, paragraphs=[(0, 22), (24, len(text))])
    assert [text[s:e] for s, e, _ in quote_spans(text, page.paragraphs)] == [
        "The first part of it.",
        "The second part,",
    ]


def test_scare_quotes_without_cue_are_not_quotes(nlp):
    _, result = _analyse(nlp, 'Rebels of the so-called "moderate opposition" took the town of Saraqib on Monday.')
    assert [q for q in result.quotes if q.kind == "direct"] == []


def test_anonymous_source_is_not_glued_to_a_name(nlp):
    _, result = _analyse(
        nlp, 'Governor Talal Barazi visited the site. "The strike killed nine people," a military source said.'
    )
    (q,) = [q for q in result.quotes if q.kind == "direct"]
    assert (q.speaker, q.speaker_mention, q.cue) == ("a military source", "a military source", "said")
    assert q.speaker_key is None


def _quotes(nlp, text: str):
    _, result = _analyse(nlp, text)
    return [(q.text, q.speaker, q.speaker_mention, q.cue, q.via) for q in result.quotes if q.kind == "direct"]


def test_relayed_quote_keeps_the_source_and_the_relay(nlp):
    text = 'SANA quoted a military source as saying "the terrorists were wiped out in the eastern countryside".'
    assert _quotes(nlp, text) == [
        ("the terrorists were wiped out in the eastern countryside", "a military source", "a military source",
         "saying", "SANA"),
    ]  # fmt: skip


def test_organisation_pronoun_and_according_to(nlp):
    text = (
        "The fighting intensified, according to the Syrian Observatory for Human Rights. "
        '"Dozens of fighters were killed on both sides" the Observatory said. '
        'It added that "the toll is likely to rise in the coming days".'
    )
    assert [(q[1], q[2], q[3]) for q in _quotes(nlp, text)] == [
        ("Syrian Observatory for Human Rights", "Observatory", "said"),
        ("Syrian Observatory for Human Rights", "It", "added"),
    ]


def test_a_document_speaks_for_its_issuer(nlp):
    text = (
        "The Russian Defence Ministry issued a statement on Monday. "
        '"Six militants were killed near the base overnight" the statement said.'
    )
    assert [(q[1], q[2], q[3]) for q in _quotes(nlp, text)] == [("Russian Defence Ministry", "the statement", "said")]


def test_merged_paragraphs_and_a_witness_named_in_passing(nlp):
    text = (
        'A witness named Ahmad was wounded in the blast. "I saw a man in a black jacket walk past me" he said. '
        '"Then there was an enormous explosion. "People had fallen on the ground everywhere."'
    )
    assert [(q[0], q[1], q[3]) for q in _quotes(nlp, text)] == [
        ("I saw a man in a black jacket walk past me", "Ahmad", "said"),
        ("Then there was an enormous explosion.", "Ahmad", None),
        ("People had fallen on the ground everywhere.", "Ahmad", None),
    ]


def test_a_name_given_with_known_as(nlp):
    text = '"There will be no ceasefire in the city" the organisation known as the White Helmets said.'
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("White Helmets", "said")]


def test_labels_in_quote_marks_are_not_quotes(nlp):
    text = 'Turkey launched Operation "Euphrates Shield" in August, backing the "Free Syrian Army" groups.'
    assert _quotes(nlp, text) == []
    titles = (
        'He starred in "The Apprentice" for years. She was a guest on "The Late Show With Stephen Colbert." '
        'His book "Crippled America: How to Make America Great Again" sold well. "We won," Trump said.'
    )
    assert [q[0] for q in _quotes(nlp, titles)] == ["We won,"]


def test_reported_speech_with_according_to_and_phrasal_cues(nlp):
    def indirect(text):
        _, result = _analyse(nlp, text)
        return [(q.speaker, q.cue, q.text) for q in result.quotes if q.kind == "indirect"]

    assert indirect("Five people were killed in the strike, according to the Syrian Observatory for Human Rights.") == [
        ("Syrian Observatory for Human Rights", "according to", "Five people were killed in the strike")
    ]
    assert indirect("According to activists, the regime shelled the town.") == [
        ("activists", "according to", "the regime shelled the town")
    ]
    assert indirect("The army made clear that it would not withdraw.") == [
        ("The army", "made clear", "it would not withdraw")
    ]


def test_quote_over_paragraphs_takes_the_speaker_named_at_its_end(nlp):
    text = (
        "Rebels shelled the city on Monday.\n\n"
        '"The bombardment went on all night and nobody could reach the wounded.\n\n'
        '"We buried eleven people this morning," said Abu Omar, a local council member.'
    )
    assert [(q[0], q[1]) for q in _quotes(nlp, text)] == [
        ("The bombardment went on all night and nobody could reach the wounded.", "Abu Omar"),
        ("We buried eleven people this morning,", "Abu Omar"),
    ]


def test_the_speaker_is_the_head_of_the_subject_not_a_name_inside_it(nlp):
    text = (
        'Opponents of Bashar al-Assad said "the regime has lost all legitimacy in the north".\n\n'
        '"Nobody will negotiate under bombs," a source close to President Assad said.\n\n'
        "President Bashar al-Assads officials have said they would never use poison gas against Syrians."
    )
    _, result = _analyse(nlp, text)
    assert [(q.kind, q.speaker, q.speaker_key) for q in result.quotes] == [
        ("direct", "Opponents of Bashar al-Assad", None),
        ("direct", "a source close to President Assad", None),
        ("indirect", "President Bashar al-Assads officials", None),
    ]


def test_a_document_without_a_stated_issuer_stays_unnamed(nlp):
    text = (
        "Bashar al-Assad met the envoy on Monday. A letter was sent to the Security Council. "
        '"The regime can only persist in this criminality as long as it enjoys impunity," the letter said.'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("the letter", "the letter")]


def test_a_description_takes_the_person_whose_role_fits_or_stays_unnamed(nlp):
    text = (
        "Syrian President Bashar al-Assad visited the front. "
        '"It was the second time Saraqeb had been hit by toxic gas," the Civil Defense spokesman said. '
        "Russian Defence Ministry spokesman Igor Konashenkov spoke in Moscow. "
        '"Six militants were killed near the base overnight," the spokesman said.'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [
        ("the Civil Defense spokesman", "the Civil Defense spokesman"),
        ("Igor Konashenkov", "the spokesman"),
    ]


def test_the_monitor_is_the_observatory(nlp):
    text = (
        "Bashar al-Assad spoke in Damascus. Ten people were killed, the Syrian Observatory for Human Rights said. "
        'ISIL then "crucified them in the main square of the village" the Britain-based monitor said.'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [
        ("Syrian Observatory for Human Rights", "the Britain-based monitor")
    ]


def test_a_known_surname_after_another_first_name_is_another_person(nlp):
    text = (
        '"They are provoking a sectarian war," said Dr Ammar al-Assad, a Member of Parliament for Latakia. '
        '"We treated 16 of 29 cases," Doctor Ibrahim al-Assad, a neurologist in Saraqib, said. '
        '"We will win," Syrian President Bashar al-Assad said.'
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["Ammar al-Assad", "Ibrahim al-Assad", "Bashar al-Assad"]


def test_a_pronoun_takes_a_person_of_its_gender_and_the_one_who_spoke(nlp):
    text = (
        "Hillary Clinton met Bernie Sanders in Iowa.\n\n"
        '"We need to get into the details," she said.\n\n'
        "Mike Pence said Donald Trump will follow a different schedule.\n\n"
        '"The returns will come at the completion of an audit," he said.'
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["Hillary Clinton", "Mike Pence"]


def test_a_pronoun_is_never_resolved_to_a_person_of_the_other_gender(nlp):
    text = (
        "Hillary Clinton spoke in Ohio on Monday.\n\n"
        '"We will win this state," she said. The crowd cheered.\n\n'
        '"It is over for them," he said.'
    )
    assert [q[1:3] for q in _quotes(nlp, text)] == [("Hillary Clinton", "she"), (None, "he")]


def test_he_after_a_surname_alone_that_spoke_is_that_surname(nlp):
    text = (
        "Donald Trump went with the odds, pointing out that North Carolina would win.\n\n"
        'Cruz openly admitted that his pick was politically motivated. "With an eye to February 20th," he said.'
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["Cruz"]


def test_a_transcript_label_before_a_glued_colon_speaks(nlp):
    text = (
        "A number of readers asked about it.\n\n"
        'Rep. Trey Gowdy (R-S.C.):"I have not heard anyone other than you ever cite that figure."\n\n'
        'Former secretary of state Hillary Rodham Clinton:"We learned that from the State Department."'
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["Trey Gowdy", "Hillary Rodham Clinton"]


def test_charged_is_a_speech_verb_but_charged_with_a_crime_is_none(nlp):
    text = (
        "Fox News anchor Megyn Kelly asked the first question at the debate.\n\n"
        '"You have called women you do not like fat pigs," Kelly charged in her now-infamous question.\n\n'
        "Prosecutors charged Corey Lewandowski with battery after a video showed him grabbing a reporter."
    )
    _, result = _analyse(nlp, text)
    assert [(q.kind, q.speaker, q.cue) for q in result.quotes] == [("direct", "Megyn Kelly", "charged")]


def test_a_document_speaks_for_its_owner_also_behind_a_lost_apostrophe(nlp):
    text = (
        "Fighting went on in Aleppo. SOHR's report said 20 people died. SOHRs report said 30 people died later. "
        "Assad's statement said the army advanced. A report said the road was closed."
    )
    _, result = _analyse(nlp, text)
    assert [(q.speaker, q.speaker_mention) for q in result.quotes] == [
        ("Syrian Observatory for Human Rights", "SOHR's report"),
        ("Syrian Observatory for Human Rights", "SOHRs report"),
        ("Bashar al-Assad", "Assad's statement"),
        ("A report", "A report"),  # an unnamed source: no owner stated
    ]


def test_colon_frames_inversions_and_a_short_attribution_after_the_quote(nlp):
    text = (
        "The timing does not surprise Republican pollster Daron Shaw:\n\n"
        '"Lesser-known candidates beating establishment candidates have seen the biggest boost."\n\n'
        '"I am not going to say it is a mistake, so forget about it," said retired neurosurgeon Ben Carson.\n\n'
        'Hugh Hewitt challenged him. "I do not care. He was the founder of the group, OK?" Donald Trump said.'
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["Daron Shaw", "Ben Carson", "Donald Trump"]


def test_markup_values_in_marks_are_not_quotes(nlp):
    text = (
        'Trump tweeted <tweet tweet-id="773113752271060992" date="2016-09-06"> on Tuesday, '
        'and his aide said "@dmartosko" was wrong. "We will win this state," Kellyanne Conway said.'
    )
    assert [q[0] for q in _quotes(nlp, text)] == ["We will win this state,"]


def test_an_unnamed_body_keeps_its_own_name(nlp):
    text = (
        "The Syrian Observatory for Human Rights said 40 people were killed. "
        "The Army of Conquest said it had taken the town. "
        "The defence ministry in Moscow said its jets were not involved. "
        '"The jets hit terrorist positions only," the ministry said.'
    )
    _, result = _analyse(nlp, text)
    assert [(q.kind, q.speaker) for q in result.quotes] == [
        ("indirect", "Syrian Observatory for Human Rights"),
        ("indirect", "The Army of Conquest"),
        ("indirect", "The defence ministry in Moscow"),
        ("direct", "The defence ministry in Moscow"),
    ]


def test_a_relay_is_not_the_source(nlp):
    text = (
        "Two suicide bombers attacked the police station, according to Reuters citing the Syrian interior ministry. "
        "Reuters also reported residents and rescue workers as saying that the bombing continued all night."
    )
    _, result = _analyse(nlp, text)
    assert [(q.speaker, q.via) for q in result.quotes] == [
        ("the Syrian interior ministry", "Reuters"),
        ("residents and rescue workers", "Reuters"),
    ]


def test_nobody_speaks_in_an_impersonal_report_a_denial_or_a_scare_quote(nlp):
    text = (
        'The Syrian Observatory for Human Rights said "nine people were killed in the market on Monday". '
        "It was reported that the road to the city was closed. "
        "The Observatory could not say whether the strike had killed civilians. "
        'Rebels left the town under the "reconciliation" deals last year.'
    )
    _, result = _analyse(nlp, text)
    assert [(q.kind, q.text, q.speaker) for q in result.quotes] == [
        ("direct", "nine people were killed in the market on Monday", "Syrian Observatory for Human Rights"),
    ]


def test_an_untagged_name_heading_the_subject_speaks_not_the_body_in_its_title(nlp):
    text = 'Alessandra Vellucci the UN humanitarian coordinator said "the convoys cannot reach the besieged towns".'
    assert [q[1] for q in _quotes(nlp, text)] == ["Alessandra Vellucci"]


def test_it_takes_the_body_of_the_nearest_sentence_not_a_parenthetical_subject(nlp):
    text = (
        "The Syrian Observatory for Human Rights said nine people were killed. "
        "The activist-run Palmyra Coordination Committee has published the names of the dead. "
        "It says at least 35 of the victims were shot. "
        'The Pentagon confirmed eight strikes. "The strikes disrupted an imminent attack," it said in a statement. '
        'The group it added has "established a safe haven in Syria to develop external attacks".'
    )
    _, result = _analyse(nlp, text)
    assert [(q.kind, q.speaker) for q in result.quotes] == [
        ("indirect", "Syrian Observatory for Human Rights"),
        ("indirect", "The activist-run Palmyra Coordination Committee"),
        ("direct", "Pentagon"),
        ("direct", "Pentagon"),
    ]


def _reported(nlp, text: str):
    _, result = _analyse(nlp, text)
    return [(q.text, q.speaker, q.speaker_mention) for q in result.quotes if q.kind == "indirect"]


def test_the_subject_nearest_the_cue_speaks_when_a_headline_gives_the_verb_two(nlp):
    text = (
        "Assad accused of releasing extremist prisoners to portray his regime as anti-terror bulwark April 2013 "
        "Powerful Iran-backed Lebanese Shia militia Hizballah says it is fighting alongside regime forces."
    )
    assert _reported(nlp, text) == [
        ("it is fighting alongside regime forces", "Hezbollah", "Hizballah"),
    ]


def test_a_name_in_what_the_cue_reports_is_not_its_speaker(nlp):
    text = (
        "Russia backed up Syrian government denials by saying it looked like a rebel provocation to discredit Assad. "
        "While calling the attack reprehensible and intolerable Trump said Obama did nothing after Assad crossed "
        "the former US leaders red line in 2013."
    )
    assert [(q[1], q[2]) for q in _reported(nlp, text)] == [
        ("Russia", "Russia"),
        ("Donald Trump", "Trump"),
    ]


def test_bare_plural_nouns_before_a_cue_speak_not_the_glued_headline(nlp):
    text = (
        "Daesh becomes virtual caliphate Experts and officials say the group could be hard to conquer online. "
        "Daesh on the Run From More Areas in Raqqa Province 30 Terrorist Killed Reports said earlier today that "
        "Syrian fighter jets targeted tens of ISIL positions across the town of al Tabaqa."
    )
    (experts, reports) = [q[1] for q in _reported(nlp, text)]
    # the headline's words the parse hung on them stay in the mention as written
    assert experts.endswith("Experts and officials") and reports.endswith("Reports")


def test_a_term_in_quote_marks_modified_from_outside_them_is_not_a_quote(nlp):
    text = (
        'The IS group has declared an Islamic "caliphate" in territory it controls. '
        'The coalition said it had carried out "significant" air strikes against Raqa.'
    )
    assert [(q[0], q[1]) for q in _quotes(nlp, text)] == [("significant", "The coalition")]
    assert [q[0] for q in _reported(nlp, text)] == ['it had carried out "significant" air strikes against Raqa']


def test_a_modified_description_means_only_an_organisation_described_so(nlp):
    alone = "Islamic State said it had taken the town. The Britain-based group said four children were among the dead."
    assert [(q[1], q[2]) for q in _reported(nlp, alone)][1:] == [("The Britain-based group", "The Britain-based group")]
    known = (
        "The Syrian Observatory for Human Rights said 20 people died. "
        "Islamic State said it had taken the town. "
        "The Britain-based group said four children were among the dead."
    )
    assert [(q[1], q[2]) for q in _reported(nlp, known)][2:] == [
        ("Syrian Observatory for Human Rights", "The Britain-based group")
    ]


def test_he_can_mean_an_official_described_by_office(nlp):
    text = (
        "Bashar al-Assad spoke in Damascus. "
        "Frances foreign minister called for an emergency meeting of the Security Council. "
        '"With this in mind I ask for an emergency meeting of the U.N. Security Council" he added.'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("Frances foreign minister", "Frances foreign minister")]


def test_a_full_name_before_a_role_of_an_organisation_is_its_holder(nlp):
    text = (
        '"It was the heaviest air strikes for months inside Aleppo city" said Rami Abdulrahman director of the '
        "Syrian Observatory for Human Rights which monitors the conflict from Britain. "
        "Hamza al-Khatib the director of a hospital in the rebel-held east told Reuters the death toll was 45. "
        "Putin spokesman said it was wrong."
    )
    _, result = _analyse(nlp, text)
    assert [(q.speaker, q.speaker_mention) for q in result.quotes] == [
        ("Rami Abdel Rahman", "Rami Abdulrahman"),
        ("Hamza al-Khatib", "Hamza al-Khatib"),
        ("Putin spokesman", "Putin spokesman"),
    ]


def test_words_a_speech_verb_quotes_after_as_are_a_quote_a_name_after_known_as_is_not(nlp):
    text = (
        'But a broad coalition of Syrian rebels denounced international negotiations as "meaningless" on Sunday. '
        'The alliance known as "Army of Conquest" took the town.'
    )
    assert [(q[0], q[3]) for q in _quotes(nlp, text)] == [("meaningless", "denounced")]


def test_a_subject_inside_the_quote_marks_is_not_the_cues(nlp):
    text = (
        '"Its as if the planes are trying to compensate for all the days they didnt drop bombs during the ceasefire" '
        "Ammar al-Selmo the head of the Civil Defense rescue service in opposition-held eastern Aleppo told Reuters."
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Ammar al-Selmo", "told")]


def test_a_verb_after_page_furniture_in_its_sentence_is_a_headlines_not_a_cue(nlp):
    text = (
        "AFP Friday 22 Jul 2016 Aleppo rebel tunnel blast killed 38 regime forces monitor Print Tweet Views 1430 "
        "Related Syrias Assad says Turkeys Erdogan exploiting coup Nearly 40 Syrian soldiers were killed when rebels "
        "blew up a tunnel a monitor said Friday. In her post about the Tweet, Feinberg said the bot was a trap."
    )
    assert [(q[1], q[2]) for q in _reported(nlp, text)] == [("Feinberg", "Feinberg")]


def test_an_outlet_that_carried_a_statement_relays_it_and_quoting_after_the_cue_names_the_source(nlp):
    text = (
        '"The freeze on fighting has ended" the statement carried by state news agency SANA said. '
        '"They are an attempt to divert the UN commission from its mission" the state-run SANA news agency said '
        "quoting an unnamed government official as is its standard practice."
    )
    assert [(q[1], q[4]) for q in _quotes(nlp, text)] == [
        ("the statement", None),
        ("an unnamed government official", "SANA"),
    ]


def test_a_cue_said_without_saying_reports_nothing(nlp):
    text = (
        "The OPCW confirmed that mustard gas had been used without saying which party it thought had used it. "
        "Trump did not say what the US might do."
    )
    assert [q[0] for q in _reported(nlp, text)] == [
        "mustard gas had been used without saying which party it thought had used it"
    ]  # what was confirmed; nothing from `saying` or `did not say`


def test_a_statement_speaks_for_its_issuer_and_what_it_added_continues_it(nlp):
    text = (
        "The YPG said the attacks occurred on June 28. "
        '"Upon impact the projectiles released a yellow gas with a strong smell of rotten onions" the statement said. '
        "It added that the ground was stained with a liquid. "
        '"Our troops exposed to the gas experienced burning of the throat eyes and nose."'
    )
    _, result = _analyse(nlp, text)
    assert {q.speaker for q in result.quotes} == {"People's Protection Units"}


def test_a_quote_signed_with_a_dash_and_a_name_is_theirs(nlp):
    text = (
        '"I went to Wall Street before the crash. I was the one saying you are going to wreck the economy."\n\n'
        "- Clinton.\n\n"
        "\u201cMaybe, we can build a wall around Donald Trump.\u201d \u2015 Steve Quinlan.\n"
        '"The bus left at noon," the driver said. - Reuters'
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [
        ("Clinton", None),
        ("Steve Quinlan", None),
        ("the driver", "said"),
    ]


def test_a_relative_pronoun_speaks_for_the_noun_its_clause_is_about(nlp):
    text = (
        '"Some cases appear to show additional signs consistent with exposure to organophosphorus chemicals a '
        'category of chemicals that includes nerve agents" WHO said in a statement putting the death toll at 70. '
        "That attack was claimed by the Islamic State group which said three of its fighters had targeted the station."
    )
    _, result = _analyse(nlp, text)
    assert [(q.speaker, q.speaker_mention) for q in result.quotes] == [
        ("World Health Organization", "WHO"),
        ("Islamic State", "Islamic State group"),
    ]


def test_interject_and_shoot_back_are_cues(nlp):
    text = 'Hannity interjected: "So you are saying there will be some flexibility?" "Jeb wants to be a tough guy," Trump shot back.'
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Hannity", "interjected"), ("Donald Trump", "shot back")]


def test_a_name_the_model_missed_speaks_and_holds_the_floor(nlp):
    text = (
        "Bashar al-Assad spoke in Damascus. "
        'The assault was "a response to the attempts to advance" Zakaria Malahifji of the Aleppo-based Fastaqim '
        "opposition group told Reuters. He said insurgents had already made gains."
    )
    _, result = _analyse(nlp, text)
    assert [(q.kind, q.speaker) for q in result.quotes] == [
        ("direct", "Zakaria Malahifji"),
        ("indirect", "Zakaria Malahifji"),
    ]


def test_a_bare_description_does_not_take_someone_whose_role_differs(nlp):
    text = (
        "British Prime Minister David Cameron criticised the plan on Monday. "
        '"If one is proposed we will consider it," the spokesman said.'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("the spokesman", "the spokesman")]


def test_an_inverted_subject_parsed_as_the_cues_object_speaks_but_not_one_addressed(nlp):
    text = (
        '"It is about time that we had a woman running this country," exhorted Clinton\'s introducer, actress '
        'Jamie Lee Curtis. "It is over," told reporters the minister.'
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Jamie Lee Curtis", "exhorted"), (None, "told")]


def test_as_someone_put_it_is_a_cue(nlp):
    text = 'As prosecutor Marc Trevidic put it, "there was not much to complain about."'
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Marc Trevidic", "put it")]


def test_a_sentence_that_says_someone_spoke_frames_the_quote_after_its_full_stop(nlp):
    text = (
        "Sam Lau, the communications director for the Iowa Democratic Party said in a statement. "
        "\u201cThere are no paper ballots to recount.\u201d Clinton still leads."
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Sam Lau", "said")]


def test_a_title_abbreviation_does_not_end_the_sentence(nlp):
    text = '"We will not change our operations," Pentagon spokesman Navy Capt. Jeff Davis said on Monday.'
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Jeff Davis", "said")]


def test_a_participle_speaks_for_the_noun_it_hangs_on_only_if_that_noun_can_speak(nlp):
    text = (
        'The Foreign Ministry issued a statement saying "the attack was a crime." '
        'Bashar al-Assad cast doubt on the intentions of the United States saying it "does not have the will".'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [
        ("Foreign Ministry", "a statement"),
        ("Bashar al-Assad", "Bashar al-Assad"),
    ]


def test_a_colon_frame_without_a_speech_verb_is_its_subjects_not_the_last_name_in_it(nlp):
    text = (
        "Senate Majority Leader Mitch McConnell, R-Ky., delivered a blunt message to Trump: "
        '"It\'s time to quit attacking various people." Trump will try.\n\nRubio fired back: "You will lose."'
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Mitch McConnell", None), ("Rubio", "fired back")]


def test_he_after_someone_was_asked_is_the_one_who_answers(nlp):
    text = (
        "The Huffington Post's Scott Conroy asked Bernie Sanders whether questions about his health were fair "
        'game. "Sure it is. I would not have run if I was not blessed," he said.'
    )
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("Bernie Sanders", "he")]


def test_citing_what_cannot_speak_keeps_the_speaker_and_going_on_is_a_cue(nlp):
    text = (
        '"A lot of it is justified," John McCain said, citing the slow growth of the economy. '
        '"This is a lot of nonsense," he went on. The agency said, quoting an unnamed official, "the road is closed."'
    )
    assert [(q[1], q[3], q[4]) for q in _quotes(nlp, text)] == [
        ("John McCain", "said", None),
        ("John McCain", "went on", None),
        ("an unnamed official", "quoting", None),
    ]


def test_the_noun_a_relative_clause_ends_on_speaks_when_the_parse_lost_the_subject(nlp):
    text = (
        "Although there is no such overlap with Sanders's team, a White House official who spoke anonymously to "
        'discuss internal strategy said Wednesday, "Certainly there are discussions." The aide declined to say more.'
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("a White House official", "said")]


def test_a_document_read_speaks_for_its_issuer_a_bracket_is_no_subject_and_read_more_is_no_cue(nlp):
    unicef = (
        "A chemical attack killed at least 27 children while over 500 people were injured the United Nations "
        "International Childrens Emergency Fund (UNICEF) said in a statement on Thursday. "
        '"Casualty figures are expected to rise" the statement read.'
    )
    opcw = (
        '"These reports are of great concern" Ahmet Uzumcu the head of the Organisation for the Prohibition of '
        "Chemical Weapons [OPCW] said in a statement."
    )
    furniture = 'Read more on The Syria Campaign here "Aid distribution points are known to all parties in the war."'
    assert [(q[1], q[2], q[3]) for q in _quotes(nlp, unicef)] == [("UNICEF", "the statement", "read")]
    assert [(q[1], q[2], q[3]) for q in _quotes(nlp, opcw)] == [("Ahmet Uzumcu", "Ahmet Uzumcu", "said")]
    assert [(q[1], q[3]) for q in _quotes(nlp, furniture)] == [(None, None)]


def test_he_never_means_an_organisation(nlp):
    text = (
        "The strikes hit the village of Hass according to the Syrian Observatory for Human Rights, prompting "
        'outrage from UNICEF director Anthony Lake. "This is a tragedy. It is an outrage," he said.'
    )
    # not UNICEF: the director named in passing before the quote (past the quote's own first sentence)
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("Anthony Lake", "he")]


def test_a_signature_may_say_where_its_signer_is_from(nlp):
    text = (
        "quotable.\n\n"
        '"The whole idea of a Crooked Hillary is something that we hear about all the time, and it needs to stop."'
        "\n\n-Michelle Marks, Philadelphia.\n\nThe convention went on."
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Michelle Marks", None)]


def test_a_second_speech_verb_the_parse_hung_on_the_reported_clause_continues_the_first(nlp):
    move = (
        "De Blasio said the move was made by NYPD commissioner Bill Bratton and said, "
        "“Who are you going to trust on security and keeping people safe?”"
    )
    early = (
        "Appearing before cheering supporters Monday morning at NLD headquarters, Suu Kyi, 70, said it was too early "
        'to congratulate winners but added, "I think you all have an idea of the results."'
    )
    sanders = (
        "She noted that Sanders in the past has criticized the president for accepting contributions from Wall "
        'Street and called the president "weak."'
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, move)] == [("De Blasio", "said")]
    assert [(q[1], q[3]) for q in _quotes(nlp, early)] == [("Suu Kyi", "added")]
    assert [(q[1], q[3]) for q in _quotes(nlp, sanders)] == [("Sanders", "called")]


def test_a_speech_verb_after_a_participle_clause_is_its_subjects(nlp):
    text = (
        "But Sen. Richard J. Durbin (D-Ill.), noting the size of Bernie Sanders's following, said, "
        '"Let me tell you, he has got a heck of an email list."'
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Richard J. Durbin", "said")]


def test_a_given_name_opening_a_name_is_no_place(nlp):
    text = '"He will monitor everything," Sam Nunberg, a former Trump aide, said.'
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("Sam Nunberg", "Sam Nunberg")]


def test_a_closing_curly_mark_where_nothing_is_open_opens_and_beaming_is_speech(nlp):
    text = (
        "The editorial noted it.\n\n\u201d \u2026 if the incumbent can visit Louisiana, then surely she can do the "
        "same,\u201d it read.\n\n\u202a\u201dThis is why ISIS has to be destroyed,\u201d said John Krystek.\n\n"
        "\u201cThis is fantastic!\u201d beamed Donald Hartley of Madison, Alabama."
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [
        ("The editorial", "read"),
        ("John Krystek", "said"),
        ("Donald Hartley", "beamed"),
    ]


def test_continuing_to_do_something_is_no_speech(nlp):
    text = (
        "Brian Murphy, the chairman of the county GOP, said Trump continued to hurt his cause locally. "
        "“I don’t think it’s cut well for him,” he said. “We will win,” Trump continued."
    )
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Brian Murphy", "said"), ("Donald Trump", "continued")]


def test_an_indefinite_pronoun_subject_is_an_unnamed_source_no_later_pronoun_means(nlp):
    text = (
        "Some voters booed the mayor. Some chanted \u201cNo more wars!\u201d Later someone in the crowd shouted, "
        "\u201cGo home.\u201d Another tweeted, \u201cThis is a disgrace.\u201d"
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["Some", "someone in the crowd", "Another"]


def test_a_relative_clause_inside_a_description_is_neither_its_words_nor_its_speaker(nlp):
    text = (
        'Governor Ann Lowry spoke on Tuesday. "The budget is fine," said one Republican familiar with the talks, '
        'who added that the mood was "grim".'
    )
    assert [q[1] for q in _quotes(nlp, text)] == ["one Republican familiar with the talks"] * 2


def test_an_inverted_cues_subject_parsed_into_a_later_clause_is_still_the_speaker(nlp):
    text = '"What is coming is a long war," said Peter Hale, a Sanders friend who runs the super PAC Protect the Vote.'
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Peter Hale", "said")]


def test_a_pronoun_with_nobody_on_the_floor_is_the_person_last_named_of_its_gender(nlp):
    text = 'The panel also heard from Mara Quinlan, a nurse, and from her colleague Tom Reyes. "We are exhausted," she said.'
    assert [(q[1], q[2]) for q in _quotes(nlp, text)] == [("Mara Quinlan", "she")]


def test_telling_someone_after_a_question_is_no_content_of_its_own(nlp):
    text = '"Why would we wait for them?" Ortiz told reporters during the call.'
    assert [(q[1], q[3]) for q in _quotes(nlp, text)] == [("Ortiz", "told")]


def test_the_platform_a_message_was_posted_on_is_not_its_issuer(nlp):
    text = "Ortiz posted a message on Twitter reading \u201cThank you Ohio\u201d minutes after the polls closed."
    assert [(q[1], q[2], q[3]) for q in _quotes(nlp, text)] == [("Ortiz", "Ortiz", "reading")]


def test_a_lost_opening_mark_runs_to_the_attribution_that_ends_its_sentence(nlp):
    """A scrape turned the opening mark into replacement characters and lost the closing one."""
    text = (
        "Fighting resumed near the airport on Sunday said a field commander. \ufffd\ufffdOur units drove the "
        "attackers back commander Samir Haddad told Reuters. \ufffd\ufffdThe road "
        "to the north remains closed to all traffic he added. The so-called \ufffd\ufffdDesert Lions brigade "
        "joined the attack."
    )
    assert [(q[0], q[1], q[2]) for q in _quotes(nlp, text)] == [
        ("Our units drove the attackers back", "Samir Haddad", "Samir Haddad"),
        ("The road to the north remains closed to all traffic", "Samir Haddad", "he"),
    ]


def test_a_closing_mark_typed_after_the_attribution_leaves_it_out(nlp):
    text = (
        'Commander Samir Haddad spoke to reporters on Monday. "Four attackers were killed at the checkpoint '
        'before they reached the gate said Haddad." The army did not comment.'
    )
    assert [(q[0], q[1]) for q in _quotes(nlp, text)] == [
        ("Four attackers were killed at the checkpoint before they reached the gate", "Samir Haddad"),
    ]


def test_a_speech_verb_with_content_inside_a_quote_stays_in_it(nlp):
    text = 'Samir Haddad said: "We will hold the line because the general said Haddad must stay." He left.'
    assert [q[0] for q in _quotes(nlp, text)] == ["We will hold the line because the general said Haddad must stay."]


def test_a_participle_hung_on_a_noun_takes_the_main_subject(nlp):
    """With the commas lost, the parse hangs `calling`/`describing` on the nearest noun, which cannot speak."""
    assert _quotes(
        nlp, 'Ankara rejected the talks on Monday after describing the plan as "a trap for the region".'
    ) == [
        ("a trap for the region", "Ankara", "Ankara", "describing", None),
    ]
    assert _quotes(
        nlp, 'The opposition factions refused any negotiations calling them "a cover for the siege of the city."'
    ) == [
        ("a cover for the siege of the city.", "The opposition factions", "The opposition factions", "calling", None),
    ]


def test_a_resolution_speaks_for_its_issuer_not_for_who_vetoed_it(nlp):
    result = _analyse(nlp, "Moscow vetoed a draft resolution demanding that the government open the crossings.")[1]
    assert [(q.kind, q.speaker) for q in result.quotes] == [("indirect", "a draft resolution")]


def test_a_participle_hung_on_a_source_is_the_source_speaking(nlp):
    text = (
        "The National Coalition as well as a number of Western states blamed the Syrian government troops for the "
        "attack while Damascus has refuted these allegations with a Syrian army source telling Sputnik that the "
        "army did not hold such weapons."
    )
    result = _analyse(nlp, text)[1]
    assert [(q.text, q.speaker, q.cue) for q in result.quotes] == [
        ("the army did not hold such weapons", "a Syrian army source", "telling")
    ]


def test_a_participle_hung_on_a_document_in_a_phrase_is_the_main_subjects(nlp):
    result = _analyse(
        nlp, 'The U.S. said it was "horrified" by the reports of the bombing adding that it could not confirm details.'
    )[1]
    assert [(q.kind, q.text, q.speaker) for q in result.quotes if q.cue == "adding"] == [
        ("indirect", "it could not confirm details", "United States")
    ]


def test_speakers_the_parse_loses_when_the_commas_are_gone(nlp):
    def speakers(text: str) -> list[tuple[str | None, str | None]]:
        return [(q.speaker, q.cue) for q in _analyse(nlp, text)[1].quotes if q.kind == "direct"]

    # a partitive subject is an unnamed source, not its number
    assert speakers('Talks stalled. "Nothing was agreed at all" one of the negotiators said.') == [
        ("one of the negotiators", "said")
    ]
    # after its quote, the cue reports the quote even where the parse reads a noun as a verb
    assert speakers(
        'Bombs fell. "Four of the bodies are still under the rubble" said the Observatorys head Rami Abdulrahman.'
    ) == [("Rami Abdel Rahman", "said")]
    # the subject after a quote, glued by the parse onto a preposition inside it
    assert speakers(
        'The strike killed "at least nine fighters and leaders most of them foreigners and including a Briton" the '
        "Britain-based Observatory said."
    ) == [("Syrian Observatory for Human Rights", "said")]
    # a body described by its kind, then a relative clause, before the cue
    assert speakers(
        '"Fighting goes on at the edge of the city" the London-based monitoring group which counts the dead said.'
    ) == [("the London-based monitoring group", "said")]
    # an organisation after an inverted cue right after its quote, before the cue of what it added
    assert speakers(
        'A bomb hit the town. "The blast was caused by a man driving a truck with another man" said the Observatory '
        "adding that the passenger also died."
    ) == [("Syrian Observatory for Human Rights", "said")]
    # a relayed source glued by the parse to the quote's last word
    assert speakers(
        'Shells fell. "These gunmen are too weak to dare come near the coast" a senior army officer was quoted as '
        "saying in a report."
    ) == [("a senior army officer", "quoted")]
    # the subject swallowed by the clause before it, past the auxiliary
    assert speakers(
        'Despite suspending its work in Syria OCHA has renewed its pledge to deliver aid in Syria stating "the '
        'agencies will stay as long as they are needed".'
    ) == [("OCHA", "stating")]
