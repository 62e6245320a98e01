"""Regulatory triggers: submissions, designations, advisory opinions, approvals and rejections."""

APPROVAL = [
    r"approv(?:ed|es|al|als|ing|e)\b",
    r"(?:granted|grants|receiv(?:ed|es)|issued|issues|secured|secures|won|wins|obtained|gained)\s+(?:an?\s+)?"
    r"(?:full\s+|conditional\s+|accelerated\s+)?"
    r"(?:marketing\s+)?authori[sz]ation",  # "The European Commission issued a conditional marketing authorization"
    # "cleared by the FDA", "cleared last month for prurigo nodularis"
    r"(?:cleared|clearance)\s+(?:(?:last|this|earlier|in|on)\s+(?:\w+\s+){0,2})?(?:by|for|from)",
    r"sign(?:ed|s)?\s+off\b",  # "The European Commission signed off on Ebglyss in November 2023"
    r"(?:FDA|EMA|NMPA|PMDA|MHRA|agency|regulator|Commission)\s+(?:has\s+|had\s+|also\s+|then\s+)?cleared\b"
    r"|\bcleared\s+both\b",  # "the FDA cleared Columvi", "and in 2023 cleared both X and Y"
    # "Britain's regulator (MHRA) authorized it": a regulator authorizes a medicine (not a board a buyback)
    r"(?:(?<=\)\s)|(?<=fda\s)|(?<=ema\s)|(?<=mhra\s)|(?<=nmpa\s)|(?<=pmda\s)|(?<=mhlw\s)|(?<=agency\s)|"
    r"(?<=regulator\s)|(?<=commission\s))authori[sz]ed\b",
    r"(?:broaden|expand|extend|widen)(?:s|ed|ing)?\s+(?:the|its)\s+(?:[\w-]+\s+)?label\b",  # a label expansion
    # "Singapore has also cleared the drug": a country's regulator decides
    r"(?:singapore|japan|china|korea|taiwan|canada|australia|switzerland|brazil|india|britain|europe)\s+"
    r"(?:(?:has|have|had|also|then|now|since)\s+)*cleared\b",
    r"green[- ]?light(?:ed|s)?",
    r"\bnod\b",
    r"(?-i:\bOKs?\b|\bOK['’]d\b)|\bokay(?:s|ed)?\b",  # "Japan OKs Leqembi"
    r"arrived\s+on\s+the\s+market|hit\s+the\s+market|(?:was|were)\s+launched\s+in",
    # "Dupixent, on the US market for eczema since 2017": approved there that year
    r"\bon\s+the\s+(?:U\.?S\.?|US|European|EU|Japanese|Chinese)\s+market\s+(?:for\s+[\w'’ -]{1,40}?\s+)?since\s+"
    r"(?=(?:19|20)\d\d)",
]
NOT_APPROVAL = (  # "approved" that is not a decision on this drug
    r"(?:FDA|EMA|NMPA|already|previously|currently|recently|newly)?[- ]?approved\s+(?:[\w-]+\s+){0,2}?(?:drugs?|"
    r"therap(?:y|ies)|treatments?|"
    r"medicines?|products?|options?|agents?|inhibitors?|doses?|dosing|labels?|uses?|indications?|ADCs?|assets?|"
    r"candidates?|molecules?|brands?|vaccines?|conjugates?|competitors?|rivals?|(?:\w+\s+)?(?:antibod(?:y|ies)))"
    # (but "in September 2022 became the first TYK2 inhibitor approved by the FDA": a decision)
    r"|(?:no|none|not\s+yet|(?<!became\sthe\s)(?<!becomes\sthe\s)first|only|without)\s+(?:\w+\s+){0,2}approved"
    r"|approval\s+(?:pathway|process|standards?)"
    r"|(?:seek|seeking|sought|support|supports|supporting|file|files|filed|"
    r"filing|apply|applies|applied|applying|request|requests|requesting|"
    r"application\s+for|filing\s+for|submission\s+for|path\s+to|toward|towards|"
    r"road\s+to|ahead\s+of|pending|potential|possible|for)\s+(?:\w+\s+){0,2}approval"
    r"|approval\s+(?:decision|date|is\s+expected|expected)|approved\s+(?:a|the)\s+(?:trial|study|IND|protocol|design)"
    r"|approv\w+\s+(?:to\s+(?:start|begin|initiate|conduct))|IND\s+approval|"
    r"clinical\s+trial\s+approval|approved\s+(?:the\s+)?(?:start|initiation|"
    r"IND)"
    r"|(?:if|once|upon|when|after|until|before|subject\s+to|contingent\s+(?:on|"
    r"upon))\s+(?:\w+\s+){0,3}?(?:approv|clear)"
    r"|approvals?\s+milestones?|regulatory\s+approval\s+(?:and|milestones?)"
)
NEVER_APPROVAL = (  # contexts where "approved" is never a marketing approval, whatever the voice
    # "Zynquista would have been the first oral medicine cleared in the US …": what did not happen
    r"\bwould\s+have\s+been\b[^.;]{0,80}$|"
    # "which would strip Translarna of the only approval it has", "revoke its approval"
    r"\b(?:strip\w*|revok\w*|withdr\w*|rescind\w*|los[et]\w*)\s+(?:[\w'’-]+\s+){0,4}?(?:of\s+)?(?:the\s+|its\s+|their\s+)?"
    r"(?:only\s+|conditional\s+|accelerated\s+|marketing\s+)*approval$|"
    # "an FDA-approved test", "the approved dose"
    r"(?:-|\b(?:the|an?|its|their|our|any|other|(?<!is\s)(?<!are\s)(?<!was\s)(?<!been\s)(?<!had\s)(?<!has\s)(?<!have\s)already)\s+)approved\s*$|"
    r"(?:study|trial|protocol|IND|plan|deal|merger|acquisition|transaction|"
    r"application\s+to\s+start)\s+(?:[\w’'-]+\s+){0,6}?"
    r"(?:was|were|has\s+been|have\s+been|is|been)\s+approved\s*$"
    r"|transfer\w*\s+(?:[\w®/-]+\s+){0,10}?(?:regulatory\s+)?approvals?\s*$"
    r"|(?:trial|study|studies|programme|program)\s+(?:[\w’'-]+\s+){0,3}?(?:was|were)\s+launched\s+in\s*$"
    r"|\bto\s+(?:gain|win|secure|obtain|get|earn|receive|support|seek|pursue)\s+(?:[\w’'-]+\s+){0,3}"
    r"(?:approval|nod|green\s*light|authori[sz]ation|clearance)\s*$"
)
# "ended last October, when the FDA issued a complete response letter": a time told, not a condition
_TOLD_WHEN = r"(?:\s+\w+){1,3}?(?<!\bis)(?<!\bbe)(?<!\bare)\s+(?:\w+ed|was|were|had|did)\b"
CONDITIONAL = (
    r"\b(?:if|once|upon|when(?!" + _TOLD_WHEN + r")|unless|should|subject\s+to|contingent\s+(?:on|"
    r"upon)|tied\s+to|linked\s+to|associated\s+with)\s+(?:\w+\s+){0,4}$"
)
REJECTION = [
    r"complete\s+response\s+letter",
    r"\bCRL\b",
    r"reject(?:ed|s|ion)",
    r"refus(?:ed|es|al)\s+(?:to\s+approve|(?:the\s+)?(?:marketing\s+)?(?:application|authori[sz]ation|approval))",
    r"(?:denied|denies|declined\s+to\s+approve|(?:did|does|will)\s+not\s+approve)",
    r"negative\s+(?:decision|ruling)",
    # "The FDA turned down Lilly's request for accelerated approval of donanemab"
    r"(?:turned|turns|turning)\s+down\s+(?:[\w'’-]+\s+){0,3}?(?:request|application|bid|filing|submission|approval)",
    r"refus(?:e|ed|al)[- ]to[- ]file|\bRTF\b",
]
SUBMISSION = [
    r"(?:(?:re-?)?submit(?:s|ted|ting)?|(?:re-?)?fil(?:e|es|ed|ing))\s+(?:a\s+|an\s+|the\s+|its\s+|for\s+)?(?:\w+\s+){0,3}?"
    r"(?:(?:s|supplemental\s+)?NDA|(?:s|supplemental\s+)?BLA|MAA|IND|applications?|"
    r"dossier|request|marketing|regulatory|filing|submission)",
    r"(?:submission|filing)s?\s+(?:of|for|to|with|in)",
    r"(?<!in\sa\s)(?<!in\sits\s)(?<!in\sthe\s)regulatory\s+(?:submission|filing)s?",
    r"(?:NDAs?|BLAs?|MAAs?|applications?|filings?|submissions?)\s+(?:(?:of|for)\s+(?:[\w-]+\s+){1,4}?)?(?:was\s+|"
    r"were\s+|has\s+been\s+|have\s+been\s+|is\s+|are\s+)?(?:accepted|validated|"
    r"under\s+review|submitted|filed)",  # "the new drug application of glecirasib was accepted"
    # "accepted Boehringer Ingelheim's new drug application"
    r"accepted\s+(?:for\s+(?:priority\s+)?review\s+)?(?:the\s+|its\s+|an?\s+)?(?:[\w'’-]+\s+){0,4}?"
    r"(?:NDAs?|BLAs?|MAAs?|applications?|filings?|submissions?)",
    # "expects to submit zongertinib for accelerated approval"
    r"(?:(?:re-?)?submit(?:s|ted|ting)?|(?:re-?)?fil(?:e|es|ed|ing))\s+(?:[\w-]+\s+){1,3}?for\s+(?:\w+\s+){0,2}?"
    r"(?:approval|authori[sz]ation|review)",
    # "plans to submit the small molecule for chronic weight management": the drug put forward for a use
    r"(?:submit(?:s|ted|ting)?|fil(?:e|es|ed|ing))\s+(?:it|them|(?:the|its)\s+(?:[\w-]+\s+){0,2}?(?:drug|molecule|"
    r"medicine|pill|therapy|candidate|antibody|treatment|asset|injection|shot))\s+(?:for|in)\s+(?!(?:a|an|the)\s)",
    # "reviewed the new drug application under Priority Review", "remains under FDA review": it was filed
    r"(?:reviewed|reviewing|review\s+of)\s+(?:the\s+|its\s+|an?\s+)?(?:[\w'’-]+\s+){0,3}?(?:s?NDA|s?BLA|MAA|"
    r"(?:new\s+drug|biologics?\s+licen[cs]e|marketing\s+authori[sz]ation)\s+application)",
    r"(?:remains?|is|are|was|were)\s+(?:(?:still|also|now|currently)\s+)?under\s+(?:(?:FDA|EMA|NMPA|PMDA|regulatory|"
    r"priority)\s+)?review",
    # "Nemluvio … is awaiting an FDA decision in atopic dermatitis": filed, and under review
    r"(?:is|are|remains?)\s+(?:(?:still|also|now|currently)\s+)?awaiting\s+(?:an?\s+|the\s+)?(?:(?:FDA|EMA|NMPA|PMDA|"
    r"MHRA|regulatory|European|U\.S\.|US)\s+)?(?:decision|verdict|ruling)",
    r"withdr(?:ew|aw|awn|awing|aws)\s+(?:the\s+|its\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:NDAs?|BLAs?|MAAs?|applications?|filings?|submissions?)",
    r"request\s+(?:for|to\s+(?:gain|obtain|win|secure|receive))\s+(?:full\s+|traditional\s+|conditional\s+)?approval",
    r"(?:seek|seeks|sought|seeking)\s+(?:[\w.]+\s+){0,2}approval",  # "seek U.S. approval"
    # "a Marketing Authorization Application for X to the European Medicines Agency", "an NDA to the PMDA"
    r"(?:NDA|BLA|MAA|[Aa]pplication)s?\s+(?:for\s+[\w-]+\s+)?to\s+(?:the\s+)?(?:U\.S\.\s+)?(?:FDA|EMA|NMPA|PMDA|MHRA|"
    r"European\s+Medicines|Food\s+and\s+Drug|Japan\s+Pharmaceuticals|National\s+Medical|Pharmaceuticals\s+and)",
    r"(?:pursue|pursues|pursued|pursuing)\s+(?:[\w.]+\s+){0,2}(?:approvals?|marketing\s+authori[sz]ations?)",
    # "expects to submit it to the FDA", "filed the drug with China's NMPA": the agency names the filing
    r"(?:submit(?:s|ted|ting)?|fil(?:e|es|ed|ing))\s+(?:[\w-]+\s+){0,4}?(?:to|with)\s+(?:the\s+)?"
    r"(?:(?:US|U\.S\.|China['’]s|Japan['’]s|European)\s+)?(?:FDA|EMA|NMPA|CDE|PMDA|MHRA|TGA|Health\s+Canada|"
    r"Food\s+and\s+Drug\s+Administration|National\s+Medical\s+Products\s+Administration|"
    r"European\s+Medicines\s+Agency|regulators?|(?:health\s+|regulatory\s+)authorit)",
    r"(?:s|supplemental\s+)?(?:NDA|BLA)\s+for",
    r"(?:file|files|filed|filing|apply|applies|applied|applying)\s+for\s+(?:\w+\s+){0,2}(?:approval|"
    r"authori[sz]ation|marketing)",
]
PDUFA = (
    r"(?:PDUFA|target\s+action|action|goal)\s+date"
    r"|(?:regulatory\s+|approval\s+|FDA\s+)?decision\s+(?:is\s+)?(?:expected|anticipated|due)\s+(?:in|by)"
    # "a decision from the European Commission is expected by the end of August"
    r"|decision\s+(?:from|by)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+){1,4}(?:\([A-Z]+\)\s+)?(?:is|are)\s+(?:expected|anticipated|due)"
    # "a final decision on marketing authorization in the European Union is expected in the coming months"
    r"|final\s+decision\s+on\s+(?:the\s+)?(?:marketing\s+authori[sz]ation|approval)[^.;]{0,60}?\s+(?:is|are)\s+"
    r"(?:expected|anticipated|due)"
)
DESIGNATIONS = {  # value → the words that name it
    # "Breakthrough Therapy and Fast Track designations": the noun shared by the list
    "breakthrough": r"breakthrough\s+(?:therapy\s+)?(?:designation|status)|\bBTD\b"
    r"|breakthrough\s+therapy(?=\s*(?:,|and)\s+(?:[\w-]+\s+){1,4}?(?:designations|status(?:es)?)\b)",
    "fast_track": r"fast[- ]track(?:\s+designation|\s+status)?",
    "orphan": r"orphan[- ](?:drug|medicinal\s+product)?\s*(?:designation|status)"
    r"|orphan[- ]drug(?=\s*(?:,|and)\s+(?:[\w-]+\s+){1,4}?(?:designations|status(?:es)?)\b)",
    "priority_review": r"(?<!disease\s)priority\s+review(?:\s+designation|\s+status)?(?!\s+voucher)",
    "prime": r"(?-i:\bPRIME\b)(?:\s+(?:designation|status|scheme))?|priority\s+medicines?\s+scheme",
    "conditional": r"conditional\s+(?:marketing\s+)?(?:authori[sz]ation|approval)\s+(?:designation|pathway)",
    "other": (  # a voucher rewards an approval; it names no review the drug was given
        r"(?:regenerative\s+medicine\s+advanced\s+therapy|RMAT|rare\s+pediatric\s+disease|SAKIGAKE"
        r"|innovative\s+licensing)\s+(?:priority\s+review\s+voucher|designation|status)?"
        r"|priority\s+review\s+voucher"
    ),
}
ADVISORY = [
    r"advisory\s+(?:committee|panel)",
    r"\bODAC\b|\badcomm?\b",
    r"CHMP|Committee\s+for\s+Medicinal\s+Products",
    r"(?:positive|negative)\s+opinion",
    r"recommend(?:ed|s|ing)?\s+(?:\w+\s+){0,3}(?:approval|against|granting|marketing|authori[sz]ation)",
    r"vot(?:ed|es|e|ing)\s+\d+\s*(?:-|to|–)\s*\d+",
]
ADVISORY_NEGATIVE = (
    r"recommend\w*\s+against|\bagainst\b|negative|not\s+recommend|did\s+not\s+support|"
    r"declined\s+to\s+recommend|unfavou?rable|voted\s+no"
)
ADVISORY_POSITIVE = (
    r"\bin\s+favou?r\b|positive|recommend(?:ed|s|ing)?\s+(?:\w+\s+){0,3}approv|supported?|endorsed?|backed"
)

# Cheap gates: lower-case substrings without which a sentence holds no event of the sub-family.
KEYWORDS = {
    "approval": (
        "approv",
        "label",
        "cleared",
        "clearance",
        "authori",
        "green",
        "nod",
        "oks",
        "ok'd",
        "okay",
        "on the market",
        "hit the market",
        "launched in",
        "signed off",
        "market for",
        "market since",
        "signs off",
    ),
    "rejection": (
        "complete response",
        "crl",
        "reject",
        "refus",
        "denied",
        "denies",
        "declined",
        "not approve",
        "negative decision",
        "negative ruling",
        "turned down",
        "turns down",
        "turning down",
    ),
    "regulatory_submission": (
        "submi", "fil", "application", "request", "seek", "sought", "nda", "bla", "maa", "under review", "pursu",
        "awaiting",
    ),
    "designation": (
        "designation",
        "breakthrough",
        "btd",
        "fast track",
        "fast-track",
        "orphan",
        "priority",
        "prime",
        "rmat",
        "regenerative",
        "rare pediatric",
        "sakigake",
        "innovative licensing",
        "conditional",
    ),
    "advisory_opinion": (
        "advisory",
        "adcom",
        "odac",
        "chmp",
        "committee for medicinal",
        "opinion",
        "recommend",
        "vote",
        "voting",
        "panel",
        "advisers",
    ),
}
