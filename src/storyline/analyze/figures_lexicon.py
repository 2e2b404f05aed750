"""Word lists for figure extraction: qualifiers, vague amounts, fractions, currencies, units, and the contexts
that make a number a name, a date or page furniture rather than a figure.

Every list is English news usage; each constant says why it exists. Matching is case-insensitive.
"""

from __future__ import annotations

# Number words that text2num reads (it rejects "a hundred" and "dozen", handled below). Longer words first so
# that the regex alternation prefers "seventeen" over "seven".
UNIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
              "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
              "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000}
# Abbreviated scales as newsrooms write money ("$6bn", "£3.5m", "€200k"); only read attached to a number.
SCALE_ABBREVIATIONS = {"bn": 1_000_000_000, "b": 1_000_000_000, "m": 1_000_000, "mn": 1_000_000,
                       "mln": 1_000_000, "k": 1_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000}

# Qualifier phrases before a number, by the contract's normalised qualifier. The interval each one implies is
# in synthesize.figures (compatibility of two outlets' figures).
QUALIFIERS_BEFORE: dict[str, tuple[str, ...]] = {
    "approximate": ("about", "around", "some", "roughly", "approximately", "an estimated", "estimated",
                    "circa", "round about", "in the region of"),
    "more than": ("more than", "over", "above", "upwards of", "in excess of", "greater than", "well over",
                  "just over", "more then"),
    "at least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than"),
    "up to": ("up to", "as many as", "as much as", "a maximum of", "at most", "no more than", "not more than"),
    "fewer than": ("fewer than", "less than", "under", "below", "just under", "well under"),
    "almost": ("almost", "nearly", "close to", "just shy of", "approaching", "nearing"),
    "exactly": ("exactly", "precisely", "a total of", "a full"),
}
# Qualifiers after the figure ("100 or more troops", "200-plus").
QUALIFIERS_AFTER: dict[str, tuple[str, ...]] = {
    "at least": ("or more", "plus", "-plus", "and more", "and counting"),
    "approximate": ("or so", "odd", "-odd"),
    "up to": ("or fewer", "or less", "at most"),
}

# Vague amounts: (lowest, highest) of what the phrase means in news usage, so that "dozens" can be compared
# with "more than 50". "dozens" starts at two dozen; the top of each is below the next phrase up.
VAGUE_AMOUNTS: dict[str, tuple[int, int]] = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "tens of millions": (20_000_000, 99_999_999),
    "a few dozen": (24, 60),
    "a few hundred": (200, 500),
    "a few thousand": (2_000, 5_000),
    "several dozen": (36, 99),
    "several hundred": (300, 999),
    "several thousand": (3_000, 9_999),
    "dozens": (24, 199),
    "scores": (40, 199),
    "hundreds": (200, 1_999),
    "thousands": (2_000, 19_999),
    "millions": (2_000_000, 19_999_999),
    "billions": (2_000_000_000, 19_999_999_999),
}
# "a dozen" is a precise twelve in news copy; "half a dozen" six.
DOZEN_PHRASES = {"a dozen": 12, "half a dozen": 6, "one dozen": 12, "two dozen": 24, "three dozen": 36}

# Fractions: "a third", "two-thirds", "half". Ordinals double as denominators, so a fraction needs a count
# word before it ("a", "one", "two") or "of" after it; see figures_numbers.
DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
                "fifths": 5, "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10}
FRACTION_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}

# Currency markers: a symbol before the number or a word after it; value is the ISO 4217 code.
CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₽": "RUB", "₴": "UAH",
                    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "rs": "INR"}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
                  "euros": "EUR", "euro": "EUR", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB", "ruble": "RUB",
                  "hryvnias": "UAH", "hryvnia": "UAH", "hryvnia's": "UAH", "yen": "JPY", "yuan": "CNY",
                  "renminbi": "CNY", "rupees": "INR", "francs": "CHF", "pence": "GBX", "cents": "USX"}

# Measurement units after a number, to a short canonical name. Time units are not here: durations are time
# expressions (analyze.times), not figures.
MEASURE_UNITS = {
    "percent": "%", "per cent": "%", "%": "%", "percentage points": "pp", "percentage point": "pp",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "ft": "ft", "cm": "cm", "mm": "mm", "kg": "kg", "kilograms": "kg", "kilos": "kg",
    "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t", "barrels": "bbl", "barrel": "bbl",
    "hectares": "ha", "acres": "acre", "sq km": "km2", "square kilometres": "km2", "square miles": "mi2",
    "litres": "l", "liters": "l", "gallons": "gal", "mph": "mph", "km/h": "km/h", "mw": "MW", "gw": "GW",
    "megawatts": "MW", "gigawatts": "GW", "degrees": "deg", "gb": "GB", "tb": "TB", "mb": "MB",
    "cubic metres": "m3", "bcm": "bcm",
}

# Nouns that make a number a duration or a date part; counted in analyze.times, not here.
TIME_NOUNS = {"second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
              "night", "morning", "evening", "weekend", "season", "term", "quarter"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec"}

# Words before a number that make it a label, not an amount: "page 2", "No 10", "Article 5", "flight 752",
# "season 3". Sports positions and broadcast channels are names of things too.
LABEL_WORDS = {
    "page", "pages", "photo", "photos", "image", "images", "slide", "picture", "pictures", "episode", "chapter",
    "series", "part", "stage", "level", "article", "section", "clause", "rule", "paragraph", "line", "room",
    "flight", "route", "bus", "platform", "gate", "junction", "exit", "highway", "channel", "radio", "version",
    "windows", "no", "no.", "nos", "number", "grade", "category", "class", "type", "tier", "phase", "act",
    "apollo", "model", "volume", "vol", "issue", "item", "figure", "table", "covid", "resolution", "gen",
    "generation", "week", "day", "game", "match", "round", "pick", "track", "disc", "box", "block", "floor",
    "unit", "ward", "district", "zone", "sector", "reactor", "division", "league", "cup", "top", "formula",
    "studio", "bbc", "itv", "s4c", "ps", "xbox", "iphone", "galaxy", "pixel", "terminal", "mark",
}
# Words after a number that make it page furniture or engagement counters ("12 comments", "3 min read").
FURNITURE_AFTER = {"comments", "comment", "shares", "share", "likes", "views", "min", "mins", "replies",
                   "retweets", "reactions", "photos", "images", "slides"}

# Heads that only point at the real counted noun through "of": "the number of troops", "a total of 300
# soldiers", "a build-up of 100,000 troops", "the death toll".
CONTAINER_NOUNS = {"number", "total", "count", "tally", "figure", "toll", "sum", "amount", "group", "contingent",
                   "force", "build-up", "buildup", "deployment", "presence", "concentration", "movement"}
