"""The entity-reading rules as data: patterns and word lists, compiled once.

Kept apart from the code that applies them (patterns.py, grounding.py) so that the
grammar of the domain can be read and extended in one place.
"""

from __future__ import annotations

import re

# ── research codes ────────────────────────────────────────────────────────────────
# AMG 510, AMG-510, MRTX849, IBI351, HRS-7535, SAR445229, JAB-23E73, KX2-391, D-1553,
# MET-097i, PF-07054894, BNT327. Letters (upper case), an optional hyphen or space, then
# at least three digits, possibly more letter/digit groups.
CODE = re.compile(
    r"(?<![\w$£€¥-])"
    r"(?P<code>[A-Z][A-Z0-9]{0,5}(?:-[A-Z]{1,4})?(?:[- ]?\d{3,8}|-\d{2,7}[A-Z]\d{1,4}|\d-\d{3})"
    r"(?:[A-Z]{1,2}\d{0,3}|[a-z])?(?:-\d{1,3}|_\d{2,5})?)"  # INS018_055
    r"(?![\w-]*\.(?:HK|SH|SZ|T|KS|KQ)\b)(?![\w])"
)
# Prefixes that look like codes but are not drugs: years, standards, money, tickers.
CODE_STOP = re.compile(
    r"^(?:[A-Z]{1,5}[- ](?:19|20)\d\d|FY[- ]?\d+|Q[1-4][- ]?\d+|H[12][- ]?\d+|ISO[- ]?\d+|COVID-?19|SARS-?CoV-?2"
    r"|NCT\d+|CIK[- ]?\d+|ICD-?\d+|ASCO|ESMO|AACR|IL-\d+|CD\d+|ECOG|CTCAE"
    r"|(?:NASDAQ|NYSE|S&P|FTSE|DAX|CAC|TOPIX|KOSPI) \d+"
    r"|(?:RMB|CNY|USD|US|EUR|GBP|JPY|HKD|KRW|INR|CHF|CAD|AUD|SGD|DKK|SEK|NOK|TWD|BRL)[- ]?\d.*)$"
)
# A space-separated code only counts when its letters are a known code prefix shape
# (3+ upper-case letters) and its number is not a year: "AMG 510", "GBR 830".
SPACED_CODE = re.compile(r"^[A-Z]{2,5} \d{3,8}$")  # "AMG 510", "BI 1015550"

NCT = re.compile(r"\bNCT\d{8}\b")

# ── trials ────────────────────────────────────────────────────────────────────────
TRIAL_WORDS = r"(?:trials?|stud(?:y|ies)|programmes?|programs?|readouts?|cohorts?|data)"
# An acronym-like name: upper case (ROCKET, KRYSTAL-1), camel case (CodeBreaK 200,
# HARMONi-2), or a lower-case brand of trial (evoke+), optionally numbered.
TRIAL_NAME = (
    r"(?:[A-Z][A-Z0-9]{2,}(?:[a-z][A-Z]?)?|[A-Z]{2}(?=-[A-Z]{3,}\d)|[A-Z][a-z]+[A-Z][A-Za-z]*|[a-z]+\+?"
    r"|[A-Z]{2}[a-z][A-Z](?=-)|[A-Z]{2}[a-z]{3,}(?=\s\d)"  # "TRuE-V1", "ADvocate 1"
    r"|[A-Z][a-z]{3,}(?=\s[A-Z]{3,}-\d))"  # "Beamion LUNG-1": a brand word before the numbered name
    r"(?:-[A-Z][a-z]+(?:[A-Z][a-z]+)?\d{1,3}(?![\w-])"  # "DESTINY-Lung01", "DESTINY-PanTumor02"
    r"|[- ](?:\d{1,3}[A-Za-z]?|[A-Z][a-z]{2,}|[A-Z]{2,})|-[A-Z]{3,}\d{1,3}(?![\w-])|-[A-Z]\d{0,2}(?:/[A-Z](?![\w-]))?"
    r"(?![\w-]))?"  # "TRuE-V2", "ATLAS-A/B"
    r"(?:\s[A-Z]{4,}(?![\w-]))?"
    r"(?:-\d{1,3}[A-Za-z]?|(?<=[A-Z]{3}-[A-Z]{3}) \d{1,2}(?!\d))?\+?"  # KRYSTAL-12, HERIZON-BTC-01, HARMONi-A,
    # WU-KONG28, MAESTRO-NASH OUTCOMES, TRAILBLAZER-ALZ 2
)
# "SPOTLIGHT evaluated zolbetuximab plus mFOLFOX6": a name in capitals doing what trials do
TRIAL_SUBJECT_VERB = re.compile(
    r"(?:evaluat|test|enroll|randomi[sz]|compar|assess|investigat)(?:ed|es|s)\b"
)
TRIAL_SUBJECT = re.compile(r"(?<![\w-])(?P<names>[A-Z][A-Z0-9]{3,}(?:-\d{1,3}[A-Za-z]?)?)\s+")
TRIAL_BEFORE = re.compile(
    rf"(?<![\w+-])(?P<names>{TRIAL_NAME}(?:(?:,\s*|\s+and\s+|\s*/\s*){TRIAL_NAME})*)\s+"
    # "its SELECT outcomes trial"
    r"(?:(?:outcomes?|cardiovascular|extension|confirmatory|pivotal|registrational|global|open-label)\s+)?"
    rf"(?:(?:phase|Phase)\s+(?:[1-3IV]+[ab]?(?:/[1-3IV]+)?)\s+)?{TRIAL_WORDS}\b"
)
TRIAL_AFTER = re.compile(
    rf"\b(?:[Pp]hase\s*(?:[1-3]|I{{1,3}}|IV)[ab]?(?:/(?:[1-3]|I{{1,3}}))?|pivotal|registrational|confirmatory)"
    rf"\s+(?P<names>{TRIAL_NAME}(?:(?:,\s*|\s+and\s+){TRIAL_NAME})*)(?![\w])"
)
# "the Phase III programme, ARCADIA," / "a trial called SHORE": the name after the trial word
TRIAL_APPOSITION = re.compile(
    rf"\b{TRIAL_WORDS}[,:]?\s+(?:(?:called|named|dubbed|known\s+as)\s+)?"
    rf"(?P<names>[A-Z][A-Z0-9]{{3,}}(?:-\d{{1,3}}|-[A-Z]{{2,}}\d{{0,3}})?)(?![\w-])"  # "study, TRITON-CM, of"
    # "three Phase 3 studies: ADvocate 1 and ADvocate 2"
    rf"|\b{TRIAL_WORDS}:\s+(?P<listed>{TRIAL_NAME}(?:(?:,\s*|\s+and\s+){TRIAL_NAME})*)(?![\w])"
)
# "topline results from EMBARK, its Phase 3 confirmatory trial": the name, then the trial it is
TRIAL_APPOSED = re.compile(
    r"(?<![\w+-])(?P<names>[A-Z][A-Z0-9]{3,}(?:-\d{1,3})?|[A-Z]{2,}-[A-Z]{3,}\d{1,3}),\s+(?:its|the|a|an|their)\s+"
    # "COAST, the first of two Phase 3 trials"
    r"(?:(?:first|second|third|last|final)\s+of\s+(?:two|three|four|the)\s+)?"
    r"(?:(?:[Pp]hase\s+\S+|global|"
    r"pivotal|confirmatory|registrational|late-stage|randomi[sz]ed|placebo-controlled|double-blind|ongoing|"
    r"multi-?cent(?:er|re)|single-arm|open-label|multinational|international),?\s+){0,5}"  # "WU-KONG6, a multicenter,"
    r"(?:trials?|stud(?:y|ies))\b"
)
# Cheap cues that a trial name may be near: where the trial patterns are tried.
TRIAL_CUE = re.compile(
    rf"\b(?:{TRIAL_WORDS}|[Pp]hase\s*(?:[1-3]|I{{1,3}}|IV)[ab]?|pivotal|registrational|confirmatory|NCT\d{{8}})\b"
)
# A numbered acronym near a trial cue: "KRYSTAL-12", "ARC-9", "CodeBreaK-200".
TRIAL_NUMBERED = re.compile(r"(?<![\w-])(?P<names>[A-Z][A-Za-z]*[A-Z][A-Za-z]*-\d{1,3}[A-Za-z]?)(?![\w-])")
NOT_TRIAL_PREFIX = frozenset(
    {"COVID", "SARS", "MERS", "HIV", "HPV", "HER", "IL", "CD", "GLP", "PD", "CTLA", "FGF",
     # endpoints and scales, not trials: EASI-75, PASI-90, ACR-50, DAS-28, SALT-20
     "EASI", "PASI", "ACR", "DAS", "SALT", "IGA", "SCORAD", "HAMD", "MADRS", "PANSS", "ADAS", "CDR", "NRS", "DLQI"}
)
# A press-release dateline: "SOUTH SAN FRANCISCO, Calif., March 8, 2025 —": its capitals are places.
DATELINE = re.compile(r"^[A-Z][A-Z .'&-]{2,}(?:,|\s+\()[^\n]{0,120}?(?:—|–|--|-\s|/PRNewswire/|/Business\s*Wire/)",
                      re.MULTILINE)
TRIAL_NCT = re.compile(rf"(?<![\w+-])(?P<names>{TRIAL_NAME})\s*\(\s*(?:[^()]*?;\s*)?NCT\d{{8}}")
# Words that can stand where a trial name stands but are not trials.
NOT_TRIALS = frozenset(
    """the a an its their this that these those our his her one two three four five six
    phase pivotal global key new first second third late early mid clinical confirmatory
    registrational ongoing positive negative previous prior recent current topline final interim
    primary secondary pooled and or data results study trial open label randomized randomised
    double blind placebo controlled multicenter multicentre single arm dose expansion escalation
    combination monotherapy adult adults pediatric paediatric patients china chinese japanese us
    european global asian american real world long term extension pivotal lead both several
    other additional further all many some each""".split()
)

# ── companies ─────────────────────────────────────────────────────────────────────
COMPANY_SUFFIX_WORDS = (
    "Therapeutics|Pharmaceuticals|Pharmaceutical|Pharma|Biosciences|Bioscience|BioSciences|"
    "Biotherapeutics|Biologics|Biotech|Biotechnology|Biopharma|Biopharmaceuticals|Biopharmaceutical|"
    "Oncology|Medicines|Sciences|Laboratories|Labs|Genomics|Immunotherapeutics|Bio|Life Sciences"
)
LEGAL_SUFFIX = (
    r"(?:,?[ \t]+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.,?\s*Ltd\.?|&[ \t]+Co\.?|Co\.?|Ltd\.?|Limited|"
    r"LLC|L\.L\.C\.|"
    r"plc|PLC|AG|SA|S\.A\.|SE|NV|N\.V\.|B\.V\.|GmbH|K\.K\.|A/S|AB|ASA|Oyj|S\.p\.A\.|Pty|Holdings?|Group))+"
)
COMPANY_SHAPE = re.compile(
    r"(?<![\w@])(?P<name>(?:[A-Z0-9][\w&'’.-]*[ \t]+){0,3}?[A-Z0-9][\w&'’-]*)[ \t]+"
    rf"(?P<suffix>(?:{COMPANY_SUFFIX_WORDS})(?:[ \t]+\([A-Z][a-z]+\))?(?:{LEGAL_SUFFIX})?|"
    r"(?:Inc\.|Corp\.|Co\.,\s*Ltd\.|Ltd\.|GmbH|plc|S\.A\.|N\.V\.|AG))"
    r"(?![\w])(?!\s+(?:School|Institute|University|Center|Centre|Hospital|Foundation|Society|Association"
    r"|Council|Department|Journal|Conference|Congress|Meeting|Summit|Index|Fund|ETF))"
)
# Places written as a company's owner before its name ("Singapore's KBP Biosciences"): no part of the name.
OWNER_PLACES = frozenset(
    {"China", "Japan", "Korea", "Singapore", "Taiwan", "India", "Germany", "France", "Switzerland", "Europe", "Britain",
     "Israel", "Denmark", "Sweden", "Belgium", "Italy", "Spain", "Australia", "Canada", "Shanghai", "Beijing",
     "Suzhou", "Hangzhou", "Boston", "America", "Netherlands", "Ireland", "Austria", "Norway", "Finland", "Brazil"}
)
# First words that make a company-shaped phrase generic ("The Pharma", "Chinese Biotech").
GENERIC_NAME_WORDS = frozenset(
    """the a an its their our this that these those other another each every many several some
    all any both such chinese japanese korean indian american european us u.s global big small
    mid large leading top major new private public listed biotech pharma specialty generic innovative
    clinical commercial based focused stage shares share stock analyst analysts investors
    and or of for with in on at by from to as after before while when where which who whose
    phase first second third fourth one two three four five wholly owned subsidiary subsidiaries
    partner partners company companies group holding holdings unit division arm business
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
# What a hyphen after a drug name makes of it: the base of a regimen or a patient's history, not an
# asset of the story ("irinotecan-based chemotherapy", "platinum-containing", "taxane-pretreated").
PRIOR_THERAPY = r"(?:based|containing|pretreated|treated|refractory|naive|naïve|resistant|experienced)"
# A company the lexicon does not know, named where only a company can stand: paid, bought, or
# described ("will pay Kelonia $40 million", "acquire Gracell for $1.2bn", "Kelonia, a Boston biotech",
# "Boston-based biotech Kelonia"). Each pattern is tried only in a short window before a dollar sign
# or around a company noun, found first with plain string search.
_CO_NAME = r"(?P<name>[A-Z][A-Za-z0-9]+(?:[ -][A-Z][A-Za-z0-9]+)?)"
COMPANY_NOUNS = ("biotechnology company", "biotech", "drugmaker", "drug developer", "startup", "start-up",
                 "biopharma", "pharmaceutical company")
_CO_NOUN = "(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in COMPANY_NOUNS) + ")"
COMPANY_BEFORE_DOLLAR = re.compile(  # searched in the window that ends at a "$"
    rf"\b(?:pay|pays|paid|paying|acquire|acquires|acquired|acquiring|buy|buys|bought|buying)\s+{_CO_NAME}\s+"
    r"(?:(?:for|in\s+an?)\s+)?(?:an?\s+|about\s+|up\s+to\s+|roughly\s+|nearly\s+)?(?:US)?$"
)
COMPANY_DESCRIBED = re.compile(  # searched in the window around a company noun
    rf"(?<![\w,] ){_CO_NAME},\s+an?\s+(?:[\w-]+\s+){{0,3}}?{_CO_NOUN}\b"
    rf"|\b(?:[A-Z][a-z]+-based|Chinese|Japanese|Korean|Swiss|British|German|French|Danish|Israeli|US|U\.S\.)\s+"
    rf"{_CO_NOUN}\s+{_CO_NAME.replace('name', 'name2')}\b"
)
# "the Company", "the Group" in a filing, meaning the filer.
FILER_REFERENCE = re.compile(r"\b(?:the\s+)?(?P<word>Company|Group)\b(?!['’]s\s+(?:shares|stock))")
FILER_DEFINITION = re.compile(
    r"\(\s*(?:together\s+with\s+its\s+subsidiaries,?\s*)?(?:the\s+)?[“\"](?P<word>Company|Group|we|Registrant)[”\"]"
)
FILING_TITLE = re.compile(r"\b(?:10-[QK]|8-K|6-K|20-F|S-1|F-1|annual report|quarterly report)\b", re.I)

# ── tickers ───────────────────────────────────────────────────────────────────────
EXCHANGE_TICKER = re.compile(
    r"\(\s*(?:(?:NASDAQ|Nasdaq|NYSE|NYSE American|HKEX|HKSE|SEHK|SSE|SZSE|STAR|TSE|TYO|BSE|NSE|LSE|"
    r"KOSDAQ|KRX|KOSPI|SIX|Euronext|ASX|TSX|OTC|OTCQX|Xetra|ETR|EPA|AMS)\s*(?:Global Select|Global Market)?"
    r"\s*:\s*)(?P<ticker>[A-Z0-9][A-Z0-9.]{0,9})"
    r"(?:\s*[;,/]\s*(?:[A-Za-z ]+:\s*)?(?P<ticker2>[A-Z0-9][A-Z0-9.]{0,9}))?\s*\)"
)

# ── INN stems used to recognise new drug names ───────────────────────────────────
# Distinctive endings only: a short or common ending ("-ide", "-ine") would turn plain
# words into drugs. The class hint is what the stem means.
INN_STEMS: dict[str, tuple[str, str]] = {
    "rasib": ("RAS inhibitor", "small molecule"),
    "ciclib": ("CDK inhibitor", "small molecule"),
    "tinib": ("tyrosine kinase inhibitor", "small molecule"),
    "rafenib": ("RAF inhibitor", "small molecule"),
    "lisib": ("PI3K inhibitor", "small molecule"),
    "parib": ("PARP inhibitor", "small molecule"),
    "zomib": ("proteasome inhibitor", "small molecule"),
    "degib": ("SMO inhibitor", "small molecule"),
    "metinib": ("MEK inhibitor", "small molecule"),
    "deg": ("degrader", "small molecule"),
    "limab": ("immunomodulating antibody", "antibody"),
    "tamab": ("antineoplastic antibody", "antibody"),
    "tumab": ("antineoplastic antibody", "antibody"),
    "zumab": ("humanized antibody", "antibody"),
    "ximab": ("chimeric antibody", "antibody"),
    "umab": ("human antibody", "antibody"),
    "mab": ("monoclonal antibody", "antibody"),
    "mig": ("multi-specific immunoglobulin", "bispecific antibody"),
    "bart": ("engineered antibody", "antibody"),
    "tug": ("antibody", "antibody"),
    "cept": ("receptor fusion protein", "protein"),
    "glutide": ("GLP-1 receptor agonist", "peptide"),
    "tirelin": ("peptide", "peptide"),
    "gliflozin": ("SGLT2 inhibitor", "small molecule"),
    "gliptin": ("DPP-4 inhibitor", "small molecule"),
    "siran": ("small interfering RNA", "siRNA"),
    "rsen": ("antisense oligonucleotide", "antisense"),
    "vedotin": ("antibody-drug conjugate", "ADC"),
    "tecan": ("topoisomerase inhibitor", "small molecule"),
    "vir": ("antiviral", "small molecule"),
    "previr": ("HCV protease inhibitor", "small molecule"),
    "buvir": ("polymerase inhibitor", "small molecule"),
    "tegravir": ("integrase inhibitor", "small molecule"),
    "capavir": ("capsid inhibitor", "small molecule"),
    "clidine": ("muscarinic agonist", "small molecule"),
    "dostat": ("IDO inhibitor", "small molecule"),
    "xaban": ("factor Xa inhibitor", "small molecule"),
    "gatran": ("thrombin inhibitor", "small molecule"),
    "citinib": ("JAK inhibitor", "small molecule"),
    "adenant": ("adenosine receptor antagonist", "small molecule"),
    "lutamide": ("androgen receptor antagonist", "small molecule"),
    "strant": ("oestrogen receptor antagonist", "small molecule"),
    "ziclumeran": ("gene editing", "gene editing"),
    "meran": ("mRNA", "mRNA"),
    "gene": ("gene therapy", "gene therapy"),
    "cel": ("cell therapy", "cell therapy"),
    "leucel": ("CAR-T cell therapy", "cell therapy"),
}
# Second words of two-word INNs: the payload of a conjugate, a modified form, an editor.
INN_SECOND_WORDS = frozenset(
    """vedotin deruxtecan govitecan tirumotecan mafodotin emtansine ravtansine soravtansine tesirine
    pegol alfa beta gamma ziclumeran autoleucel ciloleucel maraleucel lisocabtagene vicleucel
    tiuxetan ozogamicin pasudotox sudotox duocarmazine bezetecan rezetecan samrotecan""".split()
)
# The INN endings of a conjugate's second word: the payload or the cell therapy ("-dotin" in vedotin,
# rilsodotin; "-tecan" in deruxtecan, brengitecan; "-tansine"; "-leucel"), so that new ones are read too.
INN_SECOND_ENDINGS = ("dotin", "tecan", "tansine", "tesirine", "talirine", "sunirine", "ozogamicin", "sudotox",
                      "carmazine", "eribulin", "vibulin", "leucel", "pegol")
_STANDALONE = frozenset("irinotecan topotecan exatecan belotecan rubitecan gimatecan lurtotecan eribulin".split())


def inn_second_word(word: str) -> bool:
    """Whether ``word`` (lower case) is the second word of a two-word INN ("vedotin", "sunirine")."""
    return word in INN_SECOND_WORDS or (
        len(word) >= 7 and word.endswith(INN_SECOND_ENDINGS) and word not in _STANDALONE  # drugs of their own
    )


# Indications too generic to record on their own.
GENERIC_INDICATIONS = frozenset(
    """cancer cancers tumor tumors tumour tumours disease diseases disorder disorders syndrome death
    neoplasm neoplasms malignancy malignancies infection infections inflammation pain condition
    conditions illness lesion lesions carcinoma""".split()
)
# Adverse events, symptoms, measures and umbrella classes: read as indications they are noise
# (a safety table's "pyrexia and chills", "disease progression", "metabolic diseases").
NOT_INDICATIONS = frozenset(
    (
        "fever|pyrexia|chills|headache|nausea|vomiting|diarrhea|diarrhoea|fatigue|rash|pruritus|itch|"
        "conjunctivitis|nasopharyngitis|cough|dizziness|insomnia|constipation|arthralgia|myalgia|oedema|"
        "edema|injection site reaction|injection site reactions|hypersensitivity|"
        "upper respiratory tract infection|upper respiratory tract infections|weight loss|weight gain|"
        "body weight|signs and symptoms|disease progression|death|complete|acquired|syndrome|"
        "chronic disease|rare disease|rare diseases|metabolic disease|metabolic diseases|autoimmune disease|"
        "autoimmune diseases|cardiovascular disease|cardiovascular diseases|cardiovascular disorder|"
        "infectious disease|infectious diseases|immune disease|immune diseases|immune system disorder|"
        "lung disease|lung diseases|lung disorder|experimental cancer|experimental neoplasms|"
        "neoplasm metastasis|metastases|metastasis|relapse|remission|adverse event|adverse events|toxicity|"
        "ulcer|ulcers|ulceration|bleeding|hemorrhage|haemorrhage|disease of metabolism|"
        "adverse effect|adverse effects|adverse reaction|adverse reactions|adverse drug reaction|"
        "cytokine release syndrome|neurotoxicity|neurotoxicity syndrome|toxic encephalopathy|"
        "infusion reaction|infusion reactions|infusion-related reaction|side effect|side effects|brain swelling|"
        "respiratory disease|respiratory diseases|liver disease|liver diseases|blood cancer|blood cancers|"
        "chronic lung disease|kidney diseases|heart diseases|skin diseases|eye diseases|rare disorders|"
        "metastatic disease|metastatic neoplasm|wasting disease|wasting syndrome|paronychia"
    ).split("|")
)
# Names of classes of treatment that open vocabularies list as drugs.
NOT_DRUG_NAME = re.compile(r"(?:therapy|therapies|agents?|inhibitors?|drugs?|regimens?|vaccines?)$", re.I)
# A biomarker-defined indication: "HER2-positive", "KRAS-mutated", "EGFR-mutant".
BIOMARKER_WORD = re.compile(r"-(?:positive|negative|mutated|mutant|driven|altered|expressing|amplified|low|high)\b")
# Words near a gene symbol that show it is spoken of as a drug target.
TARGET_CONTEXT = re.compile(
    r"(?:inhibit|antibod|agonis|antagonis|target|degrad|modulat|block|receptor|ligand|bispecific|"
    r"conjugate|ADC|mutat|mutant|positive|negative|express|pathway|anti-|directed|selective|pathway|"
    r"-driven|-altered|fusion|amplif|CAR-T|engager|siRNA|silenc)",
    re.IGNORECASE,
)
# Words with a stem's ending that are not drugs.
NOT_INN = frozenset(
    """concept except intercept accept percept precept statistic thermostat rheostat hemostat
    ecostat photostat gene oncogene transgene antigen dimethylgene stat cell parcel excel
    vessel gravel travel novel level model label panel channel tunnel barrel funnel personnel
    hotel pixel camel diesel cancel marvel kernel jewel fuel duel gospel motel towel vowel
    laurel sentinel mongrel chapel hostel lapel morsel tinsel shrapnel pretzel easel weasel
    umab mab virtual registrant""".split()
)
