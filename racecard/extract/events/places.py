"""Where a company is from, as the news describes it: "the Japanese drugmaker", "the Rahway, NJ-based company",
"the Shanghai biotech". Each word or place names a country (ISO 3166 alpha-2), the one the curated company
table gives as a company's headquarters. Vocabulary only; ``context.Doc`` reads descriptions with it.

Places that stand for two countries (Cambridge, in England and in Massachusetts) are left out.
"""

from __future__ import annotations

import re

__all__ = ["country_of"]

NATIONALITY = {
    "japanese": "JP", "chinese": "CN", "american": "US", "us": "US", "u.s.": "US", "british": "GB", "swiss": "CH",
    "german": "DE", "french": "FR", "danish": "DK", "korean": "KR", "south korean": "KR", "belgian": "BE",
    "dutch": "NL", "swedish": "SE", "irish": "IE", "israeli": "IL", "indian": "IN", "canadian": "CA",
    "australian": "AU", "italian": "IT", "spanish": "ES", "taiwanese": "TW", "hong kong": "HK",
    "norwegian": "NO", "finnish": "FI", "austrian": "AT", "english": "GB", "scottish": "GB",
}  # fmt: skip

US_STATES = {
    "alabama": "al", "alaska": "ak", "arizona": "ariz", "arkansas": "ark", "california": "calif", "colorado": "colo",
    "connecticut": "conn", "delaware": "del", "florida": "fla", "georgia": "ga", "hawaii": "hi", "idaho": "id",
    "illinois": "ill", "indiana": "ind", "iowa": "ia", "kansas": "kan", "kentucky": "ky", "louisiana": "la",
    "maine": "me", "maryland": "md", "massachusetts": "mass", "michigan": "mich", "minnesota": "minn",
    "mississippi": "miss", "missouri": "mo", "montana": "mont", "nebraska": "neb", "nevada": "nev",
    "new hampshire": "nh", "new jersey": "nj", "new mexico": "nm", "new york": "ny", "north carolina": "nc",
    "north dakota": "nd", "ohio": "ohio", "oklahoma": "okla", "oregon": "ore", "pennsylvania": "pa",
    "rhode island": "ri", "south carolina": "sc", "south dakota": "sd", "tennessee": "tenn", "texas": "tex",
    "utah": "utah", "vermont": "vt", "virginia": "va", "washington": "wash", "west virginia": "wva",
    "wisconsin": "wis", "wyoming": "wyo",
}  # fmt: skip
_POSTAL = (
    "al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or "
    "pa ri sc sd tn tx ut vt va wa wv wi wy dc"
).split()

CITIES = {
    # United States: the biotech and pharma towns the news names
    **dict.fromkeys(
        [
            "boston", "waltham", "lexington", "watertown", "bedford", "somerville", "new york", "new york city",
            "rahway", "kenilworth", "princeton", "new brunswick", "bridgewater", "summit", "indianapolis",
            "thousand oaks", "south san francisco", "san francisco", "san diego", "foster city", "redwood city",
            "brisbane", "emeryville", "menlo park", "palo alto", "los angeles", "seattle", "bothell", "philadelphia",
            "chicago", "north chicago", "tarrytown", "gaithersburg", "rockville", "durham", "raleigh",
            "research triangle park", "deerfield", "lake forest", "abbott park", "morristown", "parsippany",
            "plainsboro", "warren", "titusville", "horsham", "malvern", "conshohocken", "pittsburgh", "houston",
            "dallas", "austin", "denver", "boulder", "salt lake city", "new haven", "ridgefield", "stamford",
            "carlsbad", "irvine", "south plainfield", "madison", "minneapolis",
        ],
        "US",
    ),
    # China, Hong Kong and Taiwan
    **dict.fromkeys(
        [
            "shanghai", "beijing", "suzhou", "hangzhou", "shenzhen", "guangzhou", "nanjing", "jiangsu", "zhejiang",
            "chengdu", "wuhan", "tianjin", "lianyungang", "shijiazhuang", "xiamen", "jinan", "shandong", "taizhou",
            "changzhou", "hefei", "qingdao", "chongqing", "zhuhai", "sichuan", "guangdong", "hubei", "hainan",
        ],
        "CN",
    ),
    "hong kong": "HK", "taipei": "TW",
    **dict.fromkeys(["tokyo", "osaka", "kyoto"], "JP"),
    **dict.fromkeys(["seoul", "incheon", "songdo", "pangyo"], "KR"),
    **dict.fromkeys(["london", "oxford", "edinburgh", "glasgow", "macclesfield", "stevenage"], "GB"),
    **dict.fromkeys(["basel", "zurich", "geneva", "lausanne", "zug"], "CH"),
    **dict.fromkeys(["paris", "lyon", "marseille"], "FR"),
    **dict.fromkeys(["copenhagen", "bagsvaerd", "bagsværd", "valby"], "DK"),
    **dict.fromkeys(["munich", "mainz", "darmstadt", "leverkusen", "ingelheim", "berlin", "heidelberg"], "DE"),
    **dict.fromkeys(["brussels", "leuven", "ghent"], "BE"),
    **dict.fromkeys(["leiden", "amsterdam", "utrecht"], "NL"),
    **dict.fromkeys(["stockholm", "gothenburg", "uppsala"], "SE"),
    "dublin": "IE", "oslo": "NO", "vienna": "AT", "milan": "IT", "madrid": "ES", "barcelona": "ES",
    **dict.fromkeys(["tel aviv", "rehovot", "jerusalem", "petah tikva"], "IL"),
    **dict.fromkeys(["mumbai", "hyderabad", "bengaluru", "bangalore", "ahmedabad"], "IN"),
    **dict.fromkeys(["toronto", "vancouver", "montreal", "mississauga"], "CA"),
    **dict.fromkeys(["melbourne", "sydney"], "AU"),
}  # fmt: skip

_STATE_WORDS = {**{k: "US" for k in US_STATES}, **{v: "US" for v in US_STATES.values()}, **dict.fromkeys(_POSTAL, "US")}
_FOLD = re.compile(r"[.\s]+")


def country_of(place: str) -> str:
    """The country a nationality word or a "X-based" place stands for ("" when unknown): "Japanese" is JP,
    "Rahway, NJ-based" and "Thousand Oaks, Calif.-based" are US, "Shanghai" is CN."""
    low = place.lower().removesuffix("-based").strip()
    if low in NATIONALITY:
        return NATIONALITY[low]
    if low in CITIES:
        return CITIES[low]
    city, _, state = low.rpartition(",")
    state_key = _FOLD.sub(" ", state).strip().replace(" ", "")
    if city and state_key in _STATE_WORDS:
        return "US"  # "Rahway, NJ", "Foster City, Calif."
    key = _FOLD.sub(" ", low).strip()
    if key in US_STATES or key.replace(" ", "") in _STATE_WORDS:
        return "US"  # "the New Jersey drugmaker", "an NJ-based company"
    if city and CITIES.get(city.strip()):
        return CITIES[city.strip()]  # "Suzhou, China-based"
    return ""
