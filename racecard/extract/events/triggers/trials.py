"""Trial triggers: starts, readouts and their outcomes, safety findings."""

START = [
    r"(?:initiat|start|launch|commenc)(?:e[ds]?|ing|s|ion\s+of)?\b",
    r"\bbegan\b|\bbegins?\b|\bbeginning\b",
    r"first\s+(?:patient|participant|subject)s?\s+(?:\w+\s+){0,2}(?:dosed|enrolled|randomi[sz]ed|treated)",
    r"dos(?:ed|es|ing)\s+(?:of\s+)?(?:the\s+|its\s+)?first\s+(?:patient|participant|subject)",
    r"enroll(?:ed|s)\s+(?:the\s+|its\s+)?first",
    r"(?:IND|clinical\s+trial\s+application|CTA)\s+(?:clearance|approval)|clear(?:ed)?\s+(?:the|its|an)\s+IND",
    r"kick(?:ed|s)?\s+off",
    r"enter(?:ed|s|ing)?\s+(?:a\s+|the\s+|its\s+)?(?:phase|pivotal|registrational|late-stage)",  # "entered Phase 3"
    # "plans to advance suzetrigine into Phase 3", "moved the drug into a pivotal study"
    r"(?:advanc|mov|progress|push|tak)(?:e[ds]?|ing|es|en|ook)?\s+(?:[\w-]+\s+){0,3}?into\s+(?:an?\s+|the\s+)?"
    r"(?:phase|pivotal|registrational|late-stage)",
    r"(?:are|is)\s+(?:already\s+|now\s+)?(?:under\s*way|ongoing)",
    r"(?:currently|now|already|also)\s+(?:being\s+)?(?:in|tested\s+in|evaluated\s+in|"
    r"studied\s+in)\s+(?:an?\s+|the\s+)?(?:ongoing\s+|pivotal\s+|global\s+)?phase",
    r"(?:is|are)\s+(?:already\s+|now\s+|currently\s+|actively\s+)?(?:enrolling|recruiting|dosing)\b",  # under way
    r"(?:conduct|run|launch)\s+(?:an?\s+)?(?:additional\s+|new\s+|second\s+)?(?:confirmatory|pivotal|phase)",
    r"(?:study|trial)\s+(?:[\w-]+\s+){0,8}?(?:was|were|has\s+been)\s+(?:approved|cleared)",
]
START_PLANNED = (
    r"(?:study|trial)\s+(?:[\w-]+\s+){0,8}?(?:was|were|has\s+been)\s+(?:approved|"
    r"cleared)|(?:have|has|had|need|needs)\s+to\s+(?:conduct|run|launch)|"
    r"asked\s+(?:\w+\s+){0,4}to"
)
TRIAL_WORD = (
    r"\b(?:trials?|study|studies|phase\s*(?:[1-4]|I{1,3})[ab]?|pivotal|registrational|dose-escalation"  # "Phase 2b"
    r"|(?:co-?)?primary\s+endpoints?|secondary\s+endpoints?|top-?line|data\s+read-?outs?|read\s+out)\b"
)
# Measures only a trial reports: a sentence giving one for a named drug reports results.
CLINICAL_MEASURE = (
    r"\d+(?:\.\d+)?\s?%\s+(?:\w+\s+){0,3}?(?:response|remission|disease\s+control|reduction|improvement|clearance|"
    r"weight\s+loss)"
    r"|\d+(?:\.\d+)?\s?%\s+of\s+(?:[\w-]+\s+){1,6}?responded\b"  # "40% of patients given the 10 mg dose responded"
    r"|\blost\s+(?:on\s+average\s+|an\s+average\s+of\s+|a\s+mean\s+(?:of\s+)?|up\s+to\s+)?\d+(?:\.\d+)?\s*%\s+of\s+"
    r"(?:their\s+)?(?:body\s+)?weight"  # "lost on average 20.9% of their body weight"
    r"|(?:overall\s+)?response\s+rate\s+(?:of\s+)?\d|\b(?:ORR|DCR|PFS|OS)\s+(?:of\s+|was\s+)?\d"
    r"|hazard\s+ratio|p\s?[<=]\s?0?\.\d|median\s+(?:progression-free|overall)\s+survival\s+(?:of\s+)?\d"
)
READOUT = [
    r"(?:interim|planned|pre-?specified)\s+analysis|(?:unlikely|not\s+likely)\s+to\s+(?:meet|achieve|succeed|reach)",
    r"(?:was|were|proved|deemed)\s+futile",
    r"phase\s*(?:[1-4]|i{1,3})[ab]?\s+(?:\w+\s+)?(?:data|results|findings|readout)",
    r"\bmet\s+(?:(?:the|its|both|all|their|each|two|co-?)\s+)*(?:\w+\s+){0,3}?(?:primary|"
    r"co-?primary|secondary|main|key)",
    # "which met its progression-free survival endpoint"
    r"\bmet\s+(?:the|its|their|both|all)\s+(?:[\w-]+\s+){0,3}?end-?points?\b",
    r"(?:achiev|reach)(?:ed|es)\s+(?:(?:the|its|both|all|statistically)\s+)*(?:\w+\s+){0,2}?(?:primary|"
    r"endpoints?|significan)",
    r"\bhit(?:s)?\s+(?:(?:the|its|all|both)\s+)*(?:\w+\s+){0,2}?(?:primary|endpoints?|goals?)",
    r"(?:fail(?:ed|s)?|did\s+not|didn't|does\s+not)\s+(?:to\s+)?(?:meet|"
    r"achieve|hit|reach|show|demonstrate|improve|reduce|slow|delay|beat|"
    r"outperform)",
    r"\bmiss(?:ed|es)\s+(?:(?:the|its|both)\s+)*(?:\w+\s+){0,2}?(?:primary|endpoints?|goals?|mark)",
    r"\bmiss(?:ed|es)\s+(?:statistical\s+)?significance",
    r"fell\s+short|\bflop(?:ped|s)?\b|\bfailed\b|\bfails\b",
    # "amlitelimab clears Phase 3 COAST 1" (not "the FDA cleared the Phase 3 trial": see trials.py)
    r"\bclear(?:s|ed)\s+(?:(?:its|a|the|another)\s+)?(?:phase\s*(?:[1-4]|i{1,3})[ab]?|pivotal|late-stage)\b",
    # headline verbs: "giredestrant aces Phase 3", "semaglutide flunks Alzheimer's trials"
    r"\b(?:ace[sd]?|nail(?:s|ed)?|flunk(?:s|ed)?|stumble[sd]?|falter(?:s|ed)?)\s+(?:(?:its|the|a|an|two|both)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:phase\s*(?:[1-4]|i{1,3})|pivotal|trials?|stud(?:y|ies)|tests?)",
    # "both stopped early for efficacy": an interim look that showed the drug worked
    r"(?:stopped|halted|ended|terminated)\s+early\s+(?:for|due\s+to|because\s+of)\s+(?:overwhelming\s+|positive\s+)?"
    r"(?:efficacy|benefit)",
    # "was stopped early for futility": an interim look that ended the trial
    r"(?:stopped|halted|ended|terminated)\s+(?:\w+\s+){0,2}?(?:for|due\s+to|on|after\s+a)\s+futility|futility\s+(?:analysis|boundar(?:y|ies)|thresholds?)",
    # "showed Elahere extended both progression-free and overall survival"
    r"\b(?:extended|prolonged|improved)\s+(?:both\s+)?(?:median\s+)?(?:progression-free|overall)\s+(?:and\s+overall\s+)?"
    r"survival",
    # "it slowed decline by 35% compared with placebo": a result given as a figure
    # "cut the risk of major adverse cardiovascular events by 20%"
    r"\b(?:slowed|reduced|cut|lowered|improved|extended)\s+(?:[\w-]+\s+){0,8}?by\s+\d+(?:\.\d+)?\s*%",
    # "participants on the 15 mg dose lost on average 20.9% of their body weight"
    r"\blost\s+(?:on\s+average\s+|an\s+average\s+of\s+|a\s+mean\s+(?:of\s+)?|up\s+to\s+)?\d+(?:\.\d+)?\s*%\s+of\s+"
    r"(?:their\s+)?(?:body\s+)?weight",
    # "retatrutide hits 24% weight loss in TRIUMPH-4": a result given as a figure
    r"\b(?:hits?|shows?|showed|posts?|posted|delivers?|delivered|yields?|yielded)\s+(?:an?\s+|up\s+to\s+|mean\s+|average\s+)?"
    r"\d+(?:\.\d+)?\s*%",
    # "Pooled results from that study were presented at AACR", "data will be presented at ASCO"
    r"(?:results|data|findings|analysis)\s+(?:from\s+(?:[\w-]+\s+){1,4}?)?(?:were|was|are|is|will\s+be|have\s+been)"
    r"\s+(?:presented|published|reported|unveiled)",
    # "suzetrigine beat placebo": a comparison with the control arm is a result
    r"\b(?:beat|beats|bested|outperform(?:s|ed)?|topped)\s+(?:the\s+)?(?:placebo|control|standard\s+(?:of\s+)?care"
    r"|chemotherapy)",
    r"top-?line\s+(?:results|data|readout|findings)",
    r"(?:positive|negative|mixed|disappointing|encouraging|promising|detailed|"
    r"full|final|interim|new|updated|late-breaking|first|early)\s+(?:\w+\s+){0,2}?(?:results|"
    r"data|readout|findings)",
    r"(?:results|data|findings)\s+(?:from|of)\s+(?:the\s+|a\s+|its\s+)?",
    r"failure\s+(?:of|in)",
    r"read\s*out|readouts?",
    r"(?:showed|shows|demonstrated|demonstrates|delivered|produced)\s+(?:an?\s+)?(?:[\w-]+\s+){0,4}?(?:significant|"
    r"superior|improve|benefit|reduc|efficacy|response)",  # "produced high rates of complete response"
    r"statistically\s+significant",
    # a head-to-head win: "X beat Keytruda in the HARMONi-2 study"
    r"\b(?:beat|beats|bested|outperform(?:s|ed)?|trounced|topped)\s+(?:[\w&.'’-]+\s+){0,4}?(?:in|on|across)\s+"
    r"(?:the\s+|a\s+)?",  # "outperformed Merck & Co's Keytruda in a head-to-head study"
    r"(?:presented|reported|unveiled|announced|shared|published)\s+(?:\w+\s+){0,3}?(?:results|data|findings)",
    # "The approval rests on the Phase 3 ADvocate 1 and ADvocate 2 studies": the trials a decision was made on
    r"\b(?:rests?|rested|based|built|relies|relied|supported|backed)\s+(?:on|by)\s+(?:the\s+|two\s+|three\s+|positive\s+)*"
    r"(?:(?:phase\s*(?:[1-4]|i{1,3})[ab]?|pivotal|registrational|global|randomi[sz]ed)\s+)+",
]
MISSED = (
    r"(?:unlikely|not\s+likely)\s+to\s+(?:meet|achieve|succeed|reach|show)|futility|met\s+neither|neither\s+(?:of\s+)?(?:the\s+|its\s+)?(?:co-?)?primary|"
    r"fail\w*|did\s+not\s+(?:meet|achieve|hit|reach|show|demonstrate|improve|"
    r"reduce|slow|delay)|didn't|not\s+(?:statistically\s+)?significant|miss(?:ed|"
    r"es)|fell\s+short|flop\w*|negative\s+(?:top-?line\s+)?(?:results|data|"
    r"trial)|no\s+(?:significant\s+)?(?:benefit|difference)|"
    r"disappoint\w*\b(?!\s+(?:investors|analysts|the\s+market|wall\s+street|shareholders))|"  # not a market mood
    r"unsuccessful|futil\w*|flunk\w*|stumbl\w*|falter\w*"
)
MET = (
    r"\bmet\b|achiev\w+\s+(?:(?:the|its|both|all|a)\s+)?(?:\w+\s+){0,2}?(?:primary|endpoints?|goals?|statistical)"
    r"|\bhit(?:s)?\b|positive|statistically\s+significant|"
    r"significant(?:ly)?\s+(?:improv|reduc|better)|superior\w*|succeed\w*|"
    r"success\w*|beat|outperform\w*|\bace[sd]?\b|\bnail(?:s|ed)?\b"
    r"|(?:extended|prolonged)\s+(?:both\s+)?(?:median\s+)?(?:progression-free|overall)"
    r"|early\s+(?:for|due\s+to|because\s+of)\s+(?:overwhelming\s+|positive\s+)?(?:efficacy|benefit)"
    # "slowed decline … by 27% versus placebo", "lowered the rate of exacerbations by 30% compared with placebo"
    r"|\b(?:slow(?:ed|s)|lower(?:ed|s)|reduc(?:ed|es)|cut|decreas(?:ed|es)|improv(?:ed|es))\s[^.;]{0,100}?"
    r"\bby\s+\d+(?:\.\d+)?%[^.;]{0,60}?\b(?:versus|vs\.?|compared\s+(?:with|to)|relative\s+to|over)\s+placebo"
    r"|\bslow(?:ed|s)\s+(?:cognitive\s+|clinical\s+|disease\s+)?(?:decline|progression)\s+by\s+\d"
)
MIXED = (
    r"\bmixed\b|\bone\s+of\s+(?:the\s+)?two\b|\bbut\s+(?:not|missed|failed)\b|\bwhile\s+(?:it\s+)?(?:missed|failed)"
    # "did not reach significance on the primary endpoint but showed a benefit on secondary ones"
    r"|\b(?:did\s+not|failed\s+to|missed)\b[^.;]{0,120}?\bbut\s+(?:it\s+)?(?:showed|demonstrated|met|achieved|hit|improved)"
)
SAFETY = [
    r"safety\s+(?:signal|concern|issue)s?",
    # "a higher risk of death", "a higher rate of thrombotic events"
    r"(?:higher|increased|elevated|excess)\s+(?:risk|rate|rates|incidence)\s+of\s+(?:[\w-]+\s+){0,2}?(?:death|deaths|"
    r"mortality|events|thrombo\w*|bleeding|infections?|cancers?|malignanc\w*)",
    r"clinical\s+hold",
    r"(?:treatment-related|serious|grade\s*[3-5]|fatal)\s+(?:\w+\s+){0,2}?(?:adverse\s+events?|AEs?|deaths?)",
    r"(?:\d+|two|three|four|five|several|multiple)\s+(?:patient\s+|treatment-related\s+)?deaths|"
    r"patient\s+deaths?|deaths?\s+(?:of|in)\s+(?:a\s+|two\s+|three\s+|\d+\s+)?(?:patients?|"
    r"participants?)",
    r"(?:rates?|incidence|cases?|events?|reports?)\s+of\s+(?:\w+\s+){0,3}?(?:ulcerations?|"
    r"pyrexia|chills|hepatotoxicity|liver\s+injury|toxicit(?:y|ies)|bleeding|"
    r"pneumonitis|hypersensitivity|infections?|ARIA|edema)",
    r"(?:ulcerations?|pyrexia|hepatotoxicity|liver\s+toxicity)\s+(?:events?|cases?)",
    r"boxed\s+warning",
    # "elevated liver enzymes", "a case of liver injury", "patients developed Kaposi's sarcoma"
    r"(?:elevat\w+|raised|abnormal)\s+(?:\w+\s+){0,2}?(?:liver|hepatic)\s+(?:enzymes?|tests?|function)",
    r"liver\s+(?:injury|damage|enzyme\s+elevations?)",
    r"(?:patients?|participants?|subjects?|volunteers?)\s+(?:\w+\s+){0,4}?(?:developed|suffered|died)\b",
    r"toxicity\s+profile",
]
# "ended last October, when the FDA issued a complete response letter": a time told, not a condition
_TOLD_WHEN = r"(?:\s+\w+){1,3}?(?<!\bis)(?<!\bbe)(?<!\bare)\s+(?:\w+ed|was|were|had|did)\b"
CONDITIONAL = (
    r"\b(?:if|once|upon|when(?!" + _TOLD_WHEN + r")|unless|should|subject\s+to|contingent\s+(?:on|"
    r"upon)|tied\s+to|linked\s+to)\s+(?:\w+\s+){0,4}$"
)

# Cheap gates (lower-case substrings).
KEYWORDS = {
    "measure": (
        "response",
        "body weight",
        "responded",
        "weight loss",
        "remission",
        "orr",
        "dcr",
        "pfs",
        "hazard ratio",
        "p<",
        "p =",
        "p=",
        "survival",
        "clearance",
    ),
    "trial": (
        "trial",
        "stud",
        "phase",
        "pivotal",
        "registrational",
        "dose-escalation",
        "endpoint",
        "topline",
        "top-line",
        "placebo",
        "readout",
        "read-out",
        "read out",
    ),
    "safety_signal": (
        "safety",
        "hold",
        "adverse",
        "death",
        "ulcer",
        "pyrexia",
        "toxic",
        "boxed",
        "rates of",
        "rate of",
        "risk of",
        "incidence",
        "cases of",
        "events of",
        "liver",
        "bleeding",
        "pneumonitis",
        "hypersensitivity",
        "infection",
        "edema",
        "enzyme",
        "injur",
        "developed",
        "suffered",
        "died",
    ),
}
