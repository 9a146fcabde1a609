from graphkit.names import fold, initials
from graphkit.resolve import resolve
from graphkit.types import Article, DocResult, Mention


def _m(doc, text, start, etype="Organization", **kw):
    return Mention(key=f"{doc}:{start}", text=text, type=etype, doc_id=doc, start=start, end=start + len(text),
                   sent_start=0, sent_end=0, **kw)


def _doc(doc_id, text, mentions):
    return DocResult(article=Article(id=doc_id, text=text), mentions=mentions)


def test_resolve_fold_handles_case_accents_articles_and_possessives():
    assert fold("the Tocorón prison's") == "tocoron prison"
    assert fold("Néstor  Reverol") == "nestor reverol"


def test_resolve_initials_skip_function_words():
    assert initials("Committee for the Defence of Human Rights") == "cdhr"


def test_resolve_parenthesised_acronym_joins_its_full_name():
    text = "the Rapid Response Unit (URR) of the army. Later the URR returned."
    a = _m("d", "Rapid Response Unit", 4)
    b = _m("d", "URR", text.index("URR"))
    c = _m("d", "URR", text.rindex("URR"))
    res = resolve([_doc("d", text, [a, b, c])])
    assert len(res.entities) == 1
    entity = res.entities[0]
    assert entity.name == "Rapid Response Unit" and "URR" in entity.aliases
    assert entity.merge_reasons  # the reason is kept


def test_resolve_initials_join_an_acronym_used_without_parentheses():
    text = "The Committee for the Defence of Human Rights said. The CDHR added."
    full = _m("d", "Committee for the Defence of Human Rights", 4)
    acr = _m("d", "CDHR", text.index("CDHR"))
    assert len(resolve([_doc("d", text, [full, acr])]).entities) == 1


def test_resolve_surname_joins_full_name_even_when_ner_mistyped_it():
    text = "said Elena Quiroga. Later Quiroga added."
    full = _m("d", "Elena Quiroga", 5, "Person")
    surname = _m("d", "Quiroga", text.rindex("Quiroga"), "Organization")
    res = resolve([_doc("d", text, [full, surname])])
    assert [(e.name, e.type) for e in res.entities] == [("Elena Quiroga", "Person")]


def test_resolve_across_documents_by_folded_name_but_not_across_types():
    a = _m("d1", "Néstor Reverol", 0, "Person")
    b = _m("d2", "Nestor Reverol", 0, "Person")
    c = _m("d2", "Reverol Group", 30, "Organization")
    res = resolve([_doc("d1", "x" * 40, [a]), _doc("d2", "x" * 60, [b, c])])
    people = [e for e in res.entities if e.type == "Person"]
    assert len(people) == 1 and people[0].docs == ["d1", "d2"]
    assert "Nestor Reverol" in people[0].aliases or people[0].name == "Nestor Reverol"
    assert res.mention_to_entity[a.key] == res.mention_to_entity[b.key] != res.mention_to_entity[c.key]


def test_resolve_gazetteer_id_joins_different_names():
    a = _m("d1", "SEBIN", 0, canonical_id="ve-sebin", canonical_name="Bolivarian National Intelligence Service")
    b = _m("d2", "Bolivarian Intelligence Service", 0, canonical_id="ve-sebin",
           canonical_name="Bolivarian National Intelligence Service")
    res = resolve([_doc("d1", "x" * 10, [a]), _doc("d2", "x" * 40, [b])])
    assert [e.id for e in res.entities] == ["ve-sebin"]
    assert res.entities[0].name == "Bolivarian National Intelligence Service"


def test_resolve_a_bare_group_head_refers_back_to_the_fuller_group():
    text = "Cuban doctors were sent abroad. The doctors said they were told to threaten patients."
    full = _m("d", "Cuban doctors", 0, "Group")
    bare = _m("d", "doctors", text.index("doctors said"), "Group")
    other = _m("d", "patients", text.index("patients"), "Group")
    res = resolve([_doc("d", text, [full, bare, other])])
    assert res.mention_to_entity[full.key] == res.mention_to_entity[bare.key] != res.mention_to_entity[other.key]


def test_resolve_a_group_glossed_in_parentheses_is_that_group():
    text = "the “halcones” (irregular armed groups loyal to the governor) patrol the area"
    glossed = _m("d", "halcones", text.index("halcones"), "Group")
    gloss = _m("d", "armed groups", text.index("armed groups"), "Group")
    res = resolve([_doc("d", text, [glossed, gloss])])
    assert len(res.entities) == 1 and res.entities[0].merge_reasons
    # the term the text explains names the group; the explanation is an alias
    assert res.entities[0].name == "halcones" and "armed groups" in res.entities[0].aliases


def test_resolve_a_group_named_with_the_home_country_demonym_is_the_bare_group():
    about_peru = "Peruvian soldiers fired on a march in Lima, Peru. Peru's army denied it."
    elsewhere = "Soldiers fired at a crowd in Lima, Peru, witnesses said."
    cuban = "Cuban soldiers were seen in Lima, Peru."
    a = _m("a", "Peruvian soldiers", 0, "Group")
    b = _m("b", "Soldiers", 0, "Group")
    c = _m("c", "Cuban soldiers", 0, "Group")
    places = [_m(doc, "Peru", text.rindex("Peru"), "Location", canonical_id="loc-pe")
              for doc, text in (("a", about_peru), ("b", elsewhere), ("c", cuban))]
    res = resolve([_doc("a", about_peru, [a, places[0]]), _doc("b", elsewhere, [b, places[1]]),
                   _doc("c", cuban, [c, places[2]])])
    ids = res.mention_to_entity
    assert ids[a.key] == ids[b.key] != ids[c.key]
    merged = next(e for e in res.entities if e.id == ids[a.key])
    assert merged.name == "Peruvian soldiers" and any("same group" in r for r in merged.merge_reasons)


def test_resolve_spanish_group_words_join_their_english_translation():
    texts = {"a": "Armed colectivos came to Caracas, Venezuela.", "b": "Armed collectives came to Caracas, Venezuela."}
    a = _m("a", "colectivos", 6, "Group")
    b = _m("b", "collectives", 6, "Group")
    docs = [_doc(d, t, [m, _m(d, "Venezuela", t.rindex("Venezuela"), "Location", canonical_id="loc-ve")])
            for (d, t), m in zip(texts.items(), (a, b), strict=True)]
    res = resolve(docs)
    assert res.mention_to_entity[a.key] == res.mention_to_entity[b.key]


def test_resolve_demonstrators_and_protesters_in_one_document_are_one_group():
    text = "Demonstrators marched in Nairobi, Kenya. Police beat the protesters."
    a = _m("a", "Demonstrators", 0, "Group")
    b = _m("a", "protesters", text.index("protesters"), "Group")
    res = resolve([_doc("a", text, [a, b, _m("a", "Kenya", text.index("Kenya"), "Location", canonical_id="loc-ke")])])
    assert res.mention_to_entity[a.key] == res.mention_to_entity[b.key]


def test_fold_accents_by_table_equals_decomposing_the_whole_text():
    """fold_accents strips marks through a per-character table; it must equal NFKD-then-drop-marks on any text,
    names and long texts alike (the long ones are not cached, the short ones are)."""
    import random
    import unicodedata

    from graphkit import names
    from graphkit.names import fold_accents

    def reference(text: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))

    rnd = random.Random(5)
    ranges = [(32, 0x250), (0x300, 0x370), (0x370, 0x3000), (0x1E00, 0x1F00), (0xAC00, 0xD7A3), (0xFB00, 0xFB50)]
    texts = ["Zoë Brontë’s café", "Ångström and Dvořák met in Łódź", "ﬁnal ﬂight ½", "e\u0301 then \u0301e", "plain"]
    texts += ["".join(chr(rnd.randrange(*rnd.choice(ranges))) for _ in range(rnd.randrange(1, 400)))
              for _ in range(500)]
    for text in texts:
        assert fold_accents(text) == reference(text), text
        # the cached path (names) and the uncached one (long texts) fold alike
        assert fold(text) == names._fold(text, names._POSSESSIVE).lower(), text
    assert fold("The Café of Zoë’s") == "cafe of zoe"


def test_resolve_keeps_same_named_groups_of_different_countries_apart():
    texts = {"eg": "Security forces arrested three lawyers in Cairo, Egypt.",
             "eg2": "In Egypt, security forces raided an office in Cairo.",
             "ir": "Security forces fired on protesters in Tehran, Iran.",
             "ve": "In Caracas, Venezuela, security forces and Cuban security forces guarded Venezuelan courts."}
    places = {"eg": ("Egypt", "loc-eg"), "eg2": ("Egypt", "loc-eg"), "ir": ("Iran", "loc-ir"),
              "ve": ("Venezuela", "loc-ve")}
    groups = {d: _m(d, "security forces", t.lower().index("security forces"), "Group") for d, t in texts.items()}
    cuban = _m("ve", "Cuban security forces", texts["ve"].index("Cuban"), "Group")
    docs = []
    for d, t in texts.items():
        name, gid = places[d]
        mentions = [groups[d], _m(d, name, t.index(name), "Location", canonical_id=gid)]
        docs.append(_doc(d, t, [*mentions, cuban] if d == "ve" else mentions))
    ids = resolve(docs).mention_to_entity
    assert ids[groups["eg"].key] == ids[groups["eg2"].key]
    assert len({ids[groups["eg"].key], ids[groups["ir"].key], ids[groups["ve"].key], ids[cuban.key]}) == 4
    # each id names its country and does not move when documents from elsewhere come and go
    assert (ids[groups["eg"].key], ids[cuban.key]) == ("eg-security-forces", "cu-security-forces")
    assert resolve(docs[:1]).mention_to_entity[groups["eg"].key] == "eg-security-forces"


def test_resolve_keeps_groups_of_documents_without_a_country_in_their_document():
    a = _m("a", "police", 4, "Group")
    b = _m("b", "police", 4, "Group")
    res = resolve([_doc("a", "The police came.", [a]), _doc("b", "The police came.", [b])])
    assert (res.mention_to_entity[a.key], res.mention_to_entity[b.key]) == ("police--a", "police--b")


def test_demonym_votes_word_by_word_equal_folding_the_whole_text():
    from collections import Counter

    from graphkit.names import _demonym_votes, demonyms

    def whole_text(text):  # the reference: fold the whole text once, then split it
        by = demonyms()
        votes = Counter()
        for word in fold(text).split():
            if word in by:
                votes[by[word]] += 1
            elif word.endswith("s") and word[:-1] in by:
                votes[by[word[:-1]]] += 1
        return votes

    texts = ["A Venezuelan-born activist met Kenyan, Chilean and CUBAN officials.",
             "The Eritreans’ and U.S.'s «Ñandú» claims; the Mexican’s reply\u00a0and Peruvians.",
             "an Ethiopian court; THE Venezuelans' march. Kenya's police, a\u00a8b Cuban", ""]
    for text in texts:
        assert list(_demonym_votes.__wrapped__(text).items()) == list(whole_text(text).items())
    assert _demonym_votes.__wrapped__(texts[0])  # demonyms were found: the equality is not of two empty counts
