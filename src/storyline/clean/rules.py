"""Named rules for scraped article text: what counts as noise, as a byline or as a dateline.

Every rule here looks at one line (or one paragraph) and answers with a rule name (the `reason` recorded in
`Removal`) or None. The rules describe phenomena that recur on countless news sites (captions with agency
credits, newsletter and cookie boxes, "Read more" link labels), not the wording of one page. They were tuned
on the bundled sample articles and on made-up variants of each phenomenon, and they favour keeping text:
every pattern is anchored to a whole line and most are limited to short lines, so a sentence of article
prose that merely mentions a cookie, a newsletter or a photograph is never matched.

The multi-line decisions (where the body starts and ends, headline and standfirst) live in clean.text.
"""

from __future__ import annotations

import re

# --- rule names (the `reason` of a Removal) -------------------------------------------------------------
RELATED = "related-headlines"
NEWSLETTER = "newsletter-prompt"
COOKIE = "cookie-notice"
FEEDBACK = "feedback-prompt"
COMMENT = "comment-prompt"
SHARE = "share-prompt"
CAPTION = "photo-caption"
IMAGE_TITLE = "image-title"
REPEATED = "repeated-line"
UI = "ui-string"
BYLINE = "byline"
DATELINE = "dateline"
HEADLINE = "headline"
STANDFIRST = "standfirst"

# --- thresholds ----------------------------------------------------------------------------------------
# Prompts (newsletter, comments, feedback, sharing) are calls to action of a few words; article sentences
# that happen to use the same words are longer. 25 words covers "Stay on top of the latest news ... SIGN UP".
MAX_PROMPT_WORDS = 25
# Cookie banners run to two or three sentences; a longer paragraph is more likely an article about cookies.
MAX_COOKIE_WORDS = 80
# Feedback and comment widgets are labels ("Your feedback:", "Leave a comment"), never sentences.
MAX_LABEL_WORDS = 10
# Captions are one or two sentences plus a credit; a 60-word paragraph ending in "(X/AP)" is still a caption.
MAX_CAPTION_WORDS = 60
# A photo credit after "Photograph:" names an agency and maybe a photographer: "Sean Gallup/Getty Images".
MAX_CREDIT_WORDS = 8
# Image titles above a caption are a name or a topic tag ("Sergei Lavrov", "Russia Belarus Military Drills").
MAX_IMAGE_TITLE_WORDS = 8
# Bylines: "By Jane Doe and John Smith in Kyiv, Reuters" is ten words; more is a sentence.
MAX_BYLINE_WORDS = 10
# A dateline is a date, a time and a zone, maybe a label: "First published on Mon 14 Feb 2022 19.24 GMT".
MAX_DATELINE_TOKENS = 12

# --- shared word lists ---------------------------------------------------------------------------------
# Function words: a heading never ends with one, and they carry no evidence of a topic.
_FUNCTION_WORDS_TEXT = (
    "a an the and or but nor of to in on at by for from with without into onto over under about after before "
    "as than that this these those its his her their our your my is are was were be been being has have had "
    "will would can could should may might must shall do does did not no so if then there here who whom whose "
    "which what when where while also just very more most some any all each both such only own same other "
    "he she it they we you i me him them us"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# Finite verbs common in news sentences; a glued heading has none (headings are noun phrases).
_COMMON_VERBS_TEXT = (
    "said says say told tells tell is are was were be been has have had will would can could should may might "
    "must did does do made makes took takes gave gives went goes came comes saw sees found finds thought knew "
    "got gets left became began begins brought held holds kept led leads met meets paid ran read sent sets "
    "spoke speaks stood won wins lost built bought caught chose drew drove fell flew fought grew heard hit "
    "meant put rose sat shot showed shows sold struck taught threw understood wrote writes wants needs "
    "warns urges claims calls plans"
)
COMMON_VERBS = frozenset(_COMMON_VERBS_TEXT.split())
# Capitalised words that start sentences but rarely follow a noun without punctuation inside one.
_SENTENCE_STARTERS_TEXT = (
    "The A An In On At It He She They We This That These Those But However Meanwhile After Before When While "
    "As If Although Though His Her Their Its Our There Some Many According Since During Despite For With Under "
    "Last Earlier Later Both Each Several Most Officials Speaking Asked"
)
SENTENCE_STARTERS = frozenset(_SENTENCE_STARTERS_TEXT.split())

_WORD = re.compile(r"\w[\w'’-]*")
_TERMINAL = ".!?…:;"
CLOSERS = "\"'”’»)]*"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence: `said.”` does, `… ‘critical infrastructure’` does not."""
    core = text.rstrip().rstrip(CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def normal(text: str) -> str:
    """Lower case, inner whitespace collapsed, surrounding punctuation and bullets stripped (for comparing)."""
    return " ".join(text.lower().split()).strip(" .:;,!?|•·–—-»>›*#")


# --- UI strings ----------------------------------------------------------------------------------------
# Labels of page furniture that scrapers keep as lines of their own. Matched against the whole line only
# (after `normal`), so they can never remove part of a sentence.
UI_STRINGS = frozenset({
    "advertisement", "advertisements", "advertising", "ad", "ads", "sponsored", "sponsored content", "promoted",
    "skip to content", "skip to main content", "skip to navigation", "skip navigation", "jump to content",
    "share", "tweet", "email", "e-mail", "print", "copy link", "link copied", "copied", "save", "bookmark",
    "click to expand", "click here", "click to enlarge", "expand", "collapse", "show more", "show less",
    "load more", "see more", "read more", "continue reading", "read full article", "read the full story",
    "view gallery", "open gallery", "view image", "enlarge", "enlarge image", "enlarge this image",
    "toggle caption", "hide caption", "show caption", "caption", "play", "play video", "watch video", "watch",
    "listen", "listen to this article", "audio", "video", "image", "photo", "loading", "please wait", "close",
    "menu", "search", "back to top", "top", "home", "next", "previous", "next article", "previous article",
    "story continues below", "story continues below advertisement", "article continues below",
    "article continues below advertisement", "continue reading below", "scroll to continue",
    "scroll to continue with content", "report ad", "reuse this content", "opens in new window",
    "external link", "fullscreen", "full screen", "follow us", "follow", "log in", "login", "sign in",
    "register", "cancel", "ok", "accept", "got it", "more", "less", "related", "topics", "tags",
})
_UI_PATTERNS = re.compile(
    r"^(?:\d+\s*(?:min|mins|minute|minutes)\s*(?:read|listen)"  # "4 min read"
    r"|reading time:?\s*\d+.*"  # "Reading time: 3 minutes"
    r"|(?:image|photo|picture|slide|video)\s*\d+\s*(?:of|/)\s*\d+"  # gallery counters "Image 2 of 9"
    r"|(?:updated|published|posted)\s+\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?)\s+ago"
    r"|(?:getty images|afp via getty images|shutterstock|alamy(?: stock photo)?)"  # credit-only lines
    r")$",
    re.IGNORECASE,
)


# Footer copyright lines: "© 2022 Reuters", "Copyright 2022 The Associated Press. All rights reserved.";
# a sentence about copyright law starts with the word but has no year right after it and no rights notice.
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*(?:19|20)\d{2}\b|copyright \S+ (?:19|20)\d{2}\b)"
                        r"|\ball rights reserved\.?$", re.IGNORECASE)
MAX_COPYRIGHT_WORDS = 20


def ui_reason(line: str) -> str | None:
    key = normal(line)
    if key in UI_STRINGS or _UI_PATTERNS.match(key):
        return UI
    if len(words(line)) <= MAX_COPYRIGHT_WORDS and _COPYRIGHT.search(line.strip()):
        return UI
    return None


# --- trailer markers: the start of the related-headline lists that follow an article -------------------
# Whole-line labels only ("Latest World News", "See more …", "More on this story"), in several languages.
# clean.text cuts everything from such a marker when what follows looks like a list of headlines.
TRAILER_MARKER = re.compile(
    r"^(?:(?:latest|top|more|breaking|trending|popular|most (?:read|popular|viewed|shared|watched))\b[\w ’'&-]{0,30}"
    r"\b(?:news|stories|headlines|articles|videos|reads?)"
    r"|see (?:more|all)\b.{0,40}|more (?:on|from|about|in)\b.{0,40}|more stories|other stories|in other news"
    r"|read more|read next|related|related (?:articles?|stories|story|content|news|coverage|topics|links|reading)"
    r"|recommended(?: for you| stories| articles| reading)?|you (?:may|might) (?:also )?(?:like|be interested in)"
    r"|further reading|also (?:read|see)|what to read next|(?:from )?around the web|editor'?s picks?"
    r"|most read|top stories|trending now|don'?t miss|must read|popular now"
    r"|читайте (?:також|также|ще|еще)|схожі новини|похожие новости|новини по темі|lesen sie auch|mehr zum thema"
    r"|(?:à )?lire aussi|sur le même sujet|leer (?:más|también)|noticias relacionadas|te puede interesar"
    r"|leia (?:também|mais)|leggi anche|potrebbe interessarti|czytaj (?:też|także)"
    r")$",
    re.IGNORECASE,
)
# A single related link inside the body: "Read more: Russia says …", "Related: …", "See also: …".
RELATED_LINK = re.compile(
    r"^(?:read more|read also|also read|see also|related(?: story| article| content)?|recommended|more on this"
    r"|читайте (?:також|также)|lesen sie auch|(?:à )?lire aussi|leer también|leia também|leggi anche)"
    r"\s*[:|»>›–—-]\s*\S.{0,200}$",
    re.IGNORECASE,
)


def is_trailer_marker(line: str) -> bool:
    return len(words(line)) <= MAX_LABEL_WORDS and bool(TRAILER_MARKER.match(normal(line)))


# --- prompts -------------------------------------------------------------------------------------------
# Newsletter boxes: a call to action together with what is offered, addressed to the reader. Requiring both
# keeps "People can sign up for the vaccine from Monday." (no newsletter, no inbox) in the article.
_CTA = re.compile(
    r"\b(?:sign[ -]?up|subscribe|register|join|get|stay on top of|don'?t miss|never miss|підпиш\w*|"
    r"подпиш\w*|abonnieren|abonnez-vous|s'abonner|suscr[ií]b\w*|inscreva-se|iscriviti)\b",
    re.IGNORECASE,
)
_OFFER = re.compile(
    r"\b(?:newsletters?|digests?|inbox|mailing list|(?:news|e-?mail|push) (?:alerts|updates)|latest (?:news|headlines)"
    r"|розсилк\w*|рассылк\w*)",
    re.IGNORECASE,
)
_READER = re.compile(r"\b(?:our|your|here)\b", re.IGNORECASE)
_CAPS_CTA = re.compile(r"(?:SIGN ?UP|SUBSCRIBE|REGISTER)(?: (?:HERE|NOW|FOR FREE|TODAY))?")
# The heading of a newsletter box: "News Digests", "Our newsletters", "Morning Briefing newsletter".
_NEWSLETTER_HEADING = re.compile(r"^(?:[\w'’-]+ ){0,3}(?:newsletters?|digests?)$", re.IGNORECASE)


def newsletter_reason(line: str) -> str | None:
    n = len(words(line))
    if n <= 4 and _NEWSLETTER_HEADING.match(normal(line)):
        return NEWSLETTER
    if n > MAX_PROMPT_WORDS:
        return None
    if _CAPS_CTA.search(line):  # an all-capitals button label glued to or beside the pitch
        return NEWSLETTER
    cta = _CTA.search(line)
    if cta and _OFFER.search(line) and (cta.start() == 0 or _READER.search(line)):
        return NEWSLETTER
    return None


# Cookie banners speak as the site ("this website uses cookies", "we use cookies") or to the reader
# ("you consent to cookies"); an article *about* cookies does neither.
_COOKIE = re.compile(r"cookie", re.IGNORECASE)
_COOKIE_VOICE = re.compile(
    r"\b(?:this (?:web)?site|our (?:web)?site|we use|uses cookies|you (?:agree|consent|accept)|accept (?:all )?cookies"
    r"|cookie (?:policy|settings|preferences|consent)|by (?:continuing|using) (?:to )?(?:use |browse )?(?:this|our)"
    r"|ce site|nous utilisons|diese (?:web)?seite|diese website|wir verwenden|este sitio|este site|utilizamos"
    r"|questo sito|utilizziamo|цей сайт|ми використовуємо|этот сайт|мы используем|deze website|ten serwis)",
    re.IGNORECASE,
)


def cookie_reason(line: str) -> str | None:
    if len(words(line)) <= MAX_COOKIE_WORDS and _COOKIE.search(line) and _COOKIE_VOICE.search(line):
        return COOKIE
    return None


# Feedback widgets in any language: a label, usually ending with a colon or a question mark.
_FEEDBACK = re.compile(
    r"^(?:your feedback|feedback|send (?:us )?(?:your )?feedback|give (?:us )?feedback|leave feedback"
    r"|was this (?:article|story|page|information|content) (?:helpful|useful)|did you (?:find|like) this.*"
    r"|rate this (?:article|story)|how (?:would you rate|satisfied).*|report (?:an? )?(?:error|typo|mistake)"
    r"|(?:spotted|found|see) (?:an? )?(?:error|typo|mistake).*|ваш відгук|ваш отзыв|ваше мнение|ваша думка"
    r"|відгук|отзыв|votre avis|ihr feedback|ihre meinung|tu opini[oó]n|su opini[oó]n|sua opini[aã]o"
    r"|la tua opinione|twoja opinia|uw mening)$",
    re.IGNORECASE,
)
# Comment widgets: "Leave a comment", "Comments (12)", "Join the conversation", "Have your say".
_COMMENT = re.compile(
    r"^(?:(?:leave|post|add|write) a (?:comment|reply)|\d*\s*comments?(?:\s*\(\d+\))?|show comments|view comments"
    r"|comments are closed|be the first to comment|join the (?:conversation|discussion|debate)|have your say"
    r"|коментар\w*|комментари\w*|kommentare?|commentaires?|comentarios?|commenti)$",
    re.IGNORECASE,
)
# Share bars: "Share this article", "Share on Facebook", or a row of network names.
# Only those word shapes, so that "Share the burden, the minister urged." stays.
_NETWORKS = (r"(?:facebook|twitter|x|whatsapp|linkedin|pinterest|reddit|telegram|messenger|email|e-mail|print"
             r"|copy link|flipboard|viber|social media)")
_SHARE = re.compile(
    rf"^(?:share(?= )(?: this)?(?: (?:article|story|page|post|video|link))?(?: (?:on|via|to|with) {_NETWORKS})?"
    rf"|(?:{_NETWORKS}\s*[|·•,/]?\s*){{2,}})$",
    re.IGNORECASE,
)


def prompt_reason(line: str) -> str | None:
    """Newsletter, cookie, feedback, comment and share prompts, and lone UI strings."""
    key = normal(line)
    n = len(words(line))
    if n <= MAX_LABEL_WORDS:
        if _FEEDBACK.match(key):
            return FEEDBACK
        if _COMMENT.match(key):
            return COMMENT
        if _SHARE.match(key):
            return SHARE
    if RELATED_LINK.match(line.strip()) and not ends_sentence(line):
        return RELATED
    return ui_reason(line) or newsletter_reason(line) or cookie_reason(line)


# --- captions and credits ------------------------------------------------------------------------------
# "… trampled on’. Photograph: AFP/Getty", "Ukraine Tensions. Picture: PA", "Image: Getty Images": a credit
# label and a short credit at the end of the line (or a label at its start).
_CREDIT_LABEL = (r"(?:photograph|photo|picture|pic|image|illustration|graphic|photo ?credit|image ?credit"
                 r"|credit|foto|фото)s?")
_CREDIT_TAIL = re.compile(rf"(?:^|[.!?’'\"”)]\s+|\s[|–—-]\s|\s)\(?{_CREDIT_LABEL}\s*:\s*(?P<credit>[^.:!?]+)\)?$",
                          re.IGNORECASE)
_CREDIT_JOINERS = frozenset({"via", "for", "and", "by", "the", "of", "de", "von", "van", "der", "la", "le"})
# A line opening with a photo label is a caption ("Photo: A man walks past …"); "Credit:" opens one only
# when a credit follows (a finance article may have a "Credit: …" subheading).
_PHOTO_HEAD = re.compile(r"^(?:photograph|photo|picture|pic|image|illustration|foto|фото)s?\s*:\s*\S", re.IGNORECASE)
_CREDIT_HEAD = re.compile(r"^(?:photo ?|image ?)?credits?\s*:\s*(?P<credit>.+)$", re.IGNORECASE)
# "(Efrem Lukatsky/AP)", "(Sputnik, Kremlin Pool Photo/AP)", "(Photo by Jane Doe/Getty Images)": a closing
# parenthesis holding a photographer/agency slash credit, or a "photo by" credit, with nothing after it. The
# part after the slash must look like an agency (capitals such as AP, or a word such as "Images", "Wire"),
# so that "(BBC Two/Channel 4)" in a list of TV shows is not taken for a credit.
_AGENCY = (r"(?:[A-Z]{2,6}(?:-[A-Z]{2,6})?|(?:[A-Z][\w'’-]+ ){0,2}(?:Images|Photos?|Pictures|Press|Wire|Getty|Reuters"
           r"|Bloomberg|Shutterstock|Alamy|Xinhua|Sputnik|Anadolu|NurPhoto|LightRocket|Features|Handout|Pool|Agency"
           r"|File|Media|News))")
_PAREN_CREDIT = re.compile(
    rf"\((?:[^()]*\b[A-Z][\w.'’-]*\s?/\s?{_AGENCY}(?:\s?/\s?{_AGENCY})?|(?i:photo|picture|image)s?\s*(?i:by|:|credit)[^()]*)\)$"
)
# Reuters-style: "A man walks past a mural in Kyiv. REUTERS/Gleb Garanich/File Photo".
_AGENCY_SLASH = re.compile(r"\b(?:REUTERS|AFP|EPA|AP|ANP|EFE|XINHUA|SPUTNIK)/[A-Z][\w.'’ -]{1,40}(?:/[\w ]{1,20})?$")


def _is_credit(text: str) -> bool:
    """Names of photographers and agencies: "AFP/Getty", "Sean Gallup/Getty Images", "Jane Doe for The Times".
    Not "what Russia wants" (as in a heading "The big picture: what Russia wants")."""
    tokens = words(text)
    return 0 < len(tokens) <= MAX_CREDIT_WORDS and all(
        t[0].isupper() or t[0].isdigit() or t.lower() in _CREDIT_JOINERS for t in tokens)


def caption_reason(line: str) -> str | None:
    text = line.strip()
    if len(words(text)) > MAX_CAPTION_WORDS:
        return None
    tail = _CREDIT_TAIL.search(text)
    if tail and _is_credit(tail.group("credit")):
        return CAPTION
    head = _CREDIT_HEAD.match(text)
    if head and _is_credit(head.group("credit")):
        return CAPTION
    if _PHOTO_HEAD.match(text) or _PAREN_CREDIT.search(text) or _AGENCY_SLASH.search(text):
        return CAPTION
    return None


def is_image_title(line: str) -> bool:
    """A short tag without sentence punctuation, as image titles above captions are."""
    n = len(words(line))
    return 0 < n <= MAX_IMAGE_TITLE_WORDS and not ends_sentence(line) and not line.strip().endswith(",")


# --- bylines -------------------------------------------------------------------------------------------
_BYLINE = re.compile(r"^(?:by|par|von|por|door|di)\s+(?P<name>\S.*)$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w.'’-]*|[A-Z]\.|&|,)$")
_NAME_JOINERS = frozenset({"and", "in", "for", "of", "de", "van", "von", "der", "da", "del", "la", "le", "with",
                           "the", "und", "et", "y", "e", "i", "и", "і"})
_NOT_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "christmas", "easter"})


def byline_name(line: str) -> str | None:
    """`By Press Association` -> "Press Association"; `By the end of the week` -> None."""
    match = _BYLINE.match(line.strip())
    if not match or ends_sentence(line):
        return None
    name = match.group("name").strip(" ,|-–—")
    tokens = name.replace(",", " , ").split()
    if not tokens or len(words(name)) > MAX_BYLINE_WORDS or tokens[0].lower() in _NOT_NAMES:
        return None
    if tokens[0].lower() == "the":
        tokens = tokens[1:]
    if not tokens or not _NAME_TOKEN.match(tokens[0]) or tokens[0] in {"&", ","}:
        return None
    if all(_NAME_TOKEN.match(t) or t.lower() in _NAME_JOINERS for t in tokens):
        return name
    return None


# --- datelines -----------------------------------------------------------------------------------------
# A line that is nothing but a date (with a time, a zone, a weekday and a "Published:" label at most) is
# metadata, never prose. Tokens are checked one by one, so "Election 2022" or "14 killed" never pass.
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
           "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAYS = "mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_ZONES = "gmt|utc|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ct|msk|ist|aest|aedt|jst|kst|hkt|sgt|z"
_MONTH_TOKEN = re.compile(rf"^(?:{_MONTHS})\.?$")
# Month names (stems) of the other languages news arrives in: French, German, Spanish, Italian, Portuguese,
# Dutch, Ukrainian, Russian, Polish. Listed rather than guessed, because asking dateparser about an unknown
# word tries every language it knows and takes seconds.
_FOREIGN_MONTH_TOKEN = re.compile(
    r"^(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|d[ée]c|januar|februar|m[äa]rz|juni|juli|okt|dez|enero"
    r"|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio"
    r"|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho"
    r"|setembro|outubro|novembro|dezembro|januari|februari|maart|mei|augustus|oktober|січ|лют|берез|квіт|трав"
    r"|черв|лип|серп|верес|жовт|листоп|груд|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр"
    r"|ноябр|декабр|stycz|lut|marc|kwie|maj|czerw|lip|sierp|wrze[sś]|pa[zź]dz|listop|grud)[^\W\d]{0,7}\.?$"
)
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}$")
_DAY_TOKEN = re.compile(r"^\d{1,2}(?:st|nd|rd|th|\.)?$")
_FULL_DATE_TOKEN = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}"
                              r"|(?:19|20)\d{2}-\d{2}-\d{2}(?:t[\d:.]+(?:z|[+-][\d:]+)?)?)$")
_OTHER_TOKEN = re.compile(
    rf"^(?:(?:{_WEEKDAYS})\.?|\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?(?:am|pm)?|a\.?m\.?|p\.?m\.?|{_ZONES}"
    r"|[+-]\d{2}:?\d{2}|utc[+-]\d{1,2}|at|on|the|of|published|updated|posted|modified|last|first|date|dated"
    r"|le|el|de|del|der|den|am|um|à|a|o|в|о|у|р\.?|г\.?"
    r"|[|·•/–—-])$"
)
_DATE_LABEL = re.compile(
    r"^(?:(?:first|last)\s+)?(?:published|updated|posted|modified|dated?)(?:\s+(?:on|at))?\s*:?\s*", re.IGNORECASE
)
_LABEL_COLON = re.compile(r"(?<=[^\W\d]):|:(?!\d)")  # "Published:" but not "19:24"
_DATE_SPLIT = re.compile(r"[\s,]+")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE_SEGMENTS = re.compile(r"\s+[|·•]\s+|\s+(?=(?:last\s+)?updated\b)", re.IGNORECASE)


def is_dateline(line: str) -> bool:
    tokens = _DATE_SPLIT.split(_LABEL_COLON.sub(" ", line.lower()).strip())
    if not tokens or len(tokens) > MAX_DATELINE_TOKENS:
        return False
    year = month = day = False
    for token in tokens:
        if _FULL_DATE_TOKEN.match(token):
            year = month = day = True
        elif _YEAR_TOKEN.match(token):
            year = True
        elif _MONTH_TOKEN.match(token) or _FOREIGN_MONTH_TOKEN.match(token):
            month = True
        elif _DAY_TOKEN.match(token):
            day = True
        elif not _OTHER_TOKEN.match(token):
            return False
    return year and month and day


def dateline_date(line: str) -> str:
    """The date part of a dateline, labels and later "Updated …" parts dropped: what normalise_date reads."""
    segments = [_DATE_LABEL.sub("", part).strip() for part in _DATE_SEGMENTS.split(line.strip())]
    return next((part for part in segments if _YEAR.search(part)), segments[0])


def has_date_label(line: str) -> bool:
    """"Published: …", "Updated …": a dateline that says it is one (trusted anywhere in the text)."""
    return _DATE_LABEL.match(line.strip()) is not None
