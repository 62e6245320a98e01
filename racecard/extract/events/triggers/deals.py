"""Deal triggers: licences, acquisitions and rights returns."""

# The subject takes rights in: it is the licensee; "from X" is the licensor.
LICENSE_IN = [
    r"in-licen[cs](?:e[ds]?|ing)",
    # headline verbs: "Gilead nabs China rights to Hengrui's HRS-1234", "lands global licence"
    r"(?:nab(?:s|bed|bing)?|snag(?:s|ged|ging)?|grab(?:s|bed|bing)?|bag(?:s|ged|ging)?|land(?:s|ed|ing)?|"
    r"scoop(?:s|ed|ing)?(?:\s+up)?)\s+(?:the\s+|an?\s+)?(?:[\w-]+,?\s+){0,3}?(?:licen[cs]e|rights|option)\b",
    r"licen[cs](?:e|es|ed|ing)\s+(?:in\s+)?(?:[\w,.’'/+-]+\s+){0,8}?from\b",  # "license a NaV1.8 program from"
    # "licensed HS-20093, a B7-H3-targeted antibody-drug conjugate carrying a topoisomerase payload, from Hansoh"
    r"licen[cs](?:e|es|ed|ing)\s+[\w-]+,\s+(?:an?|the|its)\s+[^,;()]{1,140},\s+from\b",
    r"to\s+licen[cs]e\s+(?=[\w-]+(?:\s+[\w-]+)?['’]s\s)",  # "pays … to license Lumora's toravimab"
    # "Innovent licensed exclusive rights to develop and commercialise it": rights to do, so rights taken
    r"licen[cs]ed\s+(?:[\w-]+\s+){0,3}?rights\s+to\s+(?:develop|commerciali[sz]e|manufacture|market|sell)",
    r"(?:acquir|obtain|gain|secur|receiv|license|bought|buys?|buying|purchas|took|tak)(?:e[ds]?|ing|es|s|en)?\s+"
    r"(?:the\s+|"
    r"an?\s+)?(?:(?:exclusive|global|worldwide|"
    r"commercial|development|regional|full|[\w-]+),?\s+){0,3}(?:and\s+\w+\s+)?(?:licen[cs]e|rights|option)",
    # "Nuance Pharma holds the rights to develop and commercialize ensifentrine in Greater China": a licence held
    # "BeiGene holds Chinese commercial rights to sotorasib"
    r"(?:holds?|held)\s+(?:the\s+)?(?:(?:Chinese|Japanese|Korean|European|U\.S\.|US|American|global|worldwide|ex-\S+)\s+)?"
    r"(?:exclusive\s+|commercial\s+|development\s+|regional\s+)*rights\s+(?:to|in|for)\b",
    r"exercis(?:e[ds]?|ing)\s+(?:an?\s+|its\s+|the\s+|their\s+)?(?:\w+\s+)?options?\s+(?:to\s+licen[cs]e|"
    r"for|on|under|to\s+(?:obtain|acquire|in-license))",  # "exercised its option under the PCV Agreement"
]
# The subject gives rights out: it is the licensor; "to X" (or the indirect object) is the licensee.
LICENSE_OUT = [
    r"out-licen[cs](?:e[ds]?|ing)",
    # "sold its rights to Monjuvi to Incyte": rights passed on for a price, a licence out
    r"(?:sell|sells|sold|selling)\s+(?:its\s+|the\s+|their\s+|all\s+)?(?:[\w-]+\s+){0,3}?rights\s+to\b",
    r"grant(?:s|ed|ing)?\s+(?:to\s+)?",
    r"(?:sub-?)?licen[cs](?:e[ds]?|ing)(?!\s+applications?\b)\s+(?:the\s+|its\s+)?(?:exclusive\s+|global\s+|worldwide\s+)?"
    r"(?:rights\s+)?"
    r"(?:(?!agreement|deal|with|pursuant|under|in\b|and\b)\S+\s+){0,6}?to\b(?!\s+(?:develop|"
    r"commerciali|manufactur|market|sell|use))",
    # "licensed rights in the United States, Canada, Europe and Japan to Summit": the territory, then the licensee
    # "licensed zanidatamab rights in Asia/Pacific to BeiGene", "handed exclusive mainland China commercialization
    # rights to zevor-cel to Huadong Medicine" (not "handed rights back")
    r"(?:(?:sub-?)?licen[cs](?:e[ds]?|ing)|hand(?:s|ed|ing)?(?!\s+back)|gave|give[sn]?|giving)\s+(?:the\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:(?:exclusive|global|commercial|commercialization|"
    r"development|marketing),?\s+)*rights\s+(?:to\s+\S+\s+)?(?:in|for|across|outside)\s+(?:[\w.,'’/-]+\s+){0,8}?"
    r"to\b(?!\s+(?:develop|commerciali|manufactur|market|sell|use))",
    # "licensed patritumab deruxtecan, ifinatamab deruxtecan and raludotatug deruxtecan to Merck": a list
    # of drugs (deals.py keeps it only when drugs fill the list)
    r"licen[cs]ed\s+(?P<listed>[\w-]+(?:\s+[\w-]+){0,2}?(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)[\w-]+(?:\s+[\w-]+){0,2}?)+)"
    r"\s+to\b(?!\s+(?:develop|"
    r"commerciali|manufactur|market|sell|use))",
]
LICENSE_OUT.append(  # "handed exclusive mainland China commercialization rights to zevor-cel to Huadong Medicine"
    r"(?:hand(?:s|ed|ing)?(?!\s+back)|gave|give[sn]?|giving)\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,5}?rights\s+"
    r"(?:to\s+[\w-]+(?:\s+[\w-]+)?\s+)?to\b"
)
# Neither side is marked by the verb: roles come from payments, possession or rights held.
LICENSE_NEUTRAL = [
    r"licen[cs](?:e|ing)\s+(?:and\s+\w+\s+)?(?:agreement|deal|pact|transaction|arrangement)",
    r"(?:collaboration|partnership|co-development|codevelopment|co-commerciali[sz]ation|alliance|option)"
    r"(?:\s+and\s+(?:licen[cs]e|option|collaboration))?\s+(?:agreement|deal|pact)",
    r"strategic\s+(?:collaboration|partnership|alliance)",
    # "a global development and commercialization agreement for three ADC candidates"
    r"(?:development|commerciali[sz]ation|research)(?:\s+and\s+(?:development|commerciali[sz]ation))?\s+"
    r"(?:agreement|deal|pact|collaboration|partnership)",  # "a global development and commercialization collaboration"
    r"(?:ink(?:s|ed)?|sign(?:s|ed)?|strike(?:s)?|struck|seal(?:s|ed)?)\s+(?:an?\s+)?(?:\S+\s+){0,6}?(?:deal|"
    r"pact|agreement|alliance|partnership)",
    r"partner(?:s|ed|ing)?\s+(?:with|on)",
    # "will pay CSPC $110 million upfront … for worldwide rights outside China to SYH2082"
    r"\bfor\s+(?:the\s+)?(?:(?:exclusive|global|worldwide|commercial|development|regional|full),?\s+)*rights"
    r"\s+(?:outside|to|in|for|across)\b",
    r"team(?:s|ed)?\s+up",
    # "Innovent will commercialize fulzerasib under its 2021 agreement with GenFleet": the deal behind it
    # (not "under its development funding agreement with investors": money lent, no rights)
    r"under\s+(?:its|their|the|a|an)\s+(?:(?:19|20)\d\d\s+)?"
    r"(?:(?!funding|financing|loan|credit|supply|manufacturing|services|settlement|merger)[\w-]+\s+){0,2}?"
    r"(?:agreement|deal|licen[cs]e|collaboration|partnership|pact)\s+with",
    # "Merck pays Hansoh $112M for oral GLP-1 candidate HS-10535": a payment to a company for a drug
    r"\b(?:pay|pays|paid|paying)\s+(?:[\w.&-]+\s+){1,3}(?:US)?\$[\d.,]+\s*(?:[mbk]n?|million|billion)?\s+"
    r"(?:upfront\s+)?(?:for|to\s+license)\b",
    r"licen[cs]e\s+(?:deal|agreement)",
    r"(?:exclusive|global|worldwide)\s+licen[cs]e",
    r"collaboration\s+with",
    r"co-develop\w*(?:\s+and\s+co-commerciali[sz]\w*)?",
    r"co-promot\w*|co-commerciali[sz]\w*",
    r"partnered\s+with",
    r"agreed\s+to\s+(?:jointly\s+)?(?:co-?)?develop",
    r"joint(?:ly)?\s+develop",
    # "Ono and Ionis entered into a collaboration for sapablursen", "formed a partnership"
    r"(?:enter(?:s|ed|ing)?\s+into|form(?:s|ed|ing)?|forg(?:e|es|ed|ing)|establish(?:es|ed|ing)?)\s+"
    r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:collaboration|partnership|alliance)",
]
# Who pays and who is paid: a payer is the licensee, a payee the licensor.
PAYER = (
    r"(?:(?:will|would|had|has|have|also|agreed\s+to|is\s+to|to)\s+){0,2}(?:pay|pays|paid|paying|"
    r"make|makes|made|making|fund|funds|funded)\b"
)
PAYER_OBJECT = r"^\s*(?:will\s+|agreed\s+to\s+|is\s+to\s+|to\s+)?(?:pay|pays|paid|paying)\s+$"
DISCOVERER = (
    r"(?:discovered|developed|invented|originated|owned|created)\s+(?:\w+\s+)?by\s+$"  # "developed by X": X owns
)
PAYEE = (
    r"(?:(?:will|would|had|has|have|also|is\s+eligible\s+to|to|could|may|stands\s+to)\s+){0,2}(?:receive|"
    r"receives|received|get|gets|earn|earns|pocket|pockets|bag|bags)\b|(?:is|"
    r"are)\s+eligible"
)
RIGHTS_HOLDER = (
    r"(?:will\s+)?(?:obtain|obtains|receive|receives|gain|gains|get|gets|"
    r"acquire|acquires|secure|secures|have|has|hold|holds|"
    r"will\s+be\s+responsible|is\s+responsible|be\s+responsible)\s+(?:the\s+|"
    r"an?\s+)?(?:exclusive\s+|global\s+|worldwide\s+|full\s+)?"
    r"(?:rights?|licen[cs]e|option|responsib)"
)
UPFRONT = r"up-?\s?front|upfront|initial\s+payment|signing|closing\s+payment|down\s?payment|cash\s+payment\s+of"
MILESTONE = (
    r"milestones?|(?<!non-)contingent|(?:development|regulatory|commercial|"
    r"sales)(?:[\s,-]+(?:and\s+)?\w+){0,4}\s+(?:payments|milestones?)"
)
TOTAL = (
    r"total(?:ling)?|worth|valued|value|aggregate|as\s+much\s+as|potential(?:ly)?|"
    r"up\s+to|exceed|in\s+all|overall|deal"
)
EQUITY = (
    r"equity(?!\s+value)|shares?\s+of|stake|investment|invest|premium|per\s+share|a\s+share|"
    r"market\s+cap|revenue|sales\s+of|charge|impairment|loan|financing|raised|reimburs"
)

# what is bought when it is not a company or a drug: rights (a licence), a stake, shares
_NOT_WHOLE = (
    r"(?!\s+(?:of\s+)?(?:[\w.%$-]+\s+){0,4}?(?:rights|licen[cs]e|options?|stakes?|shares|interest|equity|holding|stock"
    r"|back|assets?\s+of))"
)
ACQUIRE = [
    rf"acquir(?:e[ds]?|ing)\b{_NOT_WHOLE}",
    rf"acquisition\s+of{_NOT_WHOLE}",
    rf"(?:buy|buys|bought|buying)\b(?!\s+into\b){_NOT_WHOLE}",  # not "GSK bought into the class": an investment
    rf"purchas(?:e[ds]?|ing)\b{_NOT_WHOLE}",
    r"take(?:s|n)?\s+over|took\s+over|takeover\s+of|takeover",
    r"absorbed\s+(?:by|into)",  # "while it was being absorbed by Bristol Myers Squibb in a $74 billion merger"
    # "agreed to pay $1.9 billion for Five Prime Therapeutics": a price for a company (rights, a stake are no takeover)
    rf"pa(?:y|ys|id|ying)\s+(?:about\s+|roughly\s+|nearly\s+)?(?:US)?\$[\d.,]+\s*(?:bn|billion|b|m|million)?\s+"
    rf"(?:in\s+cash\s+)?for{_NOT_WHOLE}(?!\s+(?:the\s+|its\s+|an?\s+)?(?:[\w-]+\s+){{0,3}}?(?:rights|licen|option))",
    # "BMS added RayzeBio (RYZB) for $62.50 per share": a price per share is a takeover
    r"add(?:s|ed|ing)\s+(?:\S+\s+){1,4}?for\s+(?:US)?\$[\d.]+\s+(?:per|a)\s+share",
    r"snap(?:s|ped)?\s+up|scoop(?:s|ed)?\s+up",
    r"merger\s+(?:with|of)|merg(?:e[ds]?|ing)\s+with|integrated\s+(?:with|into)",
    r"\$[\d.]+\s*(?:bn|billion|b|m|million)\s+(?:deal\s+)?(?:acquisition|buyout|takeover)",
    r"(?:buyout|takeover|purchase)\s+of",
    r"tender\s+offer\s+(?:for|to\s+(?:buy|acquire))",  # "completed its tender offer for Metsera"
    rf"(?:sell|sells|sold|selling)\b{_NOT_WHOLE}\s+(?:itself|(?:[\w-]+\s+){{0,4}}?)to\b",
    r"(?:acquisition|buyout|purchase)\s+(?:deal|agreement)",
    # "He ran Pharmacyclics … before its $21 billion sale to AbbVie": the company just named, sold whole
    r"\bits\s+(?:(?:US)?\$[\d.,]+\s*(?:bn|billion|b|m|million)?\s+)?sale\s+to\b",
]
ACQUIRE_PASSIVE = (
    r"(?:was|were|is|be|being|been|to\s+be)\s+(?:\w+\s+)?(?:acquired|bought|"
    r"purchased|taken\s+over|absorbed)\s+by|(?:acquisition|purchase|takeover|buyout)\s+(?:of\s+\S+(?:\s+\S+){0,3}\s+)?by|"
    r",\s+(?:acquired|bought)\s+by|(?:now\s+)?(?:owned|part)\s+(?:by|of)"
)

RIGHTS_BACK_TO_SUBJECT = [  # the subject gets rights back: it is "to"; "from X" is "from"
    r"regain(?:s|ed|ing)?",
    r"re-?acquir(?:e[ds]?|ing)\s+(?:the\s+)?(?:full\s+|global\s+|worldwide\s+|all\s+)?rights",
    r"(?:rights|licen[cs]e)\s+(?:will\s+)?(?:revert|reverted|reverts|return|returned|returns)\s+to",
    # "take back Asian rights", "buying back the China rights", "reclaim development and commercialization rights"
    r"(?:take|took|takes|taking|buy|buys|bought|buying)\s+back\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?rights",
    r"reclaim(?:s|ed|ing)?\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?rights",
    r"regain(?:s|ed)?\s+control",
    r"(?:gets?|got|getting|wins?|won)\s+(?:the\s+|those\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?rights\s+back",
    r"retriev(?:e[ds]?|ing)\s+(?:the\s+)?rights",
]
RIGHTS_BACK_FROM_SUBJECT = [  # the subject gives rights back: it is "from"; "to X" is "to"
    r"(?:return(?:s|ed|ing)?|hand(?:s|ed|ing)?\s+back|give(?:s|n)?\s+back|"
    r"gave\s+back)\s+(?:the\s+|its\s+|our\s+|their\s+|all\s+|global\s+|worldwide\s+)*(?:[A-Z][\w.]*\s+)?(?:rights|"
    r"licen[cs]e|asset|drug|program|antibody|candidate|molecule|compound|therapy|medicine|product)",
    # "the companies tore up an option deal for BeiGene's ociperlimab"
    r"(?:tore|tear(?:s|ing)?|ripp(?:ed|ing)|rips?)\s+up\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:deal|pact|agreement|collaboration|partnership|licen[cs]e|alliance)",
    r"hand(?:s|ed|ing)?\s+(?:\S+\s+){0,5}back",  # "handing the OX40 antibody rocatinlimab back"
    r"terminat(?:e[ds]?|ing)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,8}?(?:licen[cs]e|"
    r"licensing|collaboration|partnership|co-development|agreement|alliance|"
    r"deal)",
    r"(?:end|ends|ended|ending|exit|exits|exited|exiting)\s+(?:the\s+|its\s+|"
    r"their\s+)?(?:\w+\s+){0,3}?(?:collaboration|partnership|licen[cs]e|"
    r"licensing|alliance|deal|pact|agreement|tie-up)",
    r"walk(?:s|ed)?\s+away\s+from",
    r"opt(?:s|ed)?\s+out",
]
TERMINATION_NOUN = (
    r"termination\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:licen[cs]e|licensing|"
    r"collaboration|partnership|agreement|alliance)|(?:collaboration|partnership|"
    r"licen[cs]e|agreement|alliance|deal)\s+(?:has\s+been\s+|was\s+|will\s+be\s+)?(?:ended|"
    r"terminated|ends|end|dissolved)"
)

# Cheap gates: lower-case substrings without which a sentence holds no event of the sub-family.
KEYWORDS = {
    "license": (
        "licen",
        "hand",
        "gave",
        "give",
        "sublicen",
        "sub-licen",
        "right",
        "pays",
        "paid",
        "paying",
        "pay ",  # the headline verbs of taking rights ("nabs … rights") are gated by "right", "licen", "option"
        "agreement",
        "agreed",
        "joint",
        "deal",
        "collaborat",
        "partner",
        "option",
        "ink",
        "sign",
        "struck",
        "strike",
        "seal",
        "team",
        "co-develop",
        "codevelop",
        "co-promot",
        "co-commerciali",
        "alliance",
        "pact",
        "grant",
    ),
    "acquisition": (
        "acqui",
        "absorbed",
        "pay",
        "paid",
        "per share",
        "a share",
        "buy",
        "bought",
        "purchas",
        "takeover",
        "take over",
        "took over",
        "taken over",
        "merge",
        "merging",
        "integrated",
        "sell",
        "sold",
        "sale to",
        "snap",
        "scoop",
        "owned by",
        "part of",
        "tender offer",
    ),
    "rights_return": (
        "regain",
        "return",
        "hand",
        "revert",
        "re-acquir",
        "reacquir",
        "retriev",
        "terminat",
        "walk",
        "opt out",
        "opted out",
        "opts out",
        "ends ",
        "ended",
        "ending",
        " end ",
        "exit",
        "tore up",
        "tear up",
        "tears up",
        "rights back",
        "took back",
        "take back",
        "takes back",
        "taking back",
        "buy back",
        "buys back",
        "buying back",
        "bought back",
        "reclaim",
        "holds",
        "held",
    ),
    "terms": (
        "$", "€", "£", "¥", "usd", "rmb", "eur ", "yuan", "euro", "upfront", "up-front", "milestone", "royalt",
        "except", "excluding", "outside",
    ),
}
