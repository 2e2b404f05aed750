"""Line rules for photo captions, photo credits and the image titles above captions."""

from __future__ import annotations

import re

from storyline.clean.reasons import CAPTION
from storyline.clean.words import ends_sentence, word_count, words

# Captions are one or two sentences plus a credit; a 60-word paragraph ending in "(X/AP)" is still a caption.
MAX_CAPTION_WORDS = 60
# A photo credit after "Photograph:" names an agency and maybe a photographer: "Sean Gallup/Getty Images".
MAX_CREDIT_WORDS = 8
# Image titles above a caption are a name or a topic tag ("Sergei Lavrov", "Russia Belarus Military Drills").
MAX_IMAGE_TITLE_WORDS = 8

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
    if word_count(text) > MAX_CAPTION_WORDS:
        return None
    # A credit label needs its colon and an agency credit its slash: looked for before the costly searches.
    tail = _CREDIT_TAIL.search(text) if ":" in text else None
    if tail and _is_credit(tail.group("credit")):
        return CAPTION
    head = _CREDIT_HEAD.match(text)
    if head and _is_credit(head.group("credit")):
        return CAPTION
    if _PHOTO_HEAD.match(text) or _PAREN_CREDIT.search(text) or ("/" in text and _AGENCY_SLASH.search(text)):
        return CAPTION
    return None


def is_image_title(line: str) -> bool:
    """A short tag without sentence punctuation, as image titles above captions are."""
    n = word_count(line)
    return 0 < n <= MAX_IMAGE_TITLE_WORDS and not ends_sentence(line) and not line.strip().endswith(",")

