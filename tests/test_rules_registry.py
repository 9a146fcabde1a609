"""The rule registry: a snapshot of every registered rule's name and kind, so adding, renaming or dropping
a rule is a visible change (and the calibration file follows it)."""

from graphkit.evaluate_rules import registered_rules

# kind -> names; update this when a rule is added, renamed or dropped
SNAPSHOT = {
    "trigger": ["trigger-abusive-detention", "trigger-actor-confirmed", "trigger-body-name", "trigger-collusion",
                "trigger-doer-noun", "trigger-hypothetical", "trigger-light-object",
                "trigger-noun", "trigger-outside-custody", "trigger-pair", "trigger-phrase",
                "trigger-prosecuted-dissent", "trigger-strong-alone", "trigger-topic-frame",
                "trigger-verb", "trigger-victim-noun"],
    "role": ["role-accomplice", "role-accusation-frame", "role-active-object",
             "role-active-subject", "role-against", "role-at-the-hands-of", "role-blamed-on", "role-cause",
             "role-doer-noun",
             "role-fallback-actor", "role-fallback-group", "role-fallback-paragraph", "role-guessed-source",
             "role-light-verb",
             "role-named-by-act", "role-noun-by",
             "role-noun-modifier", "role-noun-of", "role-noun-participle",
             "role-passive-agent",
             "role-passive-subject", "role-payer", "role-responsible-for", "role-sanction-frame",
             "role-undergoer-subject"],
    "source": ["source-according-to", "source-anaphoric-act", "source-document-author",
               "source-document-speaker", "source-paragraph-carry",
               "source-previous-speaker", "source-quote-speaker", "source-reporting-clause", "source-reporting-verb",
               "source-sentence-speaker", "source-umbrella"],
    "status": ["status-confirmation-cue", "status-default", "status-denial-cue", "status-hedge", "status-negated"],
    "entity": ["acronym-organization", "adjacent-person-join", "country-as-state", "demonym-institution",
               "foreign-acronym", "gazetteer-ruler", "gazetteer-type-repair", "group-noun", "heading-drop",
               "home-authorities", "hyphen-join", "kind-noun-extend", "kind-noun-name",
               "leader-in-government-name", "ministry-list-join", "ner", "not-a-name-drop", "of-join",
               "paren-split", "person-name-extend", "title-trim"],
    "coref": ["coref-class-noun", "coref-government-noun", "coref-head-word", "coref-person-pronoun",
              "government-of-place", "home-government"],
    "relation": ["between", "cue-phrase", "government-of-leader", "group-member-of", "in-place-phrase",
                 "kind-of-place", "leader-of-government", "ministry-of-government",
                 "name-part-of", "opposition-group", "person-of-organization",
                 "place-comma-place", "place-cue-phrase", "possessive-part-of", "relation-verb", "state-leader-title",
                 "title-before-name", "title-of-phrase", "title-with-organization-modifier"],
    "merge": ["merge-antecedent", "merge-first-name", "merge-group-gloss", "merge-group-head", "merge-initials",
              "merge-parenthesis", "merge-same-name", "merge-surname", "merge-word-order"],
}


def test_registered_rule_names_match_the_snapshot():
    found: dict[str, list[str]] = {}
    for name, kind in registered_rules().items():
        found.setdefault(kind, []).append(name)
    assert {k: sorted(v) for k, v in found.items()} == SNAPSHOT
