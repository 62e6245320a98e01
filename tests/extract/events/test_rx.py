from racecard.extract.events.rx import Trigger, lower_text


def test_trigger_matches_case_insensitively_at_word_starts_only() -> None:
    t = Trigger([r"\bmet\s+(?:its\s+)?primary", r"regain(?:s|ed)?"])
    assert t.search("Drug X Met its primary endpoint") is not None
    assert t.search("an unmet primary need") is None  # "met" inside "unmet"
    m = t.search("Junshi Regains rights; Amgen regained control")
    assert m is not None and m.start() == 7
    assert [x.group(0) for x in t.finditer("Regains, then regained")] == ["regains", "regained"]


def test_escapes_and_group_names_survive_lowering() -> None:
    t = Trigger(r"(?P<Upper>\S+)\s+DEAL")
    m = t.search("A Big deal")
    assert m is not None and m.group("Upper") == "big"


def test_lowering_keeps_offsets() -> None:
    text = "İstanbul-based Tessaly"
    assert len(lower_text(text)) == len(text)
