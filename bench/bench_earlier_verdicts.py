"""Earlier verdicts and workspace search on a workspace of 1,000 articles.

Usage::

    .venv/bin/python bench/bench_earlier_verdicts.py [--quick] [--articles N] [--queries N]
        [--fresh] [--profile PATH]

The workspace is generated here: ``--articles`` (default 1,000) news-style articles of
30–60 sentences each, from templates across nine beats (conflict, economy, health,
politics, courts, disasters, energy, labour, technology) filled with names, places,
organisations and numbers from a seeded random generator. Each article has its own cast
(a few speakers, places and companies that recur) on top of the shared pools. The
articles are imported with ``desk.importer.import_text``; then about a quarter of the sentences
get a tag and a verdict (claims and denials a claimant, some an explanation and linked
sources) in one transaction through the repository, which keeps the full-text index up
to date. The finished workspace is cached in the system temp folder (keyed by this script's source,
the schema and the index version), so only the first run pays for it (``--fresh``
builds it again).

Measured, on a scratch copy of it:

* ``desk.lookup.earlier_verdicts`` per sentence (median, p95, max; target p95 ≤ 50 ms) over
  query sentences imported as new articles: rewordings of judged sentences (clauses
  reordered, other verbs, numbers written another way: "thirty-two", "332000", "per
  cent", "$4,200,000"), fresh sentences of the same beats, and off-topic sentences. For
  the rewordings, how often the judged original comes first (recall@1) or is offered at
  all; for the others, how often anything is offered;
* the FTS5 part of the look-up alone (``repo.search.judged_like``);
* ``desk.lookup.search`` for 1–3 word queries and short prefixes;
* a full index rebuild, the workspace file size and the index's share of it;
* what the index adds to importing one 10,000-sentence article (``import_text`` with
  ``repo.search.index_new_article`` made a no-op, on fresh copies) and to one
  ``set_verdict`` edit (``repo.search.review_changed`` made a no-op).

It is a report, not a test: it exits 0 even when the target is missed. With ``--profile``
(or when the look-up p95 misses the target) the look-ups run again under cProfile and the
top functions are printed.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import math
import os
import platform
import pstats
import random
import shutil
import sqlite3
import statistics
import string
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck_app.domain.matching import SEARCH_INDEX_VERSION, content_tokens  # noqa: E402
from factcheck_app.domain.models import (  # noqa: E402
    Review,
    Source,
    SourceLink,
    Stance,
    Status,
    Tag,
)
from factcheck_app.services.desk import Desk  # noqa: E402
from factcheck_app.services.search import CANDIDATES  # noqa: E402
from factcheck_app.storage.migrations import SCHEMA_VERSION  # noqa: E402
from factcheck_app.storage.workspace import filesystem_type  # noqa: E402

LOOKUP_P95_MS = 50.0  # the target, on 1,000 articles
IMPORT_SENTENCES = 10_000

# -- vocabulary -----------------------------------------------------------------------------

# fmt: off
FIRST = (
    "Anna", "Elchin", "Leyla", "Mark", "Sofia", "Hakan", "Nino", "Pierre", "Olga", "Tigran",
    "Amara", "Kwame", "Mei", "Hiroshi", "Priya", "Rahul", "Fatima", "Omar", "Lucia", "Mateo",
    "Ingrid", "Lars", "Agnieszka", "Tomasz", "Chiara", "Giorgio", "Aisha", "Yusuf", "Elena",
    "Dmitri", "Grace", "Samuel", "Isabel", "Diego", "Keiko", "Jun", "Noura", "Karim",
    "Helga", "Jonas", "Zainab", "Ibrahim", "Marta", "Pavel", "Ana", "Rui", "Selin", "Emre",
    "Ruth", "Daniel", "Camille", "Louis", "Thandiwe", "Sipho", "Valentina", "Bogdan", "Mira",
    "Farid", "Catalina", "Andres",
)
LAST = (
    "Petrosyan", "Mammadov", "Aliyeva", "Jensen", "Ruiz", "Demir", "Beridze", "Lambert",
    "Smirnova", "Sargsyan", "Okafor", "Mensah", "Zhang", "Tanaka", "Sharma", "Gupta",
    "Haddad", "Nasser", "Fernandez", "Rossi", "Lindqvist", "Nowak", "Kowalski", "Bianchi",
    "Conti", "Abdullahi", "Yilmaz", "Popescu", "Ivanov", "Mwangi", "Otieno", "Castillo",
    "Morales", "Sato", "Kim", "Park", "Farouk", "Weber", "Schmidt", "Novak", "Horvat",
    "Costa", "Silva", "Kaya", "Cohen", "Levi", "Dubois", "Moreau", "Dlamini", "Nkosi",
    "Romano", "Marin", "Kovacs", "Szabo", "Rahimi", "Karimi", "Vargas", "Mendoza",
    "Eriksen", "Brennan",
)
ROLES = (
    "Health Minister", "Interior Minister", "Finance Minister", "Defence Minister",
    "Foreign Minister", "police spokesman", "police spokeswoman", "regional governor",
    "opposition leader", "central bank governor", "Prime Minister", "President",
    "army spokesman", "chief prosecutor", "union leader", "party chairman",
    "Energy Minister", "Transport Minister", "Labour Minister", "mayor",
)
INSTITUTIONS = (
    "the Interior Ministry", "the Defence Ministry", "the Health Ministry",
    "the Foreign Ministry", "the Finance Ministry", "the central bank",
    "the national statistics office", "the emergency services", "the Red Cross",
    "the World Health Organization", "the UN refugee agency", "human rights monitors",
    "local officials", "the prosecutor's office", "the army", "the electoral commission",
    "the opposition party", "the governing party", "the energy regulator", "the fire service",
    "the coast guard", "the meteorological office", "the transport authority",
    "the teachers' union", "the chamber of commerce", "the ombudsman",
)
PLACES = (
    "Ganja", "Stepanakert", "Baku", "Yerevan", "Ankara", "Tbilisi", "Kharkiv", "Odesa",
    "Lviv", "Dnipro", "Brussels", "Geneva", "Lagos", "Kano", "Accra", "Nairobi", "Mombasa",
    "Kampala", "Addis Ababa", "Khartoum", "Cairo", "Alexandria", "Tunis", "Algiers", "Rabat",
    "Casablanca", "Dakar", "Bamako", "Kinshasa", "Luanda", "Lusaka", "Harare", "Durban",
    "Cape Town", "Johannesburg", "Mumbai", "Delhi", "Kolkata", "Chennai", "Lahore",
    "Karachi", "Dhaka", "Colombo", "Kathmandu", "Yangon", "Bangkok", "Hanoi", "Manila",
    "Jakarta", "Surabaya", "Kuala Lumpur", "Osaka", "Sapporo", "Busan", "Taipei",
    "Chengdu", "Wuhan", "Almaty", "Tashkent", "Bishkek", "Tehran", "Isfahan", "Basra",
    "Mosul", "Erbil", "Aleppo", "Beirut", "Amman", "Riyadh", "Jeddah", "Doha", "Muscat",
    "Sanaa", "Aden", "Athens", "Thessaloniki", "Naples", "Palermo", "Turin", "Lyon",
    "Marseille", "Bordeaux", "Lille", "Porto", "Seville", "Valencia", "Bilbao", "Hamburg",
    "Leipzig", "Dresden", "Gdansk", "Krakow", "Wroclaw", "Brno", "Bratislava", "Debrecen",
    "Cluj", "Varna", "Plovdiv", "Novi Sad", "Sarajevo", "Skopje", "Tirana", "Chisinau",
    "Minsk", "Vilnius", "Riga", "Tallinn", "Tampere", "Gothenburg", "Bergen", "Aarhus",
    "Rotterdam", "Antwerp", "Glasgow", "Manchester", "Cork", "Reykjavik", "Halifax",
    "Winnipeg", "Calgary", "Tijuana", "Monterrey", "Guadalajara", "Oaxaca", "Medellin",
    "Cali", "Quito", "Guayaquil", "Arequipa", "Cusco", "La Paz", "Cordoba", "Rosario",
    "Recife", "Salvador", "Manaus", "Valparaiso", "Montevideo", "Asuncion", "Havana",
    "Kingston", "Port-au-Prince", "Santo Domingo", "Brisbane", "Perth", "Adelaide",
    "Auckland", "Suva",
)
COUNTRIES = (
    "Armenia", "Azerbaijan", "Georgia", "Ukraine", "Moldova", "Turkey", "Nigeria", "Ghana",
    "Kenya", "Uganda", "Ethiopia", "Sudan", "Egypt", "Tunisia", "Morocco", "Senegal", "Mali",
    "Zambia", "Zimbabwe", "South Africa", "India", "Pakistan", "Bangladesh", "Sri Lanka",
    "Nepal", "Myanmar", "Thailand", "Vietnam", "the Philippines", "Indonesia", "Malaysia",
    "Japan", "South Korea", "Kazakhstan", "Uzbekistan", "Iran", "Iraq", "Lebanon", "Jordan",
    "Greece", "Italy", "Portugal", "Spain", "Poland", "Hungary", "Romania", "Bulgaria",
    "Serbia", "Lithuania", "Finland", "Norway", "Mexico", "Colombia", "Ecuador", "Peru",
    "Bolivia", "Argentina", "Brazil", "Chile", "Uruguay",
)
COMPANY_STEMS = (
    "Northfield", "Valmora", "Brightwater", "Castellan", "Redstone", "Silverline", "Aurora",
    "Meridian", "Bluecrest", "Highgate", "Orion", "Kestrel", "Solvane", "Tamarind",
    "Westmark", "Ironbridge", "Greenvale", "Halcyon", "Zenith", "Cobalt", "Larkspur",
    "Pinnacle", "Rivermont", "Stonehaven", "Vantage", "Ardent", "Boreal", "Crescent",
    "Driftwood", "Everest", "Falcon", "Granite", "Harbor", "Juniper", "Keystone", "Lumen",
    "Marlow", "Nimbus", "Oakridge", "Polaris",
)
SECTORS = (
    "Energy", "Logistics", "Bank", "Telecom", "Pharma", "Airlines", "Foods", "Motors",
    "Mining", "Steel", "Media", "Insurance", "Chemicals", "Textiles", "Shipping",
)
COMMODITIES = (
    "bread", "fuel", "rice", "cooking oil", "electricity", "natural gas", "sugar", "flour",
    "milk", "eggs", "diesel", "petrol", "cement", "fertiliser", "coffee", "tea", "maize",
    "wheat", "onions", "potatoes", "rent", "bus fares", "medicines", "school fees",
)
DISEASES = (
    "measles", "cholera", "dengue", "malaria", "tuberculosis", "influenza", "mpox",
    "diphtheria", "typhoid", "polio", "hepatitis", "meningitis", "whooping cough", "Ebola",
    "Lassa fever", "yellow fever", "rabies", "scarlet fever",
)
CRIMES = (
    "fraud", "bribery", "money laundering", "tax evasion", "embezzlement", "smuggling",
    "extortion", "arson", "burglary", "human trafficking", "insider trading", "forgery",
    "vote buying", "drug trafficking", "cybercrime", "car theft",
)
THINGS = (
    "a private jet", "luxury cars", "a villa abroad", "election posters", "foreign trips",
    "a new palace", "consultancy fees", "a football stadium", "office furniture",
    "security guards", "a yacht", "advertising", "state banquets", "legal fees",
)
LAWS = (
    "media", "pension", "minimum wage", "data protection", "foreign agents", "tax", "mining",
    "education", "housing", "citizenship", "anti-corruption", "energy", "labour", "asylum",
)
ENERGY = ("solar", "wind", "hydro", "coal", "nuclear", "geothermal", "gas", "biomass")
RIVERS = (
    "Kura", "Aras", "Dnipro", "Niger", "Volta", "Nile", "Ganges", "Indus", "Mekong",
    "Danube", "Vistula", "Tagus", "Ebro", "Rhone", "Elbe", "Parana", "Magdalena", "Amazon",
)
BUILDINGS = ("town hall", "bank", "bakery", "passport office", "hospital", "railway station")
QUOTES = (
    "The situation remains extremely tense",
    "We will not accept any deal that ignores the facts on the ground",
    "Civilians are paying the highest price",
    "These figures speak for themselves",
    "Nobody has shown us a single document",
    "We have nothing to hide",
    "The government has lost control of prices",
    "Our hospitals are at breaking point",
    "This is the worst season we have seen in a decade",
    "The numbers simply do not add up",
    "We acted within the law at all times",
    "Every vote was counted twice",
    "The company has always respected the environment",
    "Workers cannot live on these wages",
    "Our customers' data was never at risk",
)
OUTLETS = (
    ("reuters.com", "Reuters"), ("apnews.com", "AP"), ("bbc.co.uk", "BBC"),
    ("who.int", "World Health Organization"), ("worldbank.org", "World Bank"),
    ("imf.org", "IMF"), ("unhcr.org", "UNHCR"), ("icrc.org", "ICRC"),
    ("stat.example.gov", "National statistics office"), ("court.example.gov", "Court records"),
    ("parliament.example.gov", "Parliament"), ("ourworldindata.org", "Our World in Data"),
)
# fmt: on

# (kind, claimant slot, sentence, the same statement reworded). Kinds: claim, denial,
# fact, none; "none" sentences are never judged. A slot ending in _alt is the same value
# written another way ("thirty-two" for 32, "332000" for "332,000", "per cent" for "%").
# fmt: off
TEMPLATES: tuple[tuple[str, str, str, str], ...] = (
    # conflict
    ("claim", "speaker",
     "{Speaker} said {n} civilians had been killed and {m} wounded in {place} on {day}.",
     "{N_alt} civilians were killed and {m_alt} were wounded in {place} on {day}, "
     "according to {speaker}."),
    ("denial", "speaker",
     "{Speaker} denied that its forces had shelled {place} overnight.",
     "{Speaker} rejected claims that its troops shelled {place} during the night."),
    ("claim", "speaker",
     "{Speaker} accused {country} of firing {n} rockets at {place} in {month}.",
     "In {month}, {country} fired {n_alt} rockets at {place}, {speaker} alleged."),
    ("fact", "",
     "The ceasefire agreed in {place} on {month} {d} has been violated {n} times.",
     "Since {month} {d}, the ceasefire agreed in {place} has been broken {n_alt} times."),
    ("fact", "",
     "Damage was reported to {n} residential buildings and {m} schools in {place}.",
     "{N_alt} residential buildings and {m_alt} schools in {place} were damaged."),
    ("claim", "person",
     "“{quote},” {person} told reporters in {place} on {day}.",
     "{Person} told reporters in {place} on {day}: “{quote}.”"),
    ("claim", "speaker",
     "{Speaker} estimated that {big} people had fled {place} since {month}.",
     "Some {big_alt} residents have fled {place} since {month}, {speaker} estimated."),
    # economy
    ("fact", "",
     "Prices of {commodity} in {place} rose by {pct} in the past month.",
     "In the past month, {commodity} prices in {place} went up {pct_alt}."),
    ("claim", "speaker",
     "{Speaker} said inflation in {country} reached {pct} in {year}, the highest in {m} years.",
     "Inflation in {country} hit {pct_alt} in {year}, its highest level in {m_alt} years, "
     "{speaker} said."),
    ("claim", "org",
     "{Org} reported a profit of {money} for {year}, up from {money2} a year earlier.",
     "{Org} says it made {money_alt} in profit in {year}, compared with {money2_alt} "
     "the year before."),
    ("claim", "speaker",
     "{Speaker} claimed the new tax on {commodity} would raise {money} a year.",
     "The {commodity} tax will bring in {money_alt} annually, {speaker} claimed."),
    ("denial", "org",
     "{Org} denied reports that it plans to cut {big} jobs in {country}.",
     "{Org} rejected reports it would eliminate {big_alt} jobs in {country}."),
    ("fact", "",
     "Unemployment in {place} fell to {pct} in {month}, from {pct2} a year earlier.",
     "In {month}, the jobless rate in {place} dropped to {pct_alt}, down from {pct2_alt} "
     "a year before."),
    # health
    ("claim", "speaker",
     "{Speaker} said {n} new cases of {disease} had been recorded in {place} this week.",
     "This week {place} recorded {n_alt} new {disease} cases, {speaker} said."),
    ("claim", "speaker",
     "{Speaker} claimed that the {disease} vaccine used in {country} is {pct} effective.",
     "The vaccine against {disease} used in {country} works in {pct_alt} of cases, "
     "{speaker} claimed."),
    ("fact", "",
     "Hospitals in {place} treated {big} patients for {disease} in {year}.",
     "In {year}, {big_alt} people were treated for {disease} in hospitals in {place}."),
    ("denial", "speaker",
     "{Speaker} dismissed as false the claim that {disease} cases in {place} had doubled.",
     "{Speaker} said it was false that {disease} cases had doubled in {place}."),
    ("claim", "speaker",
     "{Speaker} warned that {place} has only {n} intensive care beds for {big} residents.",
     "There are just {n_alt} intensive care beds for {big_alt} residents in {place}, "
     "{speaker} warned."),
    # politics
    ("claim", "speaker",
     "{Speaker} said turnout in the {place} election was {pct}, up from {pct2} in {year}.",
     "Turnout in the election in {place} reached {pct_alt}, compared with {pct2_alt} in "
     "{year}, {speaker} said."),
    ("claim", "person",
     "{Person} claimed that {big} ballots in {place} were cast by people who had died.",
     "In {place}, {big_alt} votes were cast in the names of dead people, {person} claimed."),
    ("denial", "=The electoral commission",
     "The electoral commission in {place} rejected the allegations of fraud made by {person}.",
     "Allegations of fraud made by {person} were rejected by the electoral commission in "
     "{place}."),
    ("fact", "",
     "Parliament in {country} passed the {law} bill by {n} votes to {m} on {day}.",
     "On {day}, lawmakers in {country} approved the {law} bill, {n_alt} to {m_alt}."),
    ("claim", "speaker",
     "{Speaker} accused {person} of spending {money} of public money on {thing}.",
     "{Person} spent {money_alt} in public funds on {thing}, {speaker} alleged."),
    # courts and crime
    ("fact", "",
     "A court in {place} sentenced {person} to {m} years in prison for {crime} on {day}.",
     "{Person} was jailed for {m_alt} years for {crime} by a court in {place} on {day}."),
    ("claim", "=Prosecutors",
     "Prosecutors said {person} had taken bribes worth {money} between {year} and {year2}.",
     "Between {year} and {year2}, {person} accepted {money_alt} in bribes, prosecutors said."),
    ("denial", "person",
     "{Person} pleaded not guilty to {m} counts of {crime} at a hearing in {place}.",
     "At a hearing in {place}, {person} denied all {m_alt} charges of {crime}."),
    ("claim", "=Police",
     "Police in {place} said reports of {crime} had risen by {pct} since {year}.",
     "Reports of {crime} in {place} are up {pct_alt} since {year}, according to police."),
    # disasters and weather
    ("fact", "",
     "At least {n} people died when floods hit {place} on {day}.",
     "Floods in {place} killed at least {n_alt} people on {day}."),
    ("claim", "speaker",
     "{Speaker} said the earthquake near {place} had a magnitude of {mag}.",
     "The quake that struck near {place} measured {mag}, {speaker} said."),
    ("fact", "",
     "Wildfires have burned {big} hectares around {place} since {month}.",
     "Since {month}, {big_alt} hectares around {place} have burned in wildfires."),
    ("claim", "speaker",
     "{Speaker} estimated the storm damage in {place} at {money}.",
     "The storm caused {money_alt} of damage in {place}, {speaker} estimated."),
    # energy and environment
    ("claim", "speaker",
     "{Speaker} said {country} now produces {pct} of its electricity from {energy} power.",
     "{Pct_alt} of the electricity of {country} now comes from {energy} power, {speaker} said."),
    ("claim", "org",
     "{Org} claimed its new {energy} plant near {place} will power {big} homes.",
     "The {energy} plant {org} is building near {place} will supply {big_alt} homes, "
     "the company claimed."),
    ("denial", "org",
     "{Org} denied that its factory in {place} had polluted the {river} river.",
     "{Org} rejected accusations that its factory near {place} polluted the {river}."),
    ("fact", "",
     "Emissions in {country} fell by {pct} in {year}, the statistics office said.",
     "Emissions in {country} dropped {pct_alt} in {year}, official statistics show."),
    # labour and transport
    ("fact", "",
     "Some {big} workers at {org} went on strike in {place} on {day}.",
     "On {day}, {big_alt} employees of {org} in {place} walked out."),
    ("claim", "=The union",
     "The union said {pct} of its members had voted for the strike at {org}.",
     "{Pct_alt} of union members backed the strike at {org}, the union said."),
    ("claim", "speaker",
     "{Speaker} said the new rail line between {place} and {place2} would cost {money}.",
     "The rail line linking {place} and {place2} will cost {money_alt}, {speaker} said."),
    ("fact", "",
     "Flights from {place} were cancelled on {day} after {n} air traffic controllers "
     "called in sick.",
     "{N_alt} air traffic controllers called in sick on {day}, and flights from {place} "
     "were cancelled."),
    # technology
    ("claim", "org",
     "{Org} said a data breach had exposed the records of {big} customers in {country}.",
     "The records of {big_alt} customers of {org} in {country} were exposed in a data "
     "breach, the company said."),
    ("denial", "org",
     "{Org} denied that it sold the data of its users to {org2}.",
     "{Org} rejected claims it had sold data about its users to {org2}."),
    ("fact", "",
     "{Org} was fined {money} by regulators in {country} in {month}.",
     "In {month}, regulators in {country} fined {org} {money_alt}."),
    # nothing to check
    ("none", "", "The mood in {place} remained tense on {day}.", ""),
    ("none", "", "It was not immediately clear whether {person} would attend the talks.", ""),
    ("none", "", "{Person} did not respond to a request for comment.", ""),
    ("none", "", "Residents of {place} queued for hours outside the {building}.", ""),
    ("none", "", "A spokesperson for {org} declined to comment on {day}.", ""),
    ("none", "", "Reporting by {person}; editing by {person2}.", ""),
)
# Sentences of other beats, for look-ups that should find nothing.
# fmt: on
UNRELATED = (
    "The recipe calls for {n} grams of flour, two lemons and a pinch of saffron.",
    "The comet will be visible from the northern hemisphere for {m} nights in {month}.",
    "Tomatoes grow best in well-drained soil with at least {m} hours of sunlight a day.",
    "The orchestra performed the fifth symphony to a sold-out hall in {place}.",
    "The striker scored twice in the second half as the visitors won {m} to one.",
    "The museum's new wing houses {big} paintings from the Dutch golden age.",
    "Her debut novel follows three sisters who inherit a lighthouse on a remote island.",
    "The marathon route passes the old harbour and finishes in front of the cathedral.",
    "Bakers recommend resting the dough overnight in the fridge before shaping it.",
    "The telescope photographed a spiral galaxy {n} million light years away.",
    "The festival's programme includes {m} films by first-time directors.",
    "Chess players from {m} clubs took part in the rapid tournament in {place}.",
    "The cafe serves its espresso with a glass of sparkling water and a small biscuit.",
    "Migrating cranes stop at the wetlands for about {m} days every autumn.",
    "The violinist practised the concerto for six hours a day before the competition.",
)
EXPLANATIONS = (
    "Figures published by {org} in {month} show {n} rather than the {m} stated.",
    "The claim leaves out that the count in {place} includes {m} earlier cases.",
    "Official data for {year} put the number at {big}; the statement rounds it up.",
    "We found no record of this in the court files or in statements by {institution}.",
    "The {institution} confirmed the figure to us on {day}.",
    "Satellite images of {place} taken on {day} do not show the damage described.",
    "The quoted statistic refers to {country} as a whole, not to {place}.",
    "Independent monitors in {place} counted {n} by the same date.",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
JUDGE_PROBABILITY = {"claim": 0.36, "denial": 0.45, "fact": 0.22, "none": 0.0}
RATINGS_FOR = {
    "claim": (("false", 3), ("mostly_false", 3), ("mixed", 2), ("mostly_true", 2), ("true", 2),
              ("unverifiable", 1)),
    "denial": (("true", 3), ("mostly_true", 1), ("mixed", 1), ("false", 2), ("unverifiable", 1)),
    "fact": (("true", 5), ("mostly_true", 2), ("mixed", 1), ("false", 1)),
}  # fmt: skip
TAG_FOR = {"claim": Tag.CLAIM, "denial": Tag.DENIAL, "fact": Tag.FACT}


def number_words(x: int) -> str:
    """0..99 in words, "thirty-two"."""
    if x < 20:
        return _UNITS[x]
    tens, units = divmod(x, 10)
    return _TENS[tens - 2] + (f"-{_UNITS[units]}" if units else "")


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def _base(name: str) -> str:
    return name.removesuffix("_alt").lower()


# The value slots each template needs, worked out once.
_TEMPLATE_SLOTS = [sorted({_base(n) for n in _fields(t[2]) + _fields(t[3])}) for t in TEMPLATES]
_KIND_WEIGHTS = [1.2 if t[0] == "none" else 1.0 for t in TEMPLATES]


@dataclass(frozen=True, slots=True)
class Spec:
    """One generated sentence and what the bench knows about it."""

    text: str
    kind: str  # claim, denial, fact, none
    claimant: str
    reworded: str  # the same statement in other words ("" for kind none)


class Writer:
    """Seeded sentence generator; an article draws most names from its own cast."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cast: dict[str, list[str]] = {}

    def new_cast(self) -> None:
        r = self.rng
        self.cast = {
            "person": [self.person() for _ in range(4)],
            "speaker": [self.speaker() for _ in range(4)],
            "place": r.sample(PLACES, 3),
            "country": r.sample(COUNTRIES, 2),
            "org": [self.company() for _ in range(2)],
        }

    # -- names --------------------------------------------------------------------------

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def company(self) -> str:
        return f"{self.rng.choice(COMPANY_STEMS)} {self.rng.choice(SECTORS)}"

    def speaker(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice(INSTITUTIONS)
        return f"{self.rng.choice(ROLES)} {self.person()}"

    def _cast_or(self, key: str, make: Callable[[], str]) -> str:
        if key in self.cast and self.rng.random() < 0.65:
            return self.rng.choice(self.cast[key])
        return make()

    # -- values: (as first written, written another way) --------------------------------

    def value(self, slot: str) -> tuple[str, str]:
        r = self.rng
        if slot == "person":
            v = self._cast_or("person", self.person)
        elif slot == "person2":
            v = self.person()
        elif slot == "speaker":
            v = self._cast_or("speaker", self.speaker)
        elif slot == "place":
            v = self._cast_or("place", lambda: r.choice(PLACES))
        elif slot == "place2":
            v = r.choice(PLACES)
        elif slot == "country":
            v = self._cast_or("country", lambda: r.choice(COUNTRIES))
        elif slot == "org":
            v = self._cast_or("org", self.company)
        elif slot == "org2":
            v = self.company()
        elif slot in ("n", "m"):
            x = r.randint(2, 900) if slot == "n" else r.randint(2, 90)
            return str(x), number_words(x) if x < 100 else str(x)
        elif slot == "big":
            x = r.randint(2, 999) * 1000 + r.choice((0, 0, 0, r.randint(1, 999)))
            return f"{x:,}", r.choice((str(x), f"{x:,}" if x % 1000 else f"{x // 1000} thousand"))
        elif slot in ("pct", "pct2"):
            x = r.randint(2, 97)
            return f"{x}%", r.choice((f"{x} per cent", f"{x} percent", f"{number_words(x)}%"))
        elif slot in ("money", "money2"):
            whole, tenth = r.randint(1, 950), r.randint(1, 9)
            scale, zeros = r.choice((("million", 6), ("million", 6), ("billion", 9)))
            units = (whole * 10 + tenth) * 10 ** (zeros - 1)
            return f"${whole}.{tenth} {scale}", f"${units:,}"
        elif slot == "mag":
            v = f"{r.randint(4, 8)}.{r.randint(0, 9)}"
        elif slot in ("year", "year2"):
            v = str(r.randint(2008, 2024))
        elif slot == "d":
            v = str(r.randint(1, 28))
        elif slot == "institution":
            v = r.choice(INSTITUTIONS).removeprefix("the ")
        else:
            pool = {
                "day": DAYS,
                "month": MONTHS,
                "quote": QUOTES,
                "commodity": COMMODITIES,
                "disease": DISEASES,
                "crime": CRIMES,
                "thing": THINGS,
                "law": LAWS,
                "energy": ENERGY,
                "river": RIVERS,
                "building": BUILDINGS,
            }[slot]
            v = r.choice(pool)
        return v, v

    def fill(self, template: str, values: dict[str, tuple[str, str]]) -> str:
        out = {}
        for name in _fields(template):
            plain, alt = values[_base(name)]
            v = alt if name.endswith("_alt") else plain
            out[name] = v[:1].upper() + v[1:] if name[0].isupper() else v
        return template.format(**out)

    def values_for(self, template: str) -> dict[str, tuple[str, str]]:
        return {slot: self.value(slot) for slot in sorted({_base(n) for n in _fields(template)})}

    def sentence(self) -> Spec:
        i = self.rng.choices(range(len(TEMPLATES)), weights=_KIND_WEIGHTS)[0]
        kind, claimant_slot, text, reworded = TEMPLATES[i]
        values = {slot: self.value(slot) for slot in _TEMPLATE_SLOTS[i]}
        if claimant_slot.startswith("="):  # named in the template itself
            claimant = claimant_slot[1:]
        else:
            claimant = values[claimant_slot][0] if claimant_slot else ""
        return Spec(
            self.fill(text, values),
            kind,
            claimant.removeprefix("the ")[:1].upper() + claimant.removeprefix("the ")[1:],
            self.fill(reworded, values) if reworded else "",
        )

    def article(self, sentences: int, date: str) -> tuple[str, list[Spec]]:
        """A dated article: a headline line, then paragraphs of 1–4 sentences."""
        self.new_cast()
        specs = [self.sentence() for _ in range(sentences)]
        paragraphs, i = [], 0
        while i < len(specs):
            take = self.rng.randint(1, 4)
            paragraphs.append(" ".join(s.text for s in specs[i : i + take]))
            i += take
        headline = f"{self.cast['place'][0]}: {self.rng.choice(('latest', 'update', 'live'))}"
        return f"date {date}\n{headline}\n\n" + "\n\n".join(paragraphs) + "\n", specs

    def unrelated(self) -> str:
        template = self.rng.choice(UNRELATED)
        return self.fill(template, self.values_for(template))

    def explanation(self) -> str:
        template = self.rng.choice(EXPLANATIONS)
        return self.fill(template, self.values_for(template))


def corpus(articles: int, seed: int = 1) -> list[tuple[str, list[Spec]]]:
    """Deterministic articles of 30–60 sentences (text, sentence specs)."""
    writer = Writer(seed)
    out = []
    for i in range(articles):
        date = f"20{18 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(writer.article(writer.rng.randint(30, 60), date))
    return out


# -- the workspace --------------------------------------------------------------------------


@dataclass
class WorkspaceInfo:
    path: Path
    build_s: float | None  # None: taken from the cache
    articles: int = 0
    sentences: int = 0
    judged: int = 0
    explained: int = 0
    with_sources: int = 0
    links: int = 0
    file_mb: float = 0.0
    index_mb: float | None = None


def cache_path(articles: int) -> Path:
    key = hashlib.sha1(
        Path(__file__).read_bytes()
        + f"|{articles}|{SCHEMA_VERSION}|{SEARCH_INDEX_VERSION}".encode()
    ).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"fcdesk-bench-earlier-{articles}-{key}.fcdesk"


def sentence_specs(
    desk: Desk, article_id: int, specs: Sequence[Spec]
) -> Iterator[tuple[int, Spec]]:
    """(sentence id, spec) for the article's sentences that are generated ones (by text)."""
    by_text = {s.text: s for s in specs}
    for row in desk.reviews.sentence_rows(article_id):
        spec = by_text.get(row.sentence.text.strip())
        if spec is not None:
            yield row.sentence.id, spec


def build_workspace(path: Path, articles: list[tuple[str, list[Spec]]]) -> None:
    rng = random.Random(2)
    writer = Writer(3)
    desk = Desk.open(path, backup=False, session=False)
    try:
        # Each import commits by itself (its slices' commits set how they sync, which
        # SQLite refuses inside a transaction: wrapped in one, the build failed).
        ids = [
            desk.importer.import_text(text, source_name=f"wire-{i:04d}.txt").article_id
            for i, (text, _) in enumerate(articles)
        ]
        repo = desk.repo
        with repo.db.atomic(), repo.search.batch():
            sources = []
            for i in range(2500):
                domain, publisher = rng.choice(OUTLETS)
                title = rng.choice(
                    (
                        f"{writer.company()} annual report {rng.randint(2010, 2024)}",
                        f"Statistics for {rng.choice(COUNTRIES)}, {rng.choice(MONTHS)}",
                        f"Interview with {writer.person()}",
                        f"{rng.choice(DISEASES).capitalize()} situation report {i}",
                        f"Court ruling in {rng.choice(PLACES)}",
                    )
                )
                url = f"https://www.{domain}/{rng.randint(2015, 2024)}/{i}-{rng.randrange(10**6)}"
                source = Source(0, url, title, publisher)
                sources.append(Source(repo.sources.insert_source(source), url, title, publisher))
            for article_id, (_, specs) in zip(ids, articles, strict=True):
                for sid, spec in sentence_specs(desk, article_id, specs):
                    if rng.random() >= JUDGE_PROBABILITY[spec.kind]:
                        continue
                    keys, weights = zip(*RATINGS_FOR[spec.kind], strict=True)
                    repo.reviews.save_review(
                        Review(
                            sid,
                            tag=TAG_FOR[spec.kind],
                            verdict=rng.choices(keys, weights=weights)[0],
                            claimant=spec.claimant,
                            explanation=writer.explanation() if rng.random() < 0.45 else "",
                            status=Status.DONE,
                            reviewer="bench",
                            updated_at="2024-05-01T09:00:00+00:00",
                        )
                    )
                    if rng.random() < 0.35:
                        for source in rng.sample(sources, rng.choice((1, 1, 1, 2))):
                            excerpt = spec.text[: rng.randint(30, 80)] if rng.random() < 0.4 else ""
                            stance = rng.choice(tuple(Stance))
                            repo.sources.insert_link(SourceLink(0, sid, source, stance, excerpt))
        desk.repo.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        desk.close()


def describe(path: Path, build_s: float | None) -> WorkspaceInfo:
    info = WorkspaceInfo(path, build_s)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:

        def one(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        info.articles = one("SELECT count(*) FROM articles")
        info.sentences = one("SELECT count(*) FROM sentences")
        info.judged = one("SELECT count(*) FROM reviews WHERE rating IS NOT NULL")
        info.explained = one("SELECT count(*) FROM reviews WHERE explanation != ''")
        info.with_sources = one("SELECT count(DISTINCT sentence_id) FROM sentence_sources")
        info.links = one("SELECT count(*) FROM sentence_sources")
        try:
            info.index_mb = (
                one("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_index%'") / 2**20
            )
        except sqlite3.Error:  # SQLite built without dbstat
            info.index_mb = None
    finally:
        conn.close()
    info.file_mb = path.stat().st_size / 2**20
    return info


def cached_workspace(articles: int, fresh: bool) -> WorkspaceInfo:
    """The generated workspace, built once and kept in the temp folder."""
    path = cache_path(articles)
    if path.exists() and not fresh:
        return describe(path, None)
    for old in Path(tempfile.gettempdir()).glob(f"fcdesk-bench-earlier-{articles}-*"):
        old.unlink()
    print(f"Generating a workspace of {articles:,} articles …", flush=True)
    start = time.perf_counter()
    texts = corpus(articles)
    building = path.with_name(path.name + f".building-{os.getpid()}")
    try:
        build_workspace(building, texts)
        for suffix in ("-wal", "-shm"):
            Path(str(building) + suffix).unlink(missing_ok=True)
        building.rename(path)
    finally:
        for leftover in building.parent.glob(building.name + "*"):
            leftover.unlink()
    return describe(path, time.perf_counter() - start)


def scratch_copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


# -- measuring ------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def ms_summary(seconds: Sequence[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (
        f"median {statistics.median(ms):.1f} ms, p95 {percentile(ms, 95):.1f} ms,"
        f" max {max(ms):.1f} ms"
    )


@dataclass
class Query:
    kind: str  # reworded, fresh, unrelated
    text: str
    original: int = 0  # for a rewording: the judged sentence it rewords
    sid: int = 0  # the query sentence, once imported


@dataclass
class Report:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, result: str, target: str = "", status: str = "info") -> None:
        self.rows.append((measure, result, target, status))


def make_queries(
    desk: Desk, articles: list[tuple[str, list[Spec]]], count: int, seed: int = 11
) -> list[Query]:
    """Rewordings of judged sentences (half), fresh same-beat and off-topic sentences
    (a quarter each), imported as new articles so each has a sentence id."""
    rng = random.Random(seed)
    judged = {
        r[0]
        for r in desk.repo.db.execute("SELECT sentence_id FROM reviews WHERE rating IS NOT NULL")
    }
    article_ids = [a.id for a in desk.articles.list_articles()]
    pool: list[tuple[int, Spec]] = []
    for article_id, (_, specs) in zip(sorted(article_ids), articles, strict=True):
        pool += [(sid, s) for sid, s in sentence_specs(desk, article_id, specs) if sid in judged]
    picked = rng.sample(pool, count // 2)
    queries = [Query("reworded", s.reworded, original=sid) for sid, s in picked]
    writer = Writer(seed + 1)
    writer.new_cast()
    fresh: list[Query] = []
    while len(fresh) < count // 4:
        spec = writer.sentence()
        if spec.kind != "none":
            fresh.append(Query("fresh", spec.text))
    queries += fresh
    queries += [Query("unrelated", writer.unrelated()) for _ in range(count - len(queries))]
    rng.shuffle(queries)
    for start in range(0, len(queries), 40):  # each import commits by itself (above)
        batch = queries[start : start + 40]
        text = "\n\n".join(q.text for q in batch) + "\n"
        result = desk.importer.import_text(text, source_name=f"queries-{start}.txt")
        rows = desk.reviews.sentence_rows(result.article_id)
        by_text = {row.sentence.text.strip(): row.sentence.id for row in rows}
        for q in batch:
            q.sid = by_text.get(q.text, 0)
    missing = [q for q in queries if not q.sid]
    if missing:
        example = missing[0].text
        raise SystemExit(f"{len(missing)} query sentences were split differently: {example!r}")
    return queries


def bench_lookups(desk: Desk, queries: list[Query], report: Report) -> list[float]:
    for q in queries[:10]:  # warm the page cache and the stemmer's cache
        desk.lookup.earlier_verdicts(q.sid)
    times: dict[str, list[float]] = {"reworded": [], "fresh": [], "unrelated": []}
    offered: dict[str, int] = dict.fromkeys(times, 0)
    rank1 = found = 0
    original_tokens = {}
    for q in queries:
        if q.original:
            original_tokens[q.original] = content_tokens(
                desk.repo.sentences.get_sentence(q.original).text
            )
    for q in queries:
        start = time.perf_counter()
        verdicts = desk.lookup.earlier_verdicts(q.sid)
        times[q.kind].append(time.perf_counter() - start)
        offered[q.kind] += bool(verdicts)
        if q.original:
            same = [
                v.found.row.sentence.id == q.original
                or content_tokens(v.found.row.sentence.text) == original_tokens[q.original]
                for v in verdicts
            ]
            rank1 += bool(same) and same[0]
            found += any(same)
    every = [t for ts in times.values() for t in ts]
    p95 = percentile(every, 95) * 1000
    report.add(
        f"Earlier verdicts, all {len(every)} look-ups",
        ms_summary(every),
        f"p95 ≤ {LOOKUP_P95_MS:.0f} ms",
        "PASS" if p95 <= LOOKUP_P95_MS else "FAIL",
    )
    for kind, ts in times.items():
        report.add(f"… {kind} sentences ({len(ts)})", ms_summary(ts))
    n = len(times["reworded"])
    report.add(
        "Rewordings: judged original offered first (recall@1)",
        f"{rank1 / max(1, n):.1%} ({rank1}/{n}); offered at all {found / max(1, n):.1%}",
    )
    for kind in ("fresh", "unrelated"):
        k = len(times[kind])
        report.add(
            f"{kind.capitalize()} sentences offered any earlier verdict",
            f"{offered[kind] / max(1, k):.0%} ({offered[kind]}/{k})",
        )
    fts, in_candidates = [], 0
    for q in queries:
        text = desk.repo.sentences.get_sentence(q.sid).text
        start = time.perf_counter()
        candidates = desk.repo.search.judged_like(text, exclude=q.sid, limit=CANDIDATES)
        fts.append(time.perf_counter() - start)
        in_candidates += q.original in candidates
    report.add(f"… of which the FTS5 candidates (judged_like, {CANDIDATES})", ms_summary(fts))
    report.add(
        f"Rewordings whose original is among the {CANDIDATES} FTS5 candidates",
        f"{in_candidates / max(1, n):.1%} ({in_candidates}/{n})",
    )
    return every


def profile_lookups(desk: Desk, queries: list[Query], path: Path | None) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for q in queries:
        desk.lookup.earlier_verdicts(q.sid)
    profiler.disable()
    if path is not None:
        profiler.dump_stats(path)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(18)
    stats.sort_stats("tottime").print_stats(10)
    return out.getvalue()


def search_queries(rng: random.Random, per_class: int) -> dict[str, list[str]]:
    """1–3 word queries as a reviewer types them (the last word counts as a prefix)."""
    names = [f"{f} {last}" for f in FIRST for last in LAST]
    one: list[Callable[[], str]] = [
        lambda: rng.choice(PLACES),
        lambda: rng.choice(LAST),
        lambda: rng.choice(DISEASES + CRIMES + COMMODITIES).split()[0],
        lambda: rng.choice(("ministry", "inflation", "ceasefire", "strike", "vaccine")),
        lambda: f"{rng.randint(2, 999) * 1000:,}",
    ]
    two: list[Callable[[], str]] = [
        lambda: rng.choice(names),
        lambda: f"{rng.choice(PLACES).split()[0]} {rng.choice(('rockets', 'floods', 'election'))}",
        lambda: f"{rng.choice(DISEASES).split()[0]} cases",
        lambda: f"{rng.choice(COMPANY_STEMS)} {rng.choice(SECTORS)}",
    ]
    three: list[Callable[[], str]] = [
        lambda: f"{rng.choice(('foreign', 'health', 'interior'))} ministry denied",
        lambda: f"prices {rng.choice(COMMODITIES).split()[0]} {rng.choice(PLACES).split()[0]}",
        lambda: f"sentenced {rng.choice(LAST)} prison",
        lambda: f"{rng.choice(('the', 'no'))} {rng.choice(('allegations', 'truth'))} of",
    ]
    prefix: list[Callable[[], str]] = [
        lambda: rng.choice(PLACES)[:3],
        lambda: rng.choice(LAST)[:4],
        lambda: rng.choice(("min", "infl", "vacc", "elec", "pros", "sta")),
    ]
    return {
        "1 word": [rng.choice(one)() for _ in range(per_class)],
        "2 words": [rng.choice(two)() for _ in range(per_class)],
        "3 words": [rng.choice(three)() for _ in range(per_class)],
        "prefix of 3–4 letters": [rng.choice(prefix)() for _ in range(per_class)],
    }


def bench_search(desk: Desk, per_class: int, report: Report) -> None:
    classes = search_queries(random.Random(5), per_class)
    desk.lookup.search(classes["1 word"][0])  # warm-up
    for name, queries in classes.items():
        times, totals = [], []
        for query in queries:
            start = time.perf_counter()
            results = desk.lookup.search(query)
            times.append(time.perf_counter() - start)
            totals.append(results.total)
        report.add(
            f"Search, {name} ({len(queries)} queries)",
            f"{ms_summary(times)}; median {statistics.median(totals):,.0f} matches",
        )
    worst = max(
        ((q, c) for c, qs in classes.items() for q in qs),
        key=lambda qc: _timed(lambda: desk.lookup.search(qc[0])),
    )
    report.notes.append(f"The slowest search query on a second pass: {worst[0]!r} ({worst[1]}).")


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def bench_set_rating(desk: Desk, edits: int, report: Report) -> None:
    """One verdict change with and without the index refresh (interleaved, WAL + FULL)."""
    rng = random.Random(13)
    judged = [
        r[0]
        for r in desk.repo.db.execute(
            "SELECT sentence_id FROM reviews WHERE rating IS NOT NULL ORDER BY sentence_id"
        )
    ]
    search = desk.repo.search
    real = search.review_changed
    wall: dict[bool, list[float]] = {True: [], False: []}
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for i, sid in enumerate(rng.sample(judged, edits)):
        for indexed in (i % 2 == 0, i % 2 != 0):
            current = desk.reviews.review(sid).verdict
            rating = "mixed" if current != "mixed" else "false"
            search.review_changed = real if indexed else (lambda sentence_id: None)  # type: ignore[method-assign]
            try:
                w, c = time.perf_counter(), time.thread_time()
                desk.reviews.set_verdict(sid, rating)
                cpu[indexed].append(time.thread_time() - c)
                wall[indexed].append(time.perf_counter() - w)
            finally:
                search.review_changed = real  # type: ignore[method-assign]
    med = {k: statistics.median(v) * 1000 for k, v in wall.items()}
    med_cpu = {k: statistics.median(v) * 1000 for k, v in cpu.items()}
    report.add(
        f"set_verdict, one edit ({edits} each way)",
        f"{med[True]:.2f} ms with the index, {med[False]:.2f} ms without (median wall);"
        f" CPU {med_cpu[True]:.2f} vs {med_cpu[False]:.2f} ms"
        f" → index adds {med_cpu[True] - med_cpu[False]:.2f} ms CPU",
    )


def bench_rebuild(desk: Desk, report: Report) -> None:
    start = time.perf_counter()
    with desk.repo.db.atomic():
        desk.repo.search.rebuild()
    seconds = time.perf_counter() - start
    rows = desk.repo.search.row_count()
    report.add(
        "Full index rebuild (one transaction, committed)",
        f"{seconds:.2f} s for {rows:,} sentences ({rows / seconds:,.0f}/s)",
    )


def bench_import(source: Path, folder: Path, runs: int, report: Report) -> None:
    """`import_text` of one 10,000-sentence article into a fresh copy of the big workspace,
    with and without the index insert, alternately."""
    text, _ = Writer(21).article(IMPORT_SENTENCES, "2024-06-01")
    times: dict[bool, list[float]] = {True: [], False: []}
    count = 0
    for run in range(-1, runs):  # run -1 warms up and is not counted
        for indexed in (run % 2 == 0, run % 2 != 0):
            path = scratch_copy(source, folder, f"import-{run}-{indexed}.fcdesk")
            desk = Desk.open(path, backup=False, session=False)
            try:
                if not indexed:
                    desk.repo.search.index_new_article = lambda *a, **k: None  # type: ignore[method-assign]
                start = time.perf_counter()
                result = desk.importer.import_text(text, source_name="big.txt")
                if run >= 0:
                    times[indexed].append(time.perf_counter() - start)
                count = result.sentence_count
            finally:
                desk.close()
                for p in folder.glob(path.name + "*"):
                    p.unlink()
    with_index = statistics.median(times[True])
    without = statistics.median(times[False])
    spread = {k: f"{min(v):.2f}–{max(v):.2f}" for k, v in times.items()}
    report.add(
        f"import_text of a {count:,}-sentence article (median of {runs}, after a warm-up)",
        f"{with_index:.2f} s with the index ({spread[True]}), {without:.2f} s without"
        f" ({spread[False]}) → index adds {with_index - without:.2f} s"
        f" ({(with_index / without - 1):+.0%})",
    )


# -- report ---------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()},"
        f" SQLite {sqlite3.sqlite_version}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer queries, edits and runs")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--queries", type=int, help="look-ups (default 400; --quick 120)")
    parser.add_argument("--fresh", action="store_true", help="generate the workspace again")
    parser.add_argument("--profile", type=Path, metavar="PATH", help="cProfile the look-ups")
    # `./dev.sh bench ARGS` hands the same arguments to every bench script.
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        print(f"(ignoring arguments meant for other benchmarks: {' '.join(unknown)})")
    queries_n = args.queries or (120 if args.quick else 400)
    clock = time.perf_counter()
    report = Report()
    with tempfile.TemporaryDirectory(prefix="fcdesk-bench-ev-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["FACTCHECK_DATA_DIR"] = str(tmp / "data")
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        info = cached_workspace(args.articles, args.fresh)
        articles = corpus(args.articles)
        desk = Desk.open(scratch_copy(info.path, tmp, "bench.fcdesk"), backup=False, session=False)
        try:
            indexed = desk.repo.search.row_count()
            if indexed != info.sentences:
                report.notes.append(
                    f"**Index incomplete:** {indexed:,} rows for {info.sentences:,} sentences."
                )
            print(f"Look-ups: {queries_n} query sentences …", flush=True)
            queries = make_queries(desk, articles, queries_n)
            lookups = bench_lookups(desk, queries, report)
            profile = None
            if args.profile or percentile(lookups, 95) * 1000 > LOOKUP_P95_MS:
                profile = profile_lookups(desk, queries, args.profile)
            print("Search …", flush=True)
            bench_search(desk, 15 if args.quick else 60, report)
            print("Edits and rebuild …", flush=True)
            bench_set_rating(desk, 40 if args.quick else 200, report)
            bench_rebuild(desk, report)
        finally:
            desk.close()
        print("Import of a 10,000-sentence article …", flush=True)
        bench_import(info.path, tmp, 2 if args.quick else 5, report)

    built = (
        f"generated in {info.build_s:.1f} s"
        if info.build_s is not None
        else f"cached ({info.path})"
    )
    index = f", of which the index {info.index_mb:.1f} MB" if info.index_mb is not None else ""
    lines = [
        "",
        "## Earlier verdicts and search",
        "",
        f"Machine: {machine()}.",
        "",
        f"Workspace: {info.articles:,} articles, {info.sentences:,} sentences,"
        f" {info.judged:,} judged ({info.judged / info.sentences:.0%}; {info.explained:,}"
        f" with an explanation, {info.with_sources:,} with sources, {info.links:,} links);"
        f" file {info.file_mb:.1f} MB{index}; {built}.",
        "",
        "| measure | result | target | status |",
        "|---|---|---|---|",
    ]
    lines += [f"| {m} | {r} | {t} | {s} |" for m, r, t, s in report.rows]
    lines.append("")
    lines += [f"- {note}" for note in report.notes]
    lines.append(
        f"- Workspace copies in {tempfile.gettempdir()} ({filesystem_type(info.path) or '?'});"
        " WAL, synchronous=FULL, so each edit's commit is included."
    )
    lines.append(f"- Took {time.perf_counter() - clock:.0f} s.")
    print("\n".join(lines))
    if profile is not None:
        print("\n### Profile of the look-ups\n\n```")
        print(profile.rstrip())
        print("```")
    return 0


if __name__ == "__main__":
    sys.exit(main())
