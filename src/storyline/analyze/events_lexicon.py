"""The PLOVER lexicon: which words report which event type and mode, and how each type is scored.

A lexicon rather than a trained classifier: the only expert-coded English data we may use is a 161-sentence
development set (too small to train on, and it must not ship), while PLOVER's and CAMEO's manuals describe
each type by the verbs and nouns that report it. The words below are those of the manuals' definitions and
of news usage; `events.py` reads them off the dependency parse and composes them with the frame words
("threatened to ...", "refused to ...", "agreed to ...", "will ...").

Scores: PLOVER's expert conflict-cooperation scale (the issue's figures), the CAMEO root code of the type
for continuity with older event data, and the Goldstein value of that CAMEO root (Goldstein 1992, as
tabulated in the CAMEO codebook).
"""

from __future__ import annotations

from dataclasses import dataclass

# PLOVER type -> (expert score, CAMEO root, Goldstein value of that root).
PLOVER: dict[str, tuple[float, str, float]] = {
    "AGREE": (2.5, "03", 4.0), "CONSULT": (2.5, "04", 1.0), "SUPPORT": (5.0, "05", 3.5),
    "CONCEDE": (4.5, "08", 5.0), "COOPERATE": (9.5, "06", 6.0), "AID": (10.0, "07", 7.0),
    "RETREAT": (6.5, "08", 5.0), "REQUEST": (0.0, "02", 3.0), "ACCUSE": (-3.0, "11", -2.0),
    "REJECT": (-2.0, "12", -4.0), "THREATEN": (-3.5, "13", -6.0), "PROTEST": (-5.0, "14", -6.5),
    "SANCTION": (-6.0, "16", -4.0), "MOBILIZE": (-5.5, "15", -7.2), "COERCE": (-7.0, "17", -7.0),
    "ASSAULT": (-9.0, "18", -9.0),
}  # fmt: skip
# Goldstein values of the CAMEO roots a cue may name instead of its type's default root.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0,
    "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2, "16": -4.0, "17": -7.0,
    "18": -9.0, "19": -10.0, "20": -10.0,
}  # fmt: skip


@dataclass(frozen=True)
class Cue:
    """What a trigger word reports: the PLOVER type, its mode when the word fixes one, a CAMEO root when
    the word is more specific than its type's default (a demand is CAMEO 10, a request 02)."""

    type: str
    mode: str | None = None
    cameo: str | None = None

    @property
    def conflict(self) -> bool:
        return PLOVER[self.type][0] < 0


def _cues(spec: str) -> dict[str, Cue]:
    """`TYPE[/mode][#cameo]: word, word; ...` -> {word: Cue}."""
    out: dict[str, Cue] = {}
    for part in spec.strip().split(";"):
        head, words = part.split(":", 1)
        head, _, cameo = head.strip().partition("#")
        kind, _, mode = head.partition("/")
        for word in words.split(","):
            if word.strip():
                out[word.strip()] = Cue(kind, mode or None, cameo or None)
    return out


# Verb lemmas (and "verb particle" for phrasal verbs) that report an event by themselves.
VERBS = _cues("""
AGREE: agree, accept, offer, pledge, promise, approve, ratify, guarantee, reconcile;
CONSULT: meet, negotiate, discuss, consult, confer, talk;
CONSULT/phone: telephone, phone, ring;
CONSULT/visit: visit, tour;
CONSULT/host: host;
CONSULT/third-party: mediate, broker;
SUPPORT: support, praise, endorse, back, commend, congratulate, thank, apologize, apologise, defend, hail,
  reaffirm, recognize, recognise, forgive, sign, welcome, applaud;
CONCEDE: concede, ease, relax, release, allow, permit, compromise, cancel, call off, free, pardon,
  lift, drop, return, restore;
COOPERATE: cooperate, co-operate, collaborate, coordinate, share, extradite, partner;
AID: aid, assist, donate, fund, finance, rescue, help;
RETREAT: withdraw, retreat, pull out, pull back, surrender, resign, step down, demobilize, disarm, disband,
  evacuate, de-escalate;
REQUEST#10: demand, insist;
REQUEST: urge, ask, request, appeal, plead, call for, call on, seek, press, invite, encourage, remind;
ACCUSE: accuse, blame, criticize, criticise, condemn, denounce, deplore, decry, charge, indict, sue,
  protest, investigate, probe, inspect, allege, slam, rebuke, chastise, censure, fault;
ACCUSE#09: investigate, probe, inspect, monitor;
REJECT: reject, refuse, deny, veto, dismiss, rebuff, oppose, renege, decline, defy, violate, spurn,
  disregard, ignore, stonewall, resist, contest;
THREATEN: threaten, menace;
PROTEST/demo: demonstrate, rally, march;
PROTEST/riot: riot, loot;
PROTEST/strike-gen: strike, walk out;
PROTEST/boycott: boycott;
SANCTION: sanction, embargo, cut, halt, suspend, freeze, downgrade, recall, cut off, break off;
SANCTION/expel: expel;
MOBILIZE/troops: mobilize, mobilise, deploy, mass, reinforce, bolster, patrol, station, build up, gather,
  muster, train;
MOBILIZE/weapons: arm;
COERCE/arrest: arrest, jail, imprison, sentence, convict;
COERCE/detain: detain, kidnap, abduct, hold hostage;
COERCE/confiscate: seize, confiscate, expropriate, nationalize, hack;
COERCE/deport: deport, evict, force out;
COERCE/destroy: destroy, demolish, bulldoze, burn, torch, raze, blow up, sabotage;
COERCE/ban: ban, outlaw, prohibit;
COERCE/censor: censor, deface, jam;
COERCE/restrict: restrict, prevent, obstruct, block, disperse, blockade, crack down, suppress, repress, curb;
ASSAULT: attack, invade, assault, raid, ambush, storm, overrun, occupy, annex;
ASSAULT/firearms: shoot, gun down;
ASSAULT/heavy-weapons: shell, bombard, strafe, fight, clash, capture, retake, recapture;
ASSAULT/aerial: airstrike;
ASSAULT/explosives: bomb;
ASSAULT/assassinate: assassinate;
ASSAULT#20: massacre, slaughter;
ASSAULT: kill, wound, injure, torture, beat, execute
""")

# Nouns that report an event: as the object of a light verb ("held talks", "imposed sanctions", "began a
# hunger strike"), or on their own with an actor ("Russia's build-up of troops", "the US rejection of ...").
NOUNS = _cues("""
AGREE: agreement, deal, accord, pact, settlement, promise, pledge, offer,
  memorandum, commitment, concession;
CONSULT: talks, talk, negotiation, negotiations, meeting, dialogue, consultation, consultations, discussion,
  discussions, conversation, contact, contacts;
CONSULT/phone: call, phone call, telephone call, phone conversation, telephone conversation;
CONSULT/visit: visit, trip, tour;
CONSULT/multilateral: summit;
CONSULT/third-party: mediation;
CONSULT/host: welcome;
SUPPORT: support, praise, endorsement, apology, treaty, recognition;
CONCEDE: release, amnesty;
COOPERATE: cooperation, co-operation, alliance;
COOPERATE/military: joint exercises, joint drills, joint war games, war games;
AID: aid, assistance, help, donation, loan, asylum, shipment, shipments, supplies, relief;
RETREAT: ceasefire, cease-fire, truce, withdrawal, retreat, pullout, pull-out, surrender, resignation, de-escalation;
REQUEST#10: demand, demands, ultimatum;
REQUEST: request, appeal, call for, plea, invitation, reminder;
ACCUSE: accusation, criticism, condemnation, complaint, charge, charges, lawsuit, indictment, concern,
  allegation;
ACCUSE#09: investigation, probe, inquiry, inspection;
REJECT: rejection, refusal, denial, veto;
THREATEN: threat, threats, warning, ultimatum;
PROTEST/demo: protest, protests, demonstration, demonstrations, rally, march;
PROTEST/riot: riot, riots, unrest;
PROTEST/strike-gen: strike, walkout, general strike;
PROTEST/strike-hun: hunger strike;
PROTEST/boycott: boycott;
PROTEST/obstruct: sit-in, blockade of roads, roadblock, barricade;
SANCTION: sanctions, sanction, embargo, tariffs, tariff, restrictions, suspension, expulsion;
MOBILIZE/troops: build-up, buildup, deployment, deployments, drills, exercises, manoeuvres, maneuvers,
  mobilization, mobilisation, patrols, troop movement, alert, reinforcements, massing;
MOBILIZE/weapons: missile test, weapons test;
COERCE/arrest: arrest, arrests;
COERCE/detain: detention, kidnapping;
COERCE/martial-law: curfew, martial law, state of emergency, state of siege, emergency rule;
COERCE/ban: ban;
COERCE/censor: blackout, censorship;
COERCE/restrict: crackdown, blockade, siege;
COERCE/deport: deportation, expulsions;
ASSAULT#20: ethnic cleansing, massacre, genocide;
ASSAULT: attack, attacks, invasion, offensive, incursion, assault, raid, aggression, war, hostilities;
ASSAULT/explosives: bombing, bomb attack, car bomb, explosion, blast, suicide bombing;
ASSAULT/firearms: shooting, gunfire, gunbattle;
ASSAULT/heavy-weapons: fighting, shelling, clashes, clash, battle, bombardment;
ASSAULT/aerial: airstrike, airstrikes, air strike, air strikes, air raid, air raids;
ASSAULT/assassinate: assassination
""")

# Verbs whose event is the thing they govern: "held talks", "imposed sanctions", "launched an attack".
LIGHT_VERBS = frozenset({
    "hold", "make", "launch", "begin", "start", "issue", "conduct", "stage", "carry", "give", "take", "have",
    "reach", "impose", "sign", "announce", "declare", "mount", "wage", "unleash", "order", "resume", "put",
    "pay", "continue", "renew", "extend", "express", "voice", "step", "open", "keep", "perform", "enter",
    "go", "set", "engage", "lay", "file", "level", "send", "provide", "deliver", "supply", "offer",
    "remain", "be", "stay", "place", "call", "seek", "tighten", "intensify", "expand", "increase",
    "escalate", "strengthen", "boost", "ramp", "widen", "toughen", "scale",
})
# Verbs on ties or relations: improving them is SUPPORT (CAMEO 05), cutting them SANCTION (CAMEO 16).
TIES = frozenset({"ties", "tie", "relations", "relation", "relationship"})
TIES_UP = frozenset({"upgrade", "restore", "establish", "normalize", "normalise", "resume", "improve",
                     "strengthen", "renew", "deepen"})
TIES_DOWN = frozenset({"cut", "sever", "break", "downgrade", "suspend", "freeze", "end", "reduce", "halt"})
# Head nouns that take their event from a modifier: "a mediation effort", "an aid package".
GENERIC_NOUNS = frozenset({"effort", "efforts", "campaign", "operation", "drive", "process", "package", "programme",
                           "program", "mission", "move", "bid", "plan", "round", "session", "measures", "state",
                           "series", "wave", "spate", "string", "number"})
# Withdrawing or removing these reduces relations (CAMEO 16, PLOVER SANCTION), unlike withdrawing troops.
RELATIONS_OBJECTS = frozenset({"inspectors", "diplomats", "ambassador", "ambassadors", "staff", "workers",
                               "monitors", "observers", "personnel", "embassy", "envoy", "aid", "support",
                               "recognition", "funding", "mission", "peacekeepers"})
# A strike is reported as stopping work: "stopped work", "shunned work", "downed tools".
WORK_STOPPAGE = frozenset({"stop", "shun", "quit", "down", "halt", "leave", "boycott"})
# Sectors whose blocking of roads is a protest, not coercion by the state.
CIVIL_SECTORS = frozenset({"CVL", "LAB", "OPP", "REB", "EDU", "REF", "JRN", "NGO"})
# Transfer verbs code by what moves: weapons and money are AID, troops MOBILIZE, inspectors an inquiry.
TRANSFER_VERBS = frozenset({"send", "supply", "deliver", "provide", "ship", "give", "hand", "hand over",
                            "transfer", "contribute", "grant", "dispatch", "airlift", "move"})
TRANSFER_DEFAULT = Cue("AID")
# Transfer verbs that are deliveries even when what moves is not named ("the aid package sent to Kyiv").
DELIVERY_VERBS = frozenset({"send", "supply", "deliver", "ship", "provide", "donate", "contribute", "airlift"})
# Transfer verbs that move one's own forces (MOBILIZE); "contribute" or "provide" troops is AID to a partner.
DEPLOY_VERBS = frozenset({"send", "dispatch", "deploy", "move", "ship", "airlift", "transfer"})
# Of these, the ones that only move one's own means: weapons moved are MOBILIZE (weapons), not AID.
OWN_MOVES = frozenset({"move", "deploy"})
CARGO = _cues("""
AID/military: weapons, weapon, arms, ammunition, missiles, drones, equipment, tanks, systems, munitions,
  javelins, rifles, howitzers, aircraft, jets, artillery, material, materiel;
AID/economic: money, loan, loans, funds, credit, grant, billion, million, dollars, grain, fuel, gas;
AID/humanitarian: aid, food, medicine, medicines, supplies, relief, vaccines, blankets, tents, flour;
AID/asylum: asylum, refuge, shelter;
MOBILIZE/troops: troops, soldiers, forces, paratroopers, battalions, units, marines, reinforcements,
  warships, fleet, ships;
ACCUSE#09: inspectors, investigators, observers, monitors;
CONSULT/visit: envoy, delegation, diplomats, negotiators, emissary, mission
""")
# Verbs whose event depends on what is opened or lifted: "opened fire", "opened an inquiry", "opened the
# border"; "lifted the blockade" (a military step back) against "lifted restrictions" (a concession).
OPEN_OBJECTS = _cues("""
ASSAULT/firearms: fire;
ACCUSE#09: investigation, inquiry, probe, case;
CONSULT: talks, negotiations, dialogue;
RETREAT: border, bridge, crossing, airspace, road, corridor, borders, crossings
""")
LIFT_MILITARY = frozenset({"blockade", "siege", "occupation", "troops", "forces"})

# Frame words: they take an event as complement and recast it (PLOVER's manual: a threat is coded THREATEN
# with the threatened act as mode; a refusal REJECT; an offer or promise of cooperation AGREE).
THREAT_FRAMES = frozenset({"threaten", "warn", "vow"})
REJECT_FRAMES = frozenset({"refuse", "decline", "reject", "fail", "deny", "oppose", "resist"})
AGREE_FRAMES = frozenset({"agree", "offer", "promise", "pledge", "commit", "volunteer", "consent", "accept"})
# Intentions: the complement is planned (cooperative -> AGREE, conflictual -> THREATEN).
INTENT_FRAMES = frozenset({"plan", "intend", "prepare", "expect", "aim", "propose", "want", "hope", "seek",
                           "mean", "schedule", "set", "plot", "consider", "weigh", "will", "would", "shall"})
INTENT_ADJECTIVES = frozenset({"ready", "prepared", "willing", "set", "poised", "determined", "eager",
                               "likely", "due", "going", "able"})
# Verbs that pass their complement's event through unchanged ("tried to assassinate", "began to withdraw").
TRANSPARENT = frozenset({"try", "attempt", "continue", "begin", "start", "resume", "decide", "move", "go",
                         "keep", "manage", "help", "proceed", "choose", "vote", "order", "force", "use",
                         "launch", "seem", "appear", "remain", "stop", "need", "have", "get", "come", "act"})
# Verbs that report speech or writing: their event, if any, is in the reported clause.
REPORTING = frozenset({
    "say", "tell", "report", "announce", "state", "add", "note", "claim", "declare", "confirm", "argue",
    "suggest", "write", "explain", "acknowledge", "believe", "think", "reiterate", "insist", "assert",
    "stress", "emphasise", "emphasize", "quote", "indicate", "signal", "reveal", "disclose", "predict",
    "tweet", "comment", "recall", "admit", "contend", "maintain", "repeat", "conclude", "know", "show",
    "fear", "hope", "expect", "see", "mention",
})
# Modal verbs of conjecture: "Russia could invade" reports a possibility, not an event.
CONJECTURE = frozenset({"could", "might", "may", "can"})
FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
# Obligation in reported speech ("Iraq must cooperate", said Chirac) is the speaker's demand.
OBLIGATION = frozenset({"must", "should"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})

# Modes of MOBILIZE and ASSAULT read from the words around the trigger.
MODE_WORDS: dict[str, dict[str, str]] = {
    "MOBILIZE": {
        "troops": "troops", "soldiers": "troops", "paratroopers": "troops", "infantry": "troops",
        "forces": "troops", "units": "troops", "battalions": "troops", "police": "police",
        "policemen": "police", "weapons": "weapons", "missiles": "weapons", "tanks": "weapons",
        "artillery": "weapons", "warships": "weapons", "jets": "weapons", "warplanes": "weapons",
        "aircraft": "weapons", "systems": "weapons", "shelling": "weapons", "hackers": "cyber",
        "alert": "alert", "militia": "militia", "militias": "militia",
    },
    "ASSAULT": {
        "bomb": "explosives", "bombing": "explosives", "explosion": "explosives", "explosive": "explosives",
        "gunfire": "firearms", "gun": "firearms", "guns": "firearms", "gunmen": "firearms",
        "rifles": "firearms", "missiles": "heavy-weapons", "missile": "heavy-weapons",
        "tanks": "heavy-weapons", "artillery": "heavy-weapons", "helicopters": "heavy-weapons",
        "rockets": "heavy-weapons", "aircraft": "aerial", "warplanes": "aerial", "jets": "aerial",
        "drones": "aerial", "airstrike": "aerial", "fighting": "heavy-weapons",
    },
    "CONSULT": {"phone": "phone", "telephone": "phone", "video": "phone", "videoconference": "phone"},
    "PROTEST": {"hunger": "strike-hun"},
}
# A country's own drills are MOBILIZE; joint ones (or with a partner named by "with") COOPERATE.
JOINT_WORDS = frozenset({"joint", "jointly", "together", "combined", "bilateral"})
EXERCISE_NOUNS = frozenset({"drills", "drill", "exercises", "exercise", "manoeuvres", "maneuvers", "games"})
