"""Line rules for page furniture in scraped text: UI strings, copyright lines, trailer markers, related links,
and the newsletter, cookie, feedback, comment and share prompts."""

from __future__ import annotations

import re

from storyline.clean.reasons import COMMENT, COOKIE, FEEDBACK, NEWSLETTER, RELATED, SHARE, UI
from storyline.clean.words import ends_sentence, normal, word_count

# Prompts (newsletter, comments, feedback, sharing) are calls to action of a few words; article sentences
# that happen to use the same words are longer. 25 words covers "Stay on top of the latest news ... SIGN UP".
MAX_PROMPT_WORDS = 25
# Cookie banners run to two or three sentences; a longer paragraph is more likely an article about cookies.
MAX_COOKIE_WORDS = 80
# Feedback and comment widgets are labels ("Your feedback:", "Leave a comment"), never sentences.
MAX_LABEL_WORDS = 10

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
    if word_count(line) <= MAX_COPYRIGHT_WORDS and _COPYRIGHT.search(line.strip()):
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
    return word_count(line) <= MAX_LABEL_WORDS and bool(TRAILER_MARKER.match(normal(line)))


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
    n = word_count(line)
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
    if word_count(line) <= MAX_COOKIE_WORDS and _COOKIE.search(line) and _COOKIE_VOICE.search(line):
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
    n = word_count(line)
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

