"""Country and IGO codes for event actors: names, demonyms, capitals and seats of power -> ISO 3166 alpha-3.

Event data is compared across sources by country code (GDELT, ICEWS and POLECAT all code actors to ISO
3166 alpha-3 plus codes for international organisations), so an actor is worth most when it carries one.
The table is written out here rather than taken from a package: none of the packages we may ship carry
demonyms ("Ukrainian") or the metonyms news uses for governments ("the Kremlin", "Washington"), which are
the forms news text actually uses. A capital or seat of power codes the country with sector GOV
("Moscow rejected ..." is the Russian government speaking).

`lookup(text)` -> (code, sector or None) for a name, demonym, capital or IGO; None when unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

# One line per country, ALPHA3|name;other names;demonyms;capital (a long one continues on a second line
# with the same code). Lower case; matched on whole phrases.
_COUNTRIES = """
AFG|afghanistan;afghan;afghans;kabul
ALB|albania;albanian;albanians;tirana
DZA|algeria;algerian;algerians;algiers
AGO|angola;angolan;luanda
ARG|argentina;argentine;argentinian;buenos aires
ARM|armenia;armenian;armenians;yerevan
AUS|australia;australian;australians;canberra
AUT|austria;austrian;vienna
AZE|azerbaijan;azerbaijani;azeri;baku;nakhichevan
BHR|bahrain;bahraini;manama
BGD|bangladesh;bangladeshi;dhaka
BLR|belarus;belarusian;belarussian;byelorussia;minsk
BEL|belgium;belgian
BIH|bosnia;bosnia and herzegovina;bosnian;bosnians;sarajevo
BRA|brazil;brazilian;brasilia
BGR|bulgaria;bulgarian;sofia
BDI|burundi;burundian;bujumbura
KHM|cambodia;cambodian;phnom penh
CMR|cameroon;cameroonian;yaounde
CAN|canada;canadian;canadians;ottawa
TCD|chad;chadian;n'djamena
CHL|chile;chilean;santiago
CHN|china;chinese;prc;people's republic of china;beijing;peking
COL|colombia;colombian;bogota
COD|democratic republic of congo;drc;kinshasa
COG|congo;congolese;brazzaville
CRI|costa rica;costa rican
CIV|ivory coast;cote d'ivoire;ivorian;abidjan
HRV|croatia;croatian;croat;croats;zagreb
CUB|cuba;cuban;havana
CYP|cyprus;cypriot;nicosia
CZE|czechia;czech republic;czech;czechoslovakia;czechoslovak;prague
DNK|denmark;danish;dane;copenhagen
ECU|ecuador;ecuadorian;ecuadorean;quito
EGY|egypt;egyptian;egyptians;cairo
SLV|el salvador;salvadoran
ERI|eritrea;eritrean;asmara
EST|estonia;estonian;tallinn
ETH|ethiopia;ethiopian;addis ababa
FIN|finland;finnish;helsinki
FRA|france;french;paris;elysee;élysée
GMB|gambia;gambian;banjul
GEO|georgia;georgian;tbilisi
DEU|germany;german;germans;berlin;bonn;west germany;east germany
GHA|ghana;ghanaian;accra
GRC|greece;greek;greeks;athens
GTM|guatemala;guatemalan
GIN|guinea;guinean;conakry
HTI|haiti;haitian;port-au-prince
HND|honduras;honduran
HKG|hong kong
HUN|hungary;hungarian;budapest
ISL|iceland;icelandic;reykjavik
IND|india;indian;indians;new delhi;delhi
IDN|indonesia;indonesian;jakarta
IRN|iran;iranian;iranians;tehran;teheran
IRQ|iraq;iraqi;iraqis;baghdad
IRL|ireland;irish;dublin
ISR|israel;israeli;israelis;jerusalem;tel aviv
ITA|italy;italian;italians;rome
JPN|japan;japanese;tokyo
JOR|jordan;jordanian;amman
KAZ|kazakhstan;kazakh;astana;almaty
KEN|kenya;kenyan;nairobi
PRK|north korea;north korean;dprk;pyongyang
KOR|south korea;south korean;seoul
XKX|kosovo;kosovar;pristina
KWT|kuwait;kuwaiti
KGZ|kyrgyzstan;kyrgyz;bishkek
LVA|latvia;latvian;riga
LBN|lebanon;lebanese;beirut
LBR|liberia;liberian;liberians;monrovia
LBY|libya;libyan;tripoli
LTU|lithuania;lithuanian;vilnius
LUX|luxembourg
MKD|macedonia;north macedonia;macedonian;skopje
MYS|malaysia;malaysian;kuala lumpur
MLI|mali;malian;bamako
MRT|mauritania;mauritanian;nouakchott
MEX|mexico;mexican;mexico city
MDA|moldova;moldovan;chisinau
MNG|mongolia;mongolian
MNE|montenegro;montenegrin;podgorica
MAR|morocco;moroccan;rabat
MOZ|mozambique;mozambican
MMR|myanmar;burma;burmese;yangon;rangoon
NPL|nepal;nepalese;kathmandu
NLD|netherlands;dutch;holland;the hague;amsterdam
NZL|new zealand;wellington
NIC|nicaragua;nicaraguan;managua
NER|niger;nigerien;niamey
NGA|nigeria;nigerian;nigerians;abuja;lagos
NOR|norway;norwegian;oslo
OMN|oman;omani;muscat
PAK|pakistan;pakistani;islamabad
PSE|palestine;palestinian;palestinians;gaza;west bank;ramallah;plo
PAN|panama;panamanian
PRY|paraguay;paraguayan
PER|peru;peruvian;lima
PHL|philippines;philippine;filipino;manila
POL|poland;polish;pole;poles;warsaw
PRT|portugal;portuguese;lisbon
QAT|qatar;qatari;quatar;doha
ROU|romania;romanian;bucharest
RUS|russia;russian;russians;russian federation;soviet union;soviet;ussr;moscow;kremlin;the kremlin
RWA|rwanda;rwandan;kigali
SAU|saudi arabia;saudi;saudis;riyadh
SEN|senegal;senegalese;dakar
SRB|serbia;serbian;serb;serbs;belgrade;yugoslavia;yugoslav
SLE|sierra leone;freetown
SGP|singapore;singaporean
SVK|slovakia;slovak;bratislava
SVN|slovenia;slovenian;slovene;ljubljana
SOM|somalia;somali;mogadishu
ZAF|south africa;south african;pretoria;johannesburg
SSD|south sudan;juba
ESP|spain;spanish;madrid
LKA|sri lanka;sri lankan;colombo
SDN|sudan;sudanese;khartoum
SWE|sweden;swedish;stockholm
CHE|switzerland;swiss;bern;geneva
SYR|syria;syrian;syrians;damascus
TWN|taiwan;taiwanese;taipei
TJK|tajikistan;tajik;dushanbe
TZA|tanzania;tanzanian;dodoma
THA|thailand;thai;bangkok
TTO|trinidad;trinidad and tobago
TUN|tunisia;tunisian;tunis
TUR|turkey;turkish;turks;türkiye;ankara;istanbul
TKM|turkmenistan;turkmen
UGA|uganda;ugandan;kampala
UKR|ukraine;ukrainian;ukrainians;kyiv;kiev
ARE|united arab emirates;uae;emirates;emirati;abu dhabi;dubai
GBR|united kingdom;uk;u.k.;britain;great britain;british;briton;britons;england;english;scotland;scottish
GBR|wales;welsh;northern ireland;london;downing street
USA|united states;united states of america;us;u.s.;usa;u.s.a.;america;american;americans;washington
USA|white house;the white house;pentagon;the pentagon;state department
URY|uruguay;uruguayan
UZB|uzbekistan;uzbek;tashkent
VEN|venezuela;venezuelan;caracas
VNM|vietnam;viet nam;vietnamese;hanoi
YEM|yemen;yemeni;sanaa
ZMB|zambia;zambian;lusaka
ZWE|zimbabwe;zimbabwean;harare
"""

# International organisations keep their own code (the "IGO codes such as NATO, EU, UN"); analysts
# read "NATO -> RUS" more easily than "IGO -> RUS". `IGO_CODES` lists them so a benchmark can fold them to
# the generic "IGO" the older gold standard uses.
_IGOS = """
NATO|nato;north atlantic treaty organization;north atlantic treaty organisation;alliance;the alliance
EU|eu;european union;european commission;brussels;european community;ec
UN|un;u.n.;united nations;security council;un security council;u.n. security council;general assembly;unhcr
UN|wfp;world food program;world food programme;unicef;unifil;monua;un refugee agency;war crimes court
OSCE|osce;organization for security and co-operation in europe
OSCE|organization for security and cooperation in europe;organisation for security and co-operation in europe
IAEA|iaea;international atomic energy agency
ICRC|red cross;red crescent;international committee of the red cross
AU|african union;au
ASEAN|asean
OPEC|opec
WHO|world health organization;who
IMF|imf;international monetary fund
WB|world bank
ICC|international criminal court;icc
CSTO|csto;collective security treaty organization
"""

# Codes for non-state actors that are not tied to one country (POLECAT/CAMEO use similar ones).
NGO = "NGO"  # international non-governmental organisations (Amnesty International, Human Rights Watch)
_NGOS = ("amnesty international", "human rights watch", "medecins sans frontieres", "doctors without borders",
         "greenpeace", "human rights group", "rights group", "watchdog")
# Seats of power and capitals that stand for the government when they act ("Moscow rejected ...").
_GOVERNMENT_SEATS = frozenset({
    "kremlin", "the kremlin", "white house", "the white house", "downing street", "elysee", "élysée",
    "moscow", "washington", "kyiv", "kiev", "beijing", "london", "paris", "berlin", "minsk", "tehran",
    "ankara", "jakarta", "state department",
})
_MILITARY_SEATS = frozenset({"pentagon", "the pentagon"})


def _table(block: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in block.strip().splitlines():
        code, names = line.split("|", 1)
        for name in names.split(";"):
            out.setdefault(name.strip(), code)
    return out


COUNTRY_BY_NAME = _table(_COUNTRIES)
IGO_BY_NAME = _table(_IGOS)
IGO_CODES = frozenset(IGO_BY_NAME.values())
COUNTRY_NAMES: dict[str, str] = {}
for _line in _COUNTRIES.strip().splitlines():  # a country may take several lines; its first name is its name
    COUNTRY_NAMES.setdefault(_line.split("|", 1)[0], _line.split("|", 1)[1].split(";", 1)[0].title())
COUNTRY_NAMES.update({"USA": "United States", "GBR": "United Kingdom", "PSE": "Palestine"})
# "US", "UK", "UN", "EU" in capitals are codes; in lower case "us" is a pronoun: short all-capital forms
# are only matched as written.
_CASE_SENSITIVE = frozenset({"us", "un", "eu", "ec", "au", "who", "uk", "plo", "prc", "drc", "uae", "icc"})
_STRIP = re.compile(r"^(?:the|a|an)\s+|['’]s$|\s*\(.*\)$")
_SPACE = re.compile(r"\s+")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")


def _normal(text: str) -> str:
    text = _SPACE.sub(" ", text.strip().lower().replace("’", "'"))
    text = _STRIP.sub("", text).strip(" ,;:")
    return _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text).strip(".")  # "u.s." -> "us"


# Actor coding asks the same few words over and over (every modifier of every actor phrase): kept per text.
LOOKUP_CACHE = 1 << 14


@lru_cache(maxsize=LOOKUP_CACHE)
def lookup(text: str) -> tuple[str, str | None] | None:
    """(code, sector) for a country / IGO name, demonym or seat of power; None when not known."""
    key = _normal(text)
    if not key:
        return None
    if key in _CASE_SENSITIVE and not text.strip().strip(".").replace(".", "").isupper():
        return None
    if key in IGO_BY_NAME:
        return IGO_BY_NAME[key], None
    if key in COUNTRY_BY_NAME:
        code = COUNTRY_BY_NAME[key]
        sector = "GOV" if key in _GOVERNMENT_SEATS else "MIL" if key in _MILITARY_SEATS else None
        return code, sector
    if any(ngo in key for ngo in _NGOS):
        return NGO, None
    return None


def lookup_phrase(text: str) -> tuple[str, str | None] | None:
    """Like `lookup`, else the first known name inside a longer phrase ("the Russian Defence Ministry")."""
    found = lookup(text)
    if found:
        return found
    words = text.split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            found = lookup(" ".join(words[i:i + size]))
            if found:
                return found
    return None


def display_name(code: str | None) -> str | None:
    """A readable name for a code (an IGO code is its own name)."""
    if code is None:
        return None
    return COUNTRY_NAMES.get(code, code)
