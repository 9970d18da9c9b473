"""General word lists the rules use: office titles, honorifics, agreement and
launch vocabulary. They name kinds of things, never a particular article's facts.
"""
from __future__ import annotations

# Words that can be the head of an office title.
TITLE_HEADS = frozenset("""
minister secretary president premier chancellor spokesperson spokesman spokeswoman chief
commander ambassador envoy governor mayor king queen emperor leader chairman chairwoman chair
director head diplomat adviser advisor representative administrator ruler monarch
secretary-general chief-of-staff prosecutor
senator congressman congresswoman congressperson speaker mp
""".split())
# Members of a national legislature: "California Democratic Senator X" holds a national office.
LEGISLATIVE_TITLES = frozenset("senator congressman congresswoman congressperson representative".split())
# Party adjectives that may stand between a member's state and title.
PARTY_ADJECTIVES = frozenset("democratic democrat republican gop independent".split())
# Words that may stand inside a title before its head ("Chief Cabinet Secretary").
TITLE_MODIFIERS = frozenset("""
foreign defense defence prime vice deputy chief cabinet finance interior home trade
unification state national security army navy naval military top first acting supreme
senior assistant under attorney press executive general affairs economic economy justice
health education energy industry agriculture environment labor labour culture science
transport transportation treasury intelligence joint staff air force forces marine
parliamentary permanent special high lord grand crown chief-executive
protection international external internal public information communications policy
senate majority minority
""".split())
# Ranks and honorifics stripped from names ("General Ashfaq Kiyani").
HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady gen gen. general lt lt. col col. maj maj.
capt capt. adm adm. admiral sgt sgt. rep rep. sen sen. gov gov. hon hon. honourable
honorable right the prof prof. professor marshal field brig brig. brigadier colonel major
captain lieutenant sergeant commissioner president minister secretary premier chancellor
prime vice deputy king queen prince princess sheikh imam ayatollah comrade chairman
""".split())
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv mp m.p. phd ph.d. esq esq. obe mbe kbe qc kc".split())
# Seats of government that stand for their country in news prose ("a White House spokeswoman"),
# as capitals do; lower-case keys.
SEATS_OF_GOVERNMENT = {
    "white house": "United States", "pentagon": "United States", "kremlin": "Russia",
    "downing street": "United Kingdom", "elysee": "France", "élysée": "France", "blue house": "South Korea",
    "zhongnanhai": "China", "quai d'orsay": "France", "chancellery": "Germany",
}
# Civilian government bodies: a post in one named with its country is a national office
# ("U.S. National Security Council spokesman" -> United States); commands and units are not.
NATIONAL_BODY_WORDS = frozenset("""council ministry department office agency house administration cabinet
government secretariat commission""".split())
MILITARY_UNIT_WORDS = frozenset("""command force forces army navy wing squadron fleet division brigade regiment
battalion corps guard""".split())
# Words before a title that say the office was held earlier.
FORMER = frozenset("former ex earlier previous then late past erstwhile".split())
# Capitalised words that NER sometimes takes for names but aren't.
NOT_NAMES = frozenset("""
north south east west the he she it they we i you his her its their our said says
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
""".split())

# Agreements.
AGREEMENT_HEADS = frozenset("""
agreement agreements accord accords treaty treaties pact pacts deal declaration convention
protocol charter armistice truce compact understanding
""".split())
AGREEMENT_NAME_HEADS = AGREEMENT_HEADS | frozenset({"plan", "framework", "initiative", "act"})
# verb lemma -> what happened to the agreement (a kgo:AgreementEventType local name)
AGREEMENT_VERBS = {
    "announce": "Announcement", "unveil": "Announcement",
    "initial": "Initialling",
    "sign": "Signing", "ink": "Signing", "conclude": "Signing", "seal": "Signing",
    "reach": "Signing", "strike": "Signing",
    "approve": "Approval", "endorse": "Approval",
    "ratify": "Ratification",
    "join": "Accession", "accede": "Accession",
    "extend": "Extension", "renew": "Extension", "prolong": "Extension",
    "suspend": "Suspension",
    "withdraw": "Withdrawal", "quit": "Withdrawal",
    "expire": "Expiry", "lapse": "Expiry",
    "terminate": "Termination", "end": "Termination", "scrap": "Termination", "abrogate": "Termination",
    "dissolve": "Termination", "annul": "Termination", "collapse": "Termination", "supersede": "Termination",
    "replace": "Termination", "cancel": "Termination",
}
IN_FORCE_NOUNS = frozenset({"force", "effect"})
IN_FORCE_VERBS = frozenset({"enter", "come", "go", "take"})
# Modifiers that mean the event did not (fully) happen.
HEDGES = frozenset("""
nearly almost practically virtually not never n't threaten threatened plan planned
would could might may expect expected propose proposed set due scheduled will shall should
consider considered seek sought hope hoped intend intended aim aimed
""".split())

# Launches.
LAUNCH_VERBS = frozenset({"launch", "fire", "test-fire", "test", "conduct", "shoot", "lob", "test-launch"})
LAUNCH_NOUNS = frozenset({"launch", "launches", "test", "tests", "firing", "firings", "test-firing",
                          "test-launch", "salvo"})
WEAPON_HEADS = frozenset("""
missile missiles rocket rockets icbm icbms slbm slbms projectile projectiles
""".split())
WEAPON_WORDS = WEAPON_HEADS | frozenset({"weapon", "weapons"})
# What a space launch carries: a launch only where the text ties it to ballistic missiles.
SATELLITE_WORDS = frozenset({"satellite", "satellites"})
LAUNCH_VEHICLE_WORDS = frozenset({"vehicle", "vehicles"})  # after "launch": "a space launch vehicle"
# Nouns that name a launch only with a weapon word: "the missile attack", "rocket strikes".
ATTACK_NOUNS = frozenset({"attack", "attacks", "strike", "strikes", "barrage", "barrages"})
# Verbs that tell a launch by what the weapon did: "destroyed the satellite with a missile",
# "used a missile to destroy ...".
STRIKE_VERBS = frozenset("destroy hit strike target attack shoot intercept sink down kill".split())
USE_VERBS = frozenset({"use", "employ"})
# Verbs of telling: a date in "reported the test on May 2" dates the report, not the test.
REPORT_VERBS = frozenset("report confirm announce acknowledge disclose reveal detect notice notify publicize "
                         "claim deny describe mention discuss say".split())
# Nouns that hold launches: "a wave of missile attacks", "a second round of test firings".
CONTAINER_NOUNS = frozenset("wave round series salvo barrage volley string spate".split())
# Nouns that name one launch ("the launch"), unlike a salvo or an attack.
SINGLE_LAUNCH_NOUNS = frozenset({"launch", "test", "firing", "test-firing", "test-launch"})
# Words naming a state's own military unit: such a unit launches for its country.
MILITARY_UNIT_WORDS = frozenset("""
squadron squadrons wing command force forces army navy brigade division corps regiment battalion
fleet group unit units guard guards military ministry department
""".split())
AGENT_NOUNS = frozenset("military army navy forces force government regime".split())
# Modifiers that make a "test" a missile launch ("a direct-ascent test").
WEAPON_TEST_MODIFIERS = frozenset("ascent direct-ascent anti-satellite asat ballistic hypersonic interceptor".split())
