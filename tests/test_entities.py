from conftest import SEED
from syria_corpus.nlp.analyse import analyse
from syria_corpus.read.segment import segment


def _entities(nlp):
    result = analyse(nlp, segment(SEED.read_text(encoding="utf-8")))
    return {(e.type, e.name): e for e in result.entities}, result


def test_seed_people_with_aliases_and_roles(nlp):
    ents, _ = _entities(nlp)
    people = {name: (sorted(e.aliases), e.role) for (t, name), e in ents.items() if t == "person"}
    # The gold file lists "the analyst" for Saunders: that description is resolved on his quote
    # (speaker_mention), never kept as an alias that could spread to other articles.
    assert people == {
        "Paul J. Saunders": (["Saunders"], "Executive Director at the Center for the National Interest"),
        "Vitaly Churkin": (["Churkin"], "Russian envoy to the UN"),
        "John Kirby": (["Kirby"], "spokesperson for the US State Department"),
        "Bashar al-Assad": (["Assad"], None),
        "Sergey Lavrov": (["Lavrov"], None),
        "John Kerry": (["Kerry"], None),
    }


def test_seed_places_geocoded(nlp):
    ents, _ = _entities(nlp)
    places = {name: (e.country, e.governorate, e.metonym) for (t, name), e in ents.items() if t == "place"}
    assert places == {
        "Deir ez-Zor": ("SY", "Deir ez-Zor", False),
        "Syria": ("SY", None, False),
        "Damascus": ("SY", "Damascus", True),
        "Moscow": ("RU", None, False),
        "Washington": ("US", None, True),
        "Russia": ("RU", None, False),
        "United States": ("US", None, True),
    }
    deir = ents[("place", "Deir ez-Zor")]
    assert abs(deir.lat - 35.336) < 0.05 and abs(deir.lon - 40.141) < 0.05


def test_seed_organisations_and_non_entities(nlp):
    ents, result = _entities(nlp)
    body_keys = {m.entity_key for m in result.mentions if m.context == "body"}
    orgs = {e.name for e in ents.values() if e.type == "org" and e.key in body_keys}
    assert orgs == {"Syrian Arab Army", "Center for the National Interest", "United Nations", "US State Department",
                    "Islamic State"}  # fmt: skip
    # known to the knowledge base, named only in other stories' headlines: stored, not counted as the article's
    headline_only = {e.name for e in ents.values() if e.key not in body_keys}
    assert headline_only == {"Kremlin", "Pentagon"}
    texts = {m.text for m in result.mentions}
    for junk in ("Principal Problem", "Principal Problem'", "Listen Live", "Kremlin Names Conditions"):
        assert junk not in texts
    assert ("org", "Saunders") not in ents


def _types(nlp, text: str) -> dict[str, str]:
    result = analyse(nlp, segment(text))
    return {e.name: e.type for e in result.entities}


def _typed(nlp, text: str) -> list[tuple[str, str]]:
    """(type, name) of every entity of the text, sorted."""
    return sorted((e.type, e.name) for e in analyse(nlp, segment(text)).entities)


def test_a_namesake_town_abroad_does_not_make_a_person_a_place(nlp):
    types = _types(
        nlp,
        "Jeb Bush spoke in Iowa. Fighters were killed in al-Thayabiya and Hajira towns of rural Damascus.",
    )
    assert types["Jeb Bush"] == "person"
    assert types["Hajira"] == "place"


def test_a_town_that_speaks_is_a_persons_namesake_and_a_capital_speaks_for_its_state(nlp):
    result = analyse(nlp, segment('"We are ready," Moscow said. "The mission is to destroy ISIS," Bush said.'))
    assert [(q.speaker, q.speaker_key) for q in result.quotes] == [
        ("Moscow", "place:moscow-ru"),
        ("Bush", None),
    ]


def test_a_place_before_based_is_not_a_place_the_article_is_about(nlp):
    result = analyse(
        nlp,
        segment("The Britain-based Syrian Observatory for Human Rights said 20 died in Aleppo. Britain condemned it."),
    )
    assert [(m.text, m.entity_key) for m in result.mentions if m.type == "place"] == [
        ("Aleppo", "place:aleppo-sy"),
        ("Britain", "place:united-kingdom-gb"),
    ]


def test_a_country_abbreviation_hyphened_to_led_or_backed_is_an_adjective(nlp):
    text = "US-led coalition jets and US-backed fighters struck Raqqa. The US denied it."
    assert [(m.text, m.type) for m in analyse(nlp, segment(text)).mentions if m.type == "place"] == [
        ("Raqqa", "place"),
        ("US", "place"),
    ]


def test_a_name_after_a_closing_quote_is_a_person_not_a_title(nlp):
    text = '"Those who did this must be punished" Jan Egeland the UN aid adviser said in Geneva.'
    assert [e for e in _typed(nlp, text) if e[0] == "person"] == [("person", "Jan Egeland")]


def test_a_site_named_after_a_place_is_a_place_of_its_own(nlp):
    text = "Fighters seized the Shaar oilfield near Homs and attacked the Hajjar oil field and Haditha dam."
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [
        ("place", "Haditha dam"),
        ("place", "Hajjar oil field"),
        ("place", "Homs"),
        ("place", "Shaar oilfield"),
    ]


def test_untagged_names_in_a_list_after_a_plural_frame_are_places(nlp):
    text = "Troops shelled the neighborhoods of al-Hamidiyeh al-Aradi and al-Rushdiyeh on Monday."
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [
        ("place", "al-Aradi"),
        ("place", "al-Hamidiyah"),
        ("place", "al-Rushdiyeh"),
    ]


def test_a_place_word_both_after_a_name_and_before_of_frames_both(nlp):
    text = "Shells wounded two people in the Abbasids neighbourhood of Damascus on Friday."
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [("place", "Abbasids"), ("place", "Damascus")]


def test_an_unknown_name_after_group_is_an_organisation(nlp):
    text = "A commander of the rebel group Fastaqim said the road to Aleppo was cut."
    assert _typed(nlp, text) == [("org", "Fastaqim"), ("place", "Aleppo")]


def test_a_place_opening_an_operations_name_is_not_a_place(nlp):
    text = 'Turkey launched operation "Euphrates Shield" in northern Syria in August.'
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [("place", "Syria"), ("place", "Turkey")]


def test_a_dateline_in_capitals_is_a_place(nlp):
    text = "BEIRUT March 3 (Reuters) Government forces shelled Douma on Sunday."
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [("place", "Beirut"), ("place", "Douma")]


def test_gazetteer_spellings_of_aleppo_districts(nlp):
    text = "Buses waited at Rashideen while others were stuck in Ramusa south of the city."
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [("place", "Ramouseh"), ("place", "al-Rashidin")]


def test_labels_picture_credits_and_credit_lines_make_no_entity(nlp):
    text = (
        "The strike hit the town. Tags Syria Russia Chemical At least 20 people were killed in Aleppo. "
        "Qamishli shows a plume of smoke after the explosion. (IHA Photo) Qamishli is near the Turkish border. "
        "(Photo Smoke is seen following a US airstrike on western Raqqa.) "
        "It violates international humanitarian law. Editing by Stephen Powell and Sonya Hepinstall"
    )
    assert _typed(nlp, text) == [
        ("place", "Aleppo"),
        ("place", "Qamishli"),
        ("place", "Raqqa"),
    ]


def test_a_title_role_stops_at_a_date_another_person_or_a_word_before_the_capitals(nlp):
    text = (
        "On Sunday US Secretary of State John Kerry met his counterpart. The deal followed the involvement of "
        "Turkish President Recep Tayyip Erdogan and Russian President Vladimir Putin. For his part French "
        "President Francois Hollande said nothing."
    )
    result = analyse(nlp, segment(text))
    roles = {e.name: e.role for e in result.entities if e.type == "person"}
    assert roles == {
        "John Kerry": "US Secretary of State",
        "Recep Tayyip Erdogan": "Turkish President",
        "Vladimir Putin": "Russian President",
        "Francois Hollande": "French President",
    }


def test_a_type_needs_evidence_lone_words_are_no_person_or_organisation(nlp):
    text = (
        "Airstrikes hit Hass and the village of Rityan on Monday, and the Regime denied it. "
        "Colonel Soheil led the assault on Nazlet al-Rdeisat near Saadallah al-Jabiri Square. "
        "A resident named Ahmad fled with the Army. The IDF and Asayesh said nothing."
    )
    types = _types(nlp, text)
    assert types.get("Soheil") == "person" and types.get("Ahmad") == "person"
    assert types.get("Rityan") == "place" and types.get("Nazlet al-Rdeisat") == "place"
    assert types.get("Saadallah al-Jabiri Square") == "place"
    assert types.get("IDF") == "org" and types.get("Asayish") == "org"
    assert "Regime" not in types and "Army" not in types and types.get("Hass") != "person"


def test_an_organisation_needs_a_name_not_a_description_or_a_weapon(nlp):
    text = (
        "Terrorist leader Karam Ammoun was killed. The Local Council in Ain Tarma and the Military Hospital in "
        "Aleppo said so. A Russian Sukhoi Su-34 flew over. The National Defence Forces and the Civil Defence "
        "helped the Syrian Observatory for Human Rights count the dead."
    )
    assert [(t, name) for t, name in _typed(nlp, text) if t != "place"] == [
        ("org", "National Defence Forces"),
        ("org", "Syrian Observatory for Human Rights"),
        ("org", "White Helmets"),
        ("person", "Karam Ammoun"),
    ]


def test_an_organisation_glued_to_its_spokesman_or_a_country_is_split(nlp):
    text = (
        "The head of the Kurdish National Council Ibrahim Biro said no. The World Health Organization Syria office "
        "agreed. UN coordinator Ali al-Zaatari spoke. Al-Zaatari said aid was blocked."
    )
    assert [(t, name) for t, name in _typed(nlp, text) if t != "place"] == [
        ("org", "Kurdish National Council"),
        ("org", "United Nations"),
        ("org", "World Health Organization"),
        ("person", "Ali al-Zaatari"),
        ("person", "Ibrahim Biro"),
    ]


def test_ranks_descriptions_lone_name_heads_and_lower_case_words_name_nothing(nlp):
    text = (
        "Russian Defence Ministry spokesman Major-General Igor Konashenkov spoke. Shells hit the Military "
        "Hospital and the University Housing in Aleppo. The boy was left in a coma in Khan al-Assad."
    )
    names = set(_types(nlp, text))
    assert {"Major-General", "Military Hospital", "University Housing in", "coma", "Khan"}.isdisjoint(names)
    assert {"Igor Konashenkov", "Aleppo", "Russian Defence Ministry"} <= names


def test_credit_lines_and_lists_of_names_run_together_are_no_person(nlp):
    text = (
        "Posted on April 5 2017 by Youssef Diab Paula Astih and Najla Habriri Warplanes hit Khan Sheikhoun. "
        "The dead were Walid Khaled al-Jalakh Walid al-Hosni Mohammad Ibin Nashwan al-Hosni Hassan."
    )
    result = analyse(nlp, segment(text))
    assert [e.name for e in result.entities if e.type == "person"] == []


def test_a_title_role_does_not_take_a_place_named_just_before_it(nlp):
    result = analyse(nlp, segment("In Geneva US Secretary of State John Kerry met his Russian counterpart on Friday."))
    assert {e.name: e.role for e in result.entities if e.type == "person"} == {"John Kerry": "US Secretary of State"}


def test_the_gazetteer_knows_syrian_towns_of_500_people_by_their_own_names_only():
    from syria_corpus import gazetteer

    town = gazetteer.lookup("Talldaww")  # GeoNames: population under 15,000, not in the curated list
    assert (town.country, town.governorate, round(town.lat, 2)) == ("SY", "Homs", 34.88)
    assert gazetteer.lookup("Dali").country != "SY"  # an alternate name of a small town, not kept


def test_what_is_no_organisation_names_none_and_a_cut_known_name_is_finished(nlp):
    text = (
        "Turkish troops reached Dabiq the Turkish army said. Russian Aerospace jets flew over Homs. "
        "The Kurdish Peoples Protection fought on. CT scans showed burns. The Chemical Weapons Convention bans "
        "them under International Law (IL) and the Framework for Elimination of Syrian Chemical Weapons. "
        "UPDATED Regime air raids kill 42. The London Based Syrian Observatory for Human Rights said so."
    )
    assert [name for type_, name in _typed(nlp, text) if type_ == "org"] == [
        "People's Protection Units",
        "Russian Aerospace Forces",
        "Syrian Observatory for Human Rights",
        "Turkish army",
    ]


def test_a_name_followed_by_a_role_is_a_person_and_a_name_cut_before_its_last_word_is_finished(nlp):
    text = (
        "Ercan Topaca the Governor of Hatay said it. Karam Ammoun another terrorist leader was killed. "
        '"We are still finding people" said Sheikh Mohammed Reda Hatem a religious leader in Latakia.'
    )
    assert [name for type_, name in _typed(nlp, text) if type_ == "person"] == [
        "Ercan Topaca",
        "Karam Ammoun",
        "Mohammed Reda Hatem",
    ]


def test_a_sentence_of_names_opening_the_page_is_its_byline(nlp):
    text = (
        "Islamic State executed 700 people from Syrian tribe: monitoring group. Oliver Holmes Suleiman Al-Khalidi. "
        "The Islamic State militant group has executed 700 members of a tribe, Rami Abdulrahman said."
    )
    assert [name for type_, name in _typed(nlp, text) if type_ == "person"] == ["Rami Abdel Rahman"]


def test_a_list_of_names_after_a_place_frame_are_places(nlp):
    text = (
        "The attack between the neighbourhoods of Sakhur and Sheikh Khodr caused damage. Troops killed "
        "terrorists in the village of Hamadi Omar. The raid hit the rebel stronghold of Urom al-Joz in Idlib."
    )
    assert _typed(nlp, text) == [
        ("place", "Hamadi Omar"),
        ("place", "Idlib"),
        ("place", "Sheikh Khodr"),
        ("place", "Urom al-Joz"),
        ("place", "al-Sakhour"),
    ]


def test_ships_glued_glosses_and_footnotes_and_headline_words_make_no_name(nlp):
    text = (
        "The destroyer USS Hopper and the frigate FS Forbin fired missiles. Abboud Qanbar(Arabic: عبود قنبر) "
        "commanded the plan, and the minister Mohan al-Freiji.[2] approved it. Warplanes of Syrian Air Force "
        "bombed the town. Turkeys Special Forces entered. The al-Qaidas affiliate fought on."
    )
    assert _typed(nlp, text) == [
        ("org", "Al-Qaeda"),
        ("org", "Syrian Air Force"),
        ("person", "Abboud Qanbar"),
        ("person", "Mohan al-Freiji"),
    ]


def test_a_place_name_after_a_role_opens_a_persons_name(nlp):
    assert _typed(nlp, "The raid killed activist Bara Abdelrahman in Idlib.") == [
        ("person", "Bara Abdelrahman"),
        ("place", "Idlib"),
    ]


def test_an_organisation_the_knowledge_base_does_not_know_needs_an_organisations_word(nlp):
    text = (
        "The Teachers Syndicate in Damascus and Sham FM reported the attack. France pledged aid, said Laurent "
        "Fabius. The UN envoy Yacoub El Hillo visited Dohuk Iraq. Takfiri Terrorism must end, the Syrian "
        "Institute of Justice said. Militants of the so-called Faylaq al-Sham and Nusra Front attacked. "
        'Kurdish News Media "KDK News" reported it.'
    )
    assert [name for type_, name in _typed(nlp, text) if type_ == "org"] == [
        "Faylaq al-Sham",
        "Jabhat al-Nusra",
        "KDK News",
        "Kurdish News Media",
        "Sham FM",
        "Syrian Institute of Justice",
        "Teachers Syndicate",
        "United Nations",
    ]


def test_a_name_the_model_called_an_organisation_next_to_a_role_is_a_person(nlp):
    text = (
        "The UN envoy Yacoub El Hillo visited Homs. "
        '"It is great to brag about," said Brett O\u2019Donnell, chief strategist for the campaign.'
    )
    assert [(t, name) for t, name in _typed(nlp, text) if t != "place"] == [
        ("org", "United Nations"),
        ("person", "Brett O\u2019Donnell"),
        ("person", "Yacoub El Hillo"),
    ]


def test_a_phrase_a_count_or_a_places_possessive_before_generic_words_names_no_organisation(nlp):
    text = (
        "Fighting raged near Aleppos Military Academy. Once Syrias economic powerhouse Aleppo fell. A terror "
        "group on Peshmerga lines attacked. Shells hit Almiyassar 3 and the town. Ahmed 24 was hurt."
    )
    assert _typed(nlp, text) == [("place", "Aleppo")]


def test_a_name_framed_as_a_place_keeps_the_title_or_place_word_the_model_left_out(nlp):
    text = (
        "Air strikes hit the town of Saraqeb and the village of Sheikh Mustafa. Sheikh Ahmad Hassoun said no. "
        "Shells fired from Hweijet Saqer al-Rashdiyeh hit houses. Another man died in Sheikh Mustafa."
    )
    assert _typed(nlp, text) == [
        ("person", "Ahmad Hassoun"),
        ("place", "Hweijet Saqer al-Rashdiyeh"),
        ("place", "Saraqib"),
        ("place", "Sheikh Mustafa"),
    ]


def test_a_kunya_the_model_left_out_opens_the_name(nlp):
    text = "Commanders were killed, including a native of Kazakhstan Abu Islam al-Kazaki who led the units."
    assert _typed(nlp, text) == [("person", "Abu Islam al-Kazaki"), ("place", "Kazakhstan")]


def test_a_name_before_an_armed_units_word_names_the_unit(nlp):
    text = "A chief of al-Zubair bin Awam phalanges was killed in Duma on Sunday."
    assert [e for e in _typed(nlp, text) if e[0] != "person"] == [
        ("org", "al-Zubair bin Awam phalanges"),
        ("place", "Douma"),
    ]


def test_function_words_and_feasts_are_not_places(nlp):
    text = "Jets struck targets in al-Bukamal city during a 72-hour Eid al-Fitr truce."
    assert [e for e in _typed(nlp, text) if e[0] == "place"] == [("place", "Albu Kamal")]


def test_places_listed_without_their_commas_are_cut_at_each_particle(nlp):
    listed = "Shells fell on the districts of Bab al-Nasr al-Aziziyeh al-Furqan Maisaloun and al-Jabiryieh on Tuesday."
    assert _typed(nlp, listed) == [
        ("place", "Bab al-Nasr"), ("place", "Maisaloun"), ("place", "al-Aziziyeh"), ("place", "al-Furqan"),
        ("place", "al-Jabiryieh"),
    ]  # fmt: skip
    assert _typed(nlp, "Rebels shelled the neighborhood of al-Sheikh Yaseen on Tuesday.") == [
        ("place", "al-Sheikh Yaseen")  # one particle: one name
    ]
    adjectives = "ISIS detonated two car bombs in al-Villat al-Homr neighborhood in Hasaka."
    assert [e for e in _typed(nlp, adjectives) if e[0] == "place"] == [
        ("place", "Hasakah"),
        ("place", "al-Villat al-Homr"),
    ]


def test_a_lone_given_name_is_the_one_person_of_the_article_named_in_full_with_it(nlp):
    from syria_corpus.nlp.entities import extract_entities

    def people(text: str) -> list[tuple[str, str]]:
        return [(m.text, m.entity_key) for m in extract_entities(nlp(text)).mentions if m.type == "person"]

    assert people("Hillary Clinton spoke in Ohio. Later, Hillary said she would win.") == [
        ("Hillary Clinton", "person:hillary-clinton"),
        ("Hillary", "person:hillary-clinton"),
    ]
    assert people("Omar Haddad met officials in Homs on Monday. Later, Omar said the talks had failed.")[-1] == (
        "Omar",
        "person:omar-haddad",
    )
    # two people share the given name, or the lone name is introduced as someone else: no link
    assert people("Omar Haddad and Omar Saleh met in Homs on Monday. Later, Omar said the talks had failed.")[-1] == (
        "Omar",
        "person:omar",
    )
    assert ("Ahmad", "person:ahmad-hassan") not in people(
        "Ahmad Hassan, a doctor, said the hospital was hit. Ahmad, a resident, said nothing."
    )
