"""Portfolio triggers: discontinuations (with their reasons) and sales or market forecasts."""

DISCONTINUE = [
    r"discontinu(?:e[ds]?|ing|ation)",
    r"\bax(?:e[ds]?|ing)\b",
    r"\bcull(?:s|ed|ing)?\b",
    r"scrap(?:s|ped|ping)?\b",
    r"\bdropp(?:ed|ing)\b|\bdrops\b",
    r"\bhalt(?:s|ed|ing)?\b",
    r"\bshelv(?:e[ds]?|ing)\b",
    r"\bditch(?:es|ed|ing)?\b",
    r"\babandon(?:s|ed|ing)?\b",
    r"deprioriti[sz](?:e[ds]?|ing|ation)",
    r"(?:stop|stops|stopped|stopping|cease[ds]?|end(?:s|ed|ing)?|terminat(?:e[ds]?|"
    r"ing))\s+(?:\w+\s+){0,2}?(?:development|work|the\s+program|the\s+programme|"
    r"the\s+study|the\s+trial|investment|pursuing|developing)",
    r"pull(?:s|ed)?\s+the\s+plug",
    r"(?:terminat(?:e[ds]?|ing)|stop(?:s|ped|ping)?|end(?:s|ed|ing)?|halt(?:s|"
    r"ed|ing)?)\s+(?:both|all|the|its|their|two|three|a)\s+(?:[\w-]+\s+){0,3}?(?:trials?|"
    r"stud(?:y|ies)|programs?|programmes?)",
    r"sw(?:ept|eeps?|eeping)\s+away",
    r"(?:headed|heading|consigned|sent)\s+to\s+the\s+scrap\s+heap",
    r"no\s+longer\s+(?:be\s+)?(?:develop|pursu|advanc|investigat)\w*",
    # "pruned from the drugmaker's pipeline", "removed from its clinical portfolio"
    r"(?:removed?|cut|cuts|pruned?)\s+(?:\w+\s+){0,3}?from\s+(?:its|the|their|our)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:pipeline|portfolio)",
    r"walk(?:s|ed)?\s+away\s+from",
    r"pull(?:s|ed)?\s+from\s+(?:the\s+|its\s+)?(?:pipeline|portfolio|development)",
    r"(?:will|to)\s+not\s+(?:advance|progress|pursue)|decided\s+not\s+to\s+(?:advance|pursue|progress|continue)",
    # a marketed drug taken off the market: "withdraw the marketing authorizations for Relyvrio", "pull X off the
    # market", "take its ALS drug off the market"
    r"withdr(?:aw|aws|awing|awn|ew)\s+(?:the\s+|its\s+)?(?:[\w.-]+\s+){0,2}?(?:marketing\s+authori[sz]ations?|approvals?"
    r"|(?:[\w'’-]+\s+){0,3}?from\s+the\s+market)",
    r"(?:pull|pulls|pulled|pulling|take|takes|took|taking)\s+(?:[\w'’-]+\s+){0,4}?(?:off|from)\s+(?:the\s+)?"
    r"(?:U\.?S\.?\s+|European\s+|EU\s+)?market",  # "GSK pulls Blenrep from US market"
]
LIST_END = (
    r"[;]|\.\s|\.(?=[A-Z])|,\s+(?:with|while|but|instead|as|when|which|who|after)\b|\binstead\b|\bfocus"
    r"|\s(?:while|but|whereas|after|because|following|amid)\s|\sdue\s+to\s"
)
REASONS = {
    "safety": (
        r"safety|adverse|toxicit|side\s+effects?|deaths?|liver\s+(?:injury|damage|enzymes?|transaminases?|toxicity)"
        r"|transaminase|hepatotox|injur(?:y|ies)\b"
        r"|tolerab\w*|poorly\s+tolerated|nausea|vomiting"  # "tolerability was poor: nausea affected up to 73%"
    ),
    "efficacy": (
        r"efficacy|fail(?:ed|ure|s)?\b|miss(?:ed)?\b|did\s+not\s+(?:meet|show)|futility|disappoint|unlikely\s+to\s+(?:meet|succeed)"
        r"|lack\s+of\s+(?:benefit|effect)|flounder|fell\s+short|\bflop\w*|came\s+up\s+empty"
    ),
    "commercial": (
        r"commercial\s+(?:reasons|potential|viability|opportunity)|market\s+(?:dynamics|conditions)|pricing"
        r"|reimbursement|competitive\s+landscape"
    ),
    "strategic": (
        r"strateg|portfolio|prioriti[sz]|business\s+(?:reasons|decision)|pipeline\s+(?:review|pruning|reprioritization)"
        r"|restructur|focus|resources|cost"
        r"|job\s+cuts|lay-?offs?|laying\s+off|workforce|headcount|overhaul|reorgani[sz]"  # "Alongside the job cuts, …"
    ),
}
FORECAST = [
    r"forecast(?:s|ed|ing)?",
    r"project(?:s|ed|ing|ions?)\b",
    r"(?:expected|predicted|estimated|set|poised|anticipated|tipped)\s+to\s+(?:reach|"
    r"generate|hit|top|exceed|surpass|rise|grow|climb|bring\s+in|be\s+worth|"
    r"achieve|rake\s+in|become)",
    r"peak\s+(?:annual\s+|global\s+|worldwide\s+)?sales",
    r"(?:sales|revenues?)\s+(?:of|to\s+reach|reaching|could\s+reach|will\s+reach)",
    r"(?:sales|revenues?)\s+(?:to|will|could|would|may)\s+peak\s+at",  # "expects Keytruda sales to peak at $35bn"
    r"(?:will|could|would|may)\s+(?:reach|generate|hit|top|exceed|be\s+worth|bring\s+in)",
    r"to\s+be\s+worth",
    # "Sanofi expects it to reach $20 billion in 2030", "sees the drug generating"
    r"(?:expects?|expected|sees|projects?|predicts?|estimates?)\s+(?:it|them|the\s+\w+|sales|\w+)\s+to\s+(?:reach|"
    r"generate|hit|top|exceed|surpass|bring\s+in|be\s+worth|achieve|peak|rise|grow|climb)",
    r"market\s+(?:size|value|is\s+expected|will|could|to\s+reach|worth)",
    # "we size the global obesity drug market at $90bn in 2030", "pegs the opportunity at $100bn"
    r"(?:size[sd]?|sizing|puts?|putting|values?|valued|valuing|pegs?|pegged|pegging)\s+(?:the\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,5}?(?:market|opportunity)\s+at",
    # "analysts see U.S. spending on MASH drugs topping $10 billion a year by 2032"
    r"(?:sees?|expects?|forecasts?|projects?|predicts?)\s+(?:[\w.]+\s+){0,6}?(?:spending|sales|revenues?|market)\s+"
    r"(?:on\s+(?:[\w-]+\s+){1,3})?(?:topping|reaching|exceeding|hitting|surpassing|climbing\s+to|growing\s+to)",
    r"(?:best|top)[- ]selling\s+(?:drug|medicine|product)",
    r"top\s+(?:\d+|three|five|ten)\s+(?:drugs|products|medicines|sellers|brands)\s+(?:in|by|of)\s+20\d\d",
]
# A forecast looks ahead: without one of these, "sales of $1.2 billion in 2025" is a reported figure.
FORWARD = (
    r"\b(?:forecast\w*|project\w*|expect\w*|predict\w*|estimat\w*|anticipat\w*|could|will|would|may|might|"
    r"peak|poised|set\s+to|on\s+track|guidance|outlook|potential(?:ly)?|by\s+20\d\d|top\s+(?:\d+|three|five|ten))\b"
)
FORECAST_SOURCE_WORDS = r"according\s+to|(?:said|says|estimates?|predicts?|forecasts?|projects?|expects?)"

# Cheap gates (lower-case substrings).
KEYWORDS = {
    "discontinuation": (
        "discontinu",
        "axe",
        "axing",
        "cull",
        "scrap",
        "drop",
        "halt",
        "shelv",
        "ditch",
        "abandon",
        "depriorit",
        "stop",
        "cease",
        "end ",
        "ends ",
        "ended",
        "ending",
        "terminat",
        "plug",
        "no longer",
        "remov",
        "cut",
        "prune",
        "pruning",
        "walk",
        "pull",
        "swe",
        "not advance",
        "not to",
        "not progress",
        "not pursue",
        "withdr",
        "off the market",
    ),
    "forecast": (
        "forecast",
        "project",
        "expected to",
        "predicted to",
        "estimated to",
        "set to",
        "poised to",
        "anticipated to",
        "tipped to",
        "peak",
        "sales",
        "revenue",
        "reach",
        "worth",
        "market",
        "selling",
        "generate",
        "exceed",
        "top ",
        "topping",
        "spending",
    ),
}
