"""Place names: states, countries, regions, cities, and the dollar each place uses.

Kept apart from the location detector because pay reads them too: a bare "$" is the
Canadian dollar in Toronto. Names live in sets, looked up word by word, because an
alternation of hundreds of names is slow both to compile and to run.
"""

from __future__ import annotations

import re


def _names(*groups: str) -> frozenset[str]:
    return frozenset(name.lower() for group in groups for name in group.split("|"))


# Place names live in sets, not in regular expressions: a pattern finds a capitalised
# phrase, a set says whether it names a place. (Alternations of hundreds of names are slow
# to compile and slow to run.) Keys are lower case, without dots: "us", "dc", "uk".
_US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY"
    " NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_STATE_CODES = _US_STATE_CODES | frozenset("ON BC QC AB MB NS NB NL PE SK".split())  # and Canada's provinces
_US_STATE_NAMES = _names(
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii"
    "|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan"
    "|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico"
    "|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island"
    "|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia"
    "|Wisconsin|Wyoming"
)
_STATE_NAMES = _US_STATE_NAMES | _names("Ontario|British Columbia|Quebec|Alberta")
_COUNTRY_NAMES = _names(
    "UK|United Kingdom|England|Scotland|Wales|Ireland|Germany|France|Netherlands|the Netherlands"
    "|Spain|Portugal|Italy|Sweden|Norway|Denmark|Finland|Poland|Switzerland|Austria|Belgium|Czechia"
    "|Czech Republic|Canada|USA|US|United States|Australia|New Zealand|India|Singapore|Japan|China"
    "|Israel|Brazil|Mexico|Argentina|Estonia|Latvia|Lithuania|Ukraine|Romania|Hungary|Greece|Turkey"
    "|UAE|South Africa|Nigeria|Kenya|Egypt|Vietnam|Philippines|Indonesia|Malaysia|Thailand"
    "|South Korea|Korea|Taiwan|Hong Kong|Luxembourg|Iceland|Croatia|Serbia|Bulgaria|Slovakia"
    "|Slovenia|Cyprus|Malta|Chile|Colombia|Peru|Uruguay|Costa Rica"
)
# Where a bare "$" is not the US dollar. Cities that share a name with a US one
# (Vancouver, Melbourne, Perth...) count only with no US state beside them.
_LOCAL_DOLLARS = (
    ("CAD", _names(
        "Canada|Ontario|British Columbia|Quebec|Québec|Alberta|Manitoba|Saskatchewan|Nova Scotia"
        "|New Brunswick|Newfoundland|Prince Edward Island|Toronto|Montreal|Montréal|Ottawa|Calgary"
        "|Edmonton|Winnipeg|Vancouver|Mississauga|Kitchener|Halifax|Gatineau|Hamilton, ON|Waterloo, ON"
    )),
    ("AUD", _names("Australia|New South Wales|Queensland|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra")),
    ("NZD", _names("New Zealand|Auckland|Wellington|Christchurch")),
    ("SGD", _names("Singapore")),
    ("HKD", _names("Hong Kong")),
)
_US_NAMES = _names("USA|US|U.S.|United States") | _US_STATE_NAMES
_REGION_NAMES = _COUNTRY_NAMES | _STATE_NAMES | _names(
    "Europe|EU|EMEA|APAC|LATAM|Americas|North America|South America|Latin America|Asia|Africa"
    "|Middle East|Nordics|Scandinavia|Worldwide|Global|Anywhere|World|the World"
)
_CITY_NAMES = _names(
    "San Francisco|SF|Bay Area|Silicon Valley|New York|New York City|NYC|Los Angeles|Seattle|Boston"
    "|Austin|Chicago|Denver|Boulder|Portland|Palo Alto|Mountain View|Menlo Park|Sunnyvale|San Jose"
    "|San Mateo|Redwood City|Berkeley|Oakland|Santa Monica|San Diego|Washington DC|Atlanta|Miami"
    "|Philadelphia|Pittsburgh|Baltimore|Minneapolis|Detroit|Ann Arbor|Nashville|Dallas|Houston"
    "|Salt Lake City|Phoenix|Raleigh|Durham|Toronto|Vancouver|Montreal|Ottawa|Waterloo|London"
    "|Cambridge|Oxford|Manchester|Edinburgh|Bristol|Dublin|Berlin|Munich|München|Hamburg|Frankfurt"
    "|Cologne|Köln|Paris|Amsterdam|Rotterdam|Utrecht|Brussels|Zurich|Zürich|Geneva|Vienna|Stockholm"
    "|Gothenburg|Göteborg|Malmö|Oslo|Copenhagen|Helsinki|Tallinn|Riga|Warsaw|Krakow|Kraków|Prague"
    "|Budapest|Barcelona|Madrid|Lisbon|Porto|Milan|Rome|Athens|Tel Aviv|Bangalore|Bengaluru|Mumbai"
    "|Delhi|Pune|Hyderabad|Singapore|Tokyo|Sydney|Melbourne|Auckland|Hong Kong|Shanghai|Beijing"
    "|Shenzhen|Taipei|Seoul|Dubai|São Paulo|Buenos Aires|Mexico City|Cape Town|Lagos|Nairobi"
)
_CN_CITIES = (
    "北京|上海|深圳|广州|杭州|成都|南京|武汉|西安|苏州|厦门|重庆|天津|长沙|合肥|珠海|香港|台北|新加坡"
    "|迪拜|东京|大连|青岛|济南|郑州|福州|无锡|宁波|佛山|东莞|昆明|海口|三亚|澳门|吉隆坡|马来西亚|首尔"
)


def _known_prefix(phrase: str, names: frozenset[str], codes: frozenset[str] = frozenset(), at: int = 0) -> int:
    """Length of the longest run of leading words (up to three) that `names` knows; 0 if none.

    "New York, NY" -> len("New York"); "US Digital Service" -> len("US"). `codes` are
    matched as written ("OR", not "or"), the rest without case or dots. The phrase is
    read from `at`, and only as far as its first three words: linear in them, however
    long the phrase (a title can be a whole one-line posting).
    """
    words = []
    for m in _PREFIX_WORD.finditer(phrase, at):
        words.append(m.group())
        if len(words) == 3:
            break
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        key = " ".join(words[:n]).rstrip(".")
        if key in codes or key.replace(".", "").lower() in names:
            end = phrase.find(words[n - 1], at) + len(words[n - 1])
            return end - at - (1 if phrase[end - 1] == "." and "." not in key else 0)
    return 0


_PREFIX_WORD = re.compile(r"[^\s/,]+")  # what is left of `phrase.replace("/", " ").replace(",", " ").split()`


def _local_dollar(place: str) -> str:
    """The dollar a bare "$" means where the posting says the work is: Canadian in
    Toronto, Australian in Sydney, Australia. The US dollar whenever the place could be
    in the US too ("Vancouver, WA", "Toronto or New York") or names no known country."""
    low = place.lower()
    found = {code for code, names in _LOCAL_DOLLARS if any(_has_name(low, name) for name in names)}
    in_us = any(_has_name(low, name) for name in _US_NAMES) or any(
        code in _US_STATE_CODES for code in re.findall(r"(?:^|[,(]\s*)([A-Z]{2})\b", place)
    )
    return found.pop() if len(found) == 1 and not in_us else "USD"


def _has_name(low: str, name: str) -> bool:
    at = low.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
            return True
        at = low.find(name, at + 1)
    return False


_REGION_CODE = re.compile(r"\b[A-Z]{2}\b")
# A stated place's region code, spelt out: the pay laws name "Maryland", not ", MD"
# after every town (", MD" also follows a doctor's name), so "Largo, MD" needs the name.
_CODE_NAMES = dict(pair.split("=") for pair in (
    "AL=Alabama AK=Alaska AZ=Arizona AR=Arkansas CA=California CO=Colorado CT=Connecticut DE=Delaware"
    " FL=Florida GA=Georgia HI=Hawaii ID=Idaho IL=Illinois IN=Indiana IA=Iowa KS=Kansas KY=Kentucky"
    " LA=Louisiana ME=Maine MD=Maryland MA=Massachusetts MI=Michigan MN=Minnesota MS=Mississippi"
    " MO=Missouri MT=Montana NE=Nebraska NV=Nevada NH=New_Hampshire NJ=New_Jersey NM=New_Mexico"
    " NY=New_York NC=North_Carolina ND=North_Dakota OH=Ohio OK=Oklahoma OR=Oregon PA=Pennsylvania"
    " RI=Rhode_Island SC=South_Carolina SD=South_Dakota TN=Tennessee TX=Texas UT=Utah VT=Vermont"
    " VA=Virginia WA=Washington_State WV=West_Virginia WI=Wisconsin WY=Wyoming ON=Ontario"
    " BC=British_Columbia QC=Quebec AB=Alberta MB=Manitoba NS=Nova_Scotia NB=New_Brunswick"
    " NL=Newfoundland PE=Prince_Edward_Island SK=Saskatchewan"
).split())
_PROVINCE_CODES = _STATE_CODES - _US_STATE_CODES
_COMMA_CODE = re.compile(r"(?:,[ \t]*|\bUS-)([A-Z]{2})\b(?!\.)")


def spelt_out(place: str) -> str:
    """`place` with the names of its region codes added ("Largo, MD" -> "Largo, MD
    Maryland", "US-CO-Boulder" -> "... Colorado"), so a law that names the state finds
    a stated place."""
    codes = _COMMA_CODE.findall(place)
    names = [
        _CODE_NAMES[code].replace("_", " ") for i, code in enumerate(codes)
        if code in _CODE_NAMES and not (code == "CA" and i and codes[i - 1] in _PROVINCE_CODES)  # "Toronto, ON, CA": Canada
    ]
    return " ".join([place, *names]) if names else place


def names_region(place: str) -> bool:
    """Whether a stated place says its state, province or country ("Eugene, OR",
    "Lyon, France"), so the laws it brings in, or none, are the place's own. "Solna" or
    "Uxbridge" alone does not: the country is then read from the rest of the posting."""
    if any(code in _STATE_CODES for code in _REGION_CODE.findall(place)):
        return True
    low = place.lower()
    return any(_has_name(low, name) for name in _REGION_NAMES if name in low)
