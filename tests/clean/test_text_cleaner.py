"""clean.text.clean_text: one test per rule, each with a small input whose expected result says why.

Snippets marked "seed" are short quotes from the project's bundled sample articles; the rest is made up.
"""

from __future__ import annotations

import pytest

from storyline.clean import rules
from storyline.clean.text import clean_text, split_glued_heading

BODY = ("Russian president Vladimir Putin has said the United States and Nato have failed to address the "
        "Kremlin's key security concerns.")
BODY2 = ("Western leaders have pledged to impose deeply damaging sanctions on Russia if it launches a new "
         "assault on Ukraine, and are discussing ways to mitigate the damage.")
BODY3 = "He also criticised the US and Britain for removing some staff from their embassies in Kyiv."
LEAD = "The Kremlin has signalled that it is ready to keep talking with the West about security grievances."


def reasons(text: str, **kwargs: bool) -> dict[str, str]:
    """Removed text -> rule name."""
    return {r.text: r.reason for r in clean_text(text, **kwargs).removed}


def paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)


# --- output shape ----------------------------------------------------------------------------------------

def test_paragraphs_are_separated_by_one_blank_line_and_lines_inside_are_kept() -> None:
    text = f"\n\n  {BODY}  \r\n\r\n\r\n\r\n{BODY2}\nsecond line of the same paragraph.\n\n\n"
    result = clean_text(text, find_header=False)
    assert result.text == f"{BODY}\n\n{BODY2}\nsecond line of the same paragraph."
    assert result.removed == ()


def test_text_with_one_paragraph_per_line_gets_blank_lines_between_paragraphs() -> None:
    # trafilatura's output has no blank lines: every line is a paragraph of its own.
    result = clean_text(f"{BODY}\n{BODY2}\n{BODY3}", find_header=False)
    assert result.text == paragraphs(BODY, BODY2, BODY3)


def test_empty_and_blank_input() -> None:
    assert clean_text("").text == ""
    assert clean_text(" \n\n \t\n").text == ""


# --- trailer: related headlines ----------------------------------------------------------------------------

def test_related_headlines_after_a_trailer_marker_are_cut() -> None:
    text = paragraphs(BODY, BODY2, "Latest World News", "See more Latest World News",
                      "Two Brits killed after crash with speedboat on Spanish dual carriageway",  # seed
                      "120 missiles and 90 drones were launched at Ukraine on Sunday.",
                      "Xi tells Biden that China is ready to work with Trump")
    result = clean_text(text, find_header=False)
    assert result.text == paragraphs(BODY, BODY2)
    assert {r.reason for r in result.removed} == {rules.RELATED}
    assert len(result.removed) == 5


def test_a_marker_followed_by_article_prose_goes_alone() -> None:
    # "Read more" above the rest of the article is a stray link label, not the start of a headline list.
    result = clean_text(paragraphs(BODY, "Read more", BODY2, BODY3), find_header=False)
    assert result.text == paragraphs(BODY, BODY2, BODY3)
    assert reasons(paragraphs(BODY, "Read more", BODY2, BODY3), find_header=False) == {"Read more": rules.UI}


def test_a_link_box_inside_the_article_is_removed_and_the_prose_after_it_kept() -> None:
    text = paragraphs(BODY, "DON'T MISS", "Kremlin hits back at Paris over sanctions jibe [INSIGHT]",
                      "Gas prices: EU makes final decision on cap [VIDEO]", BODY2, BODY3)
    result = clean_text(text, find_header=False)
    assert result.text == paragraphs(BODY, BODY2, BODY3)
    assert {r.reason for r in result.removed} == {rules.RELATED}


def test_a_single_related_link_line_is_removed() -> None:
    text = paragraphs(BODY, "Related: Ten Maps That Explain the Black Sea", BODY2)
    assert reasons(text, find_header=False) == {"Related: Ten Maps That Explain the Black Sea": rules.RELATED}


def test_a_late_byline_moves_to_metadata_and_the_list_after_it_is_cut() -> None:
    # seed 002/003: "By Press Association" then a list of unrelated headlines and captions.
    text = paragraphs(BODY, BODY2, "By Press Association", "Parisians walk by the bakery in Paris",
                      "Paris crowns new king of the crusty baguette", "French protesters",
                      "Students resume protests at Paris university")
    result = clean_text(text, find_header=False)
    assert result.text == paragraphs(BODY, BODY2)
    assert result.byline == "Press Association"
    assert reasons(text, find_header=False)["By Press Association"] == rules.BYLINE


def test_a_byline_at_the_very_end_moves_to_metadata() -> None:
    result = clean_text(paragraphs(BODY, BODY2, "By Jane Doe, Reuters"), find_header=False)
    assert (result.text, result.byline) == (paragraphs(BODY, BODY2), "Jane Doe, Reuters")


def test_a_late_byline_followed_by_prose_cuts_nothing() -> None:
    text = paragraphs(BODY, "By Jane Doe", BODY2, BODY3)
    assert BODY2 in clean_text(text, find_header=False).text
    assert BODY3 in clean_text(text, find_header=False).text


@pytest.mark.parametrize("line", ["By the end of the week, talks had stalled", "By Monday troops had moved",
                                  "By 2030 the pipeline will carry gas"])
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert rules.byline_name(line) is None


# --- prompts -----------------------------------------------------------------------------------------

def test_newsletter_box_and_its_heading_are_removed() -> None:
    text = paragraphs(BODY, "News Digests", "Stay on top of the latest newsSIGN UP HERE")  # seed 000
    result = clean_text(text, find_header=False)
    assert result.text == BODY
    assert {r.reason for r in result.removed} == {rules.NEWSLETTER}


def test_sentences_about_signing_up_or_newsletters_are_kept() -> None:
    prose = paragraphs("People can sign up for the vaccine from Monday.",
                       "The newsletter urged readers to subscribe before the vote.", BODY)
    assert clean_text(prose, find_header=False).text == prose


def test_cookie_notice_is_removed_but_an_article_about_cookies_is_kept() -> None:
    banner = ("This website uses cookies to improve your experience. We'll assume you're ok with this, but you "
              "can opt-out if you wish. Accept Read More")  # seed 004
    about = "Regulators say websites that use cookies must ask for consent before tracking visitors."
    result = clean_text(paragraphs(about, BODY, banner), find_header=False)
    assert result.text == paragraphs(about, BODY)
    assert reasons(paragraphs(about, BODY, banner), find_header=False) == {banner: rules.COOKIE}


@pytest.mark.parametrize("prompt", ["ваш відгук:", "Was this article helpful?", "Your feedback", "Votre avis"])
def test_feedback_prompts_in_any_language_are_removed(prompt: str) -> None:
    assert reasons(paragraphs(BODY, prompt), find_header=False) == {prompt: rules.FEEDBACK}


@pytest.mark.parametrize("prompt", ["Leave a comment", "12 Comments", "Join the conversation", "Comments are closed."])
def test_comment_prompts_are_removed(prompt: str) -> None:
    assert reasons(paragraphs(BODY, prompt, BODY2), find_header=False) == {prompt: rules.COMMENT}


@pytest.mark.parametrize("prompt", ["Share this article", "Share on Facebook", "Facebook Twitter WhatsApp Email"])
def test_share_prompts_are_removed(prompt: str) -> None:
    assert reasons(paragraphs(BODY, prompt, BODY2), find_header=False) == {prompt: rules.SHARE}


@pytest.mark.parametrize("label", ["Advertisement", "Skip to content", "Share", "Click to expand", "4 min read",
                                   "Story continues below advertisement", "© 2022 Reuters",
                                   "Copyright 2022 The Associated Press. All rights reserved."])
def test_ui_strings_on_their_own_line_are_removed(label: str) -> None:
    assert reasons(paragraphs(BODY, label, BODY2), find_header=False) == {label: rules.UI}


@pytest.mark.parametrize("prose", [
    "Click to expand the map, the ministry told users, and share it with advertisement agencies.",
    "Copyright law changes in 2019 were announced.",
    "Share the burden, the minister urged.",
    "The copyright owner said all rights reserved to the estate were sold last year.",
])
def test_ui_words_inside_sentences_are_kept(prose: str) -> None:
    assert clean_text(paragraphs(BODY, prose), find_header=False).text == paragraphs(BODY, prose)


def test_a_heading_left_above_a_removed_prompt_at_the_end_goes_with_it() -> None:
    text = paragraphs(BODY, "Before you go", "Sign up to our free newsletter here")
    assert reasons(text, find_header=False) == {"Before you go": rules.NEWSLETTER,
                                                "Sign up to our free newsletter here": rules.NEWSLETTER}


def test_a_credit_line_above_a_removed_prompt_is_kept() -> None:
    text = paragraphs(BODY, "Reporting by Jane Doe", "Leave a comment")
    assert clean_text(text, find_header=False).text == paragraphs(BODY, "Reporting by Jane Doe")


# --- captions, credits, image titles -----------------------------------------------------------------------

@pytest.mark.parametrize("caption", [
    "Russian foreign minister Sergei Lavrov has said Russia will not let its interests be trampled on. "
    "Photograph: AFP/Getty",  # seed 000
    "Ukraine Tensions. Picture: PA",  # seed 002
    "Vladimir Putin (Alexei Nikolsky, Sputnik, Kremlin/AP)",  # seed 002
    "Antony Blinken (Brendan Smialowski/AP)",  # seed 003
    "Troops at a checkpoint near Kharkiv. Credit: Reuters",
    "Image: Getty Images",
    "A man walks past a mural in Kyiv. REUTERS/Gleb Garanich",
    "Soldiers unload crates at the airport (Photo by Jane Doe/Getty Images)",
    "Soldiers unload crates at the airport (Photo by Jane Doe)",
])
def test_photo_captions_and_credits_are_removed(caption: str) -> None:
    assert reasons(paragraphs(BODY, caption, BODY2), find_header=False) == {caption: rules.CAPTION}


@pytest.mark.parametrize("prose", [
    "The photograph, taken by AFP on Friday, shows troops near the border.",
    "Kyiv said the image was a fake, and the agency withdrew it.",
    "Night Watch (Harbour Films, BBC Two/Channel 4)",  # a list item, not a credit
    "Officials in the region (including the governor) denied the report.",
    "The big picture: what Russia wants",  # a heading: "what Russia wants" names no photographer or agency
    "Credit: the central bank said lending rose",  # a subheading of a finance story, not a photo credit
])
def test_lines_mentioning_photos_or_slashes_are_not_captions(prose: str) -> None:
    assert rules.caption_reason(prose) is None


def test_a_caption_repeated_twice_is_removed_both_times() -> None:
    caption = "Sergei Lavrov has said Russia will not be trampled on. Photograph: AFP/Getty"
    result = clean_text(paragraphs(BODY, caption, caption, BODY2), find_header=False)
    assert result.text == paragraphs(BODY, BODY2)
    assert [r.reason for r in result.removed] == [rules.CAPTION, rules.CAPTION]


def test_a_short_title_directly_above_a_caption_is_an_image_title() -> None:
    text = paragraphs(BODY, "Sergei Lavrov\nUkraine Tensions. Picture: PA", BODY2)  # seed 002
    assert reasons(text, find_header=False) == {"Sergei Lavrov": rules.IMAGE_TITLE,
                                                "Ukraine Tensions. Picture: PA": rules.CAPTION}


def test_a_separate_line_repeating_the_caption_subject_is_an_image_title() -> None:
    text = paragraphs(BODY, "Vladimir Putin", "Vladimir Putin (Sputnik, Kremlin Pool Photo/AP)", BODY2)
    assert reasons(text, find_header=False)["Vladimir Putin"] == rules.IMAGE_TITLE


def test_a_heading_above_a_caption_paragraph_stays() -> None:
    # "Troop movement" shares no word with the caption below it: a heading of the article, kept.
    text = paragraphs(BODY, "Troop movement", "Antony Blinken (Brendan Smialowski/AP)", BODY2)
    assert clean_text(text, find_header=False).text == paragraphs(BODY, "Troop movement", BODY2)


# --- repeated lines ------------------------------------------------------------------------------------

def test_a_paragraph_repeated_right_after_itself_is_kept_once() -> None:
    result = clean_text(paragraphs(BODY, BODY, BODY2), find_header=False)
    assert result.text == paragraphs(BODY, BODY2)
    assert [r.reason for r in result.removed] == [rules.REPEATED]


def test_the_headline_repeated_as_the_first_line_is_removed() -> None:
    title = "Kremlin ready for more talks with West over Ukraine tensions"
    result = clean_text(paragraphs(title, title, LEAD, BODY2))
    assert result.title == title
    assert result.text == paragraphs(LEAD, BODY2)
    assert [r.reason for r in result.removed] == [rules.HEADLINE, rules.REPEATED]


def test_the_same_paragraph_further_apart_is_kept_twice() -> None:
    # Only immediate echoes are scraping noise; a quote repeated later in the story is the writer's choice.
    text = paragraphs(BODY, BODY2, BODY)
    assert clean_text(text, find_header=False).text == text


# --- header: headline, dateline, byline, standfirst ----------------------------------------------------------

TITLE = "Kremlin ready for more talks with West over Ukraine tensions"  # seed 002
STANDFIRST = "Countries around Europe are evacuating diplomats and on alert for possible imminent war"  # seed 002


def test_page_header_moves_into_metadata() -> None:
    text = paragraphs(TITLE, "14 February 2022, 19:24", "Sergei Lavrov\nUkraine Tensions. Picture: PA",
                      STANDFIRST, LEAD, BODY2, "By Press Association")
    result = clean_text(text)
    assert (result.title, result.standfirst, result.byline) == (TITLE, STANDFIRST, "Press Association")
    assert (result.dateline, result.published) == ("14 February 2022, 19:24", "2022-02-14T19:24")
    assert result.text == paragraphs(LEAD, BODY2)
    assert [r.reason for r in result.removed] == [rules.HEADLINE, rules.DATELINE, rules.IMAGE_TITLE, rules.CAPTION,
                                                  rules.STANDFIRST, rules.BYLINE]


def test_a_standfirst_without_a_stop_above_the_lead_image_is_found() -> None:
    # seed 000: headline, standfirst, then the lead image's caption (twice).
    caption = "Sergei Lavrov has said Russia will not be trampled on. Photograph: AFP/Getty"
    summary = "Kyiv says invasion warnings overblown and could damage stability and economy"
    result = clean_text(paragraphs(TITLE, summary, caption, caption, BODY, BODY2))
    assert (result.title, result.standfirst) == (TITLE, summary)
    assert result.text == paragraphs(BODY, BODY2)


def test_a_standfirst_written_as_a_sentence_is_found_when_the_body_restates_it() -> None:
    # seed 003: the standfirst is restated, nearly word for word, by the second paragraph.
    summary = ("The US and Nato fear that a build-up of about 100,000 Russian troops near Ukraine show Moscow "
               "plans to invade its ex-Soviet neighbour.")
    restated = ("Tensions have soared as the US and its Nato allies expressed fear that a build-up of about 100,000 "
                "Russian troops near Ukraine signalled Moscow planned to invade its ex-Soviet neighbour.")
    result = clean_text(paragraphs(TITLE, summary, LEAD, restated))
    assert result.standfirst == summary
    assert result.text == paragraphs(LEAD, restated)


def test_a_lead_paragraph_under_the_headline_stays_in_the_text() -> None:
    # seed 004: the paragraph after the headline ends with a stop and is not restated: it is the lead.
    lead = ("On Tuesday, Moscow rejected new talks on Ukraine unless the West responds to its demands, as US "
            "Secretary of State Antony Blinken prepared to fly to Kiev.")
    result = clean_text(paragraphs(TITLE, lead, BODY, BODY2))
    assert (result.title, result.standfirst) == (TITLE, None)
    assert result.text == paragraphs(lead, BODY, BODY2)


def test_a_lead_without_its_stop_and_without_a_page_header_stays_in_the_text() -> None:
    # No dateline, byline or lead image around it and not restated: a lead that lost its full stop.
    lead = "Farmers on the plains are increasingly growing sunflowers rather than wheat this year"
    result = clean_text(paragraphs("Farmers switch to sunflowers", lead, BODY, BODY2))
    assert result.standfirst is None
    assert result.text.startswith(lead)


def test_no_title_is_invented_when_the_text_starts_with_a_sentence() -> None:
    # seed 001: no headline, the first line is the lead sentence.
    first = ("Russian President Vladimir Putin said Friday the United States and NATO have not addressed "
             "Moscow's concerns in its standoff with Ukraine.")
    result = clean_text(paragraphs(first, BODY, BODY2))
    assert (result.title, result.standfirst) == (None, None)
    assert result.text == paragraphs(first, BODY, BODY2)


def test_without_header_detection_a_short_first_line_stays() -> None:
    text = paragraphs("Troop movement", BODY, BODY2)
    result = clean_text(text, find_header=False)
    assert (result.title, result.text) == (None, text)


@pytest.mark.parametrize(("line", "iso"), [
    ("14 February 2022, 19:24", "2022-02-14T19:24"),
    ("Mon 14 Feb 2022 19.24 GMT", "2022-02-14T19:24"),
    ("First published on Mon 14 Feb 2022 19.24 GMT", "2022-02-14T19:24"),
    ("Published: 14/02/2022", "2022-02-14"),
    ("February 14, 2022 7:24 PM ET", "2022-02-14T19:24"),
    ("Updated 15 February 2022", "2022-02-15"),
    ("14. Februar 2022", "2022-02-14"),
    ("Le 14 février 2022", "2022-02-14"),
])
def test_dateline_formats_at_the_top(line: str, iso: str) -> None:
    result = clean_text(paragraphs(TITLE, line, BODY, BODY2))
    assert (result.dateline, result.published) == (line, iso)
    assert result.text == paragraphs(BODY, BODY2)


def test_a_labelled_dateline_anywhere_is_metadata() -> None:
    result = clean_text(paragraphs(BODY, BODY2, "Last updated: 15 February 2022 08:10"), find_header=False)
    assert (result.text, result.published) == (paragraphs(BODY, BODY2), "2022-02-15T08:10")


@pytest.mark.parametrize("line", ["Election 2022", "14 killed in 2022 blast", "Troops: 14,000 in 2022",
                                  "Monday 14 February", "14 maintenance 2022"])
def test_lines_with_numbers_are_not_datelines(line: str) -> None:
    assert not rules.is_dateline(line)


# --- headings glued to the next sentence -------------------------------------------------------------

@pytest.mark.parametrize(("line", "heading"), [
    ("Belarus military exercises The four countries will discuss joint efforts to deter further Russian "
     "aggression, Price said.", "Belarus military exercises"),  # seed 004
    ("Warning from Turkey NATO member Turkey also warned Moscow of invading Ukraine on Tuesday.",
     "Warning from Turkey"),  # seed 004
])
def test_a_heading_glued_to_the_next_sentence_is_split_off(line: str, heading: str) -> None:
    later = "Russia and Belarus began rapid military exercises on Tuesday."
    result = clean_text(paragraphs(BODY, line, later), find_header=False)
    assert result.text == paragraphs(BODY, heading, line[len(heading) + 1:], later)


@pytest.mark.parametrize("sentence", [
    "Russian foreign minister Sergei Lavrov said Russia's foreign policy would not change.",
    "US President Joe Biden told the US Congress that sanctions were ready.",
    "Kremlin spokesman Dmitry Peskov on Tuesday described the shipments as dangerous.",
    "NATO Secretary-General Jens Stoltenberg said NATO was ready to engage.",
    "Secretary of State Antony Blinken said the State Department would stay open.",
    "Danish film The Quiet Harbour looks at life on the Baltic coast.",
    "Irish magazine The Ledger recently compiled a list of the best Irish novels.",
    "Comments from Apple CEO Tim Cook suggested Apple would raise prices.",
    "Many mid-range Asian TV makers already build their sets in Asian factories.",
    "Writing in The Times, the minister said the talks would go on.",
    "Critics panned The Batman when it opened in March.",
])
def test_ordinary_sentences_are_not_split(sentence: str) -> None:
    assert split_glued_heading(sentence, sentence) is None


# --- blocks of lines -----------------------------------------------------------------------------------

def test_a_headline_list_written_one_per_line_inside_a_block_is_cut() -> None:
    # Title, blank line, then paragraphs one per line (no blank lines): the list is seen line by line.
    text = (f"{TITLE}\n\n{LEAD}\n{BODY}\nRead more\nParis crowns new king of the crusty baguette\n"
            "Romanian court orders trial can begin\nHead of Vietnamese parliament resigns")
    result = clean_text(text)
    assert result.text == f"{LEAD}\n{BODY}"
    assert [r.reason for r in result.removed][1:] == [rules.RELATED] * 4


def test_hard_wrapped_prose_is_not_mistaken_for_a_list() -> None:
    # Lines broken at a fixed width end mid-sentence, like headlines, but form one paragraph.
    wrapped = ("Russian president Vladimir Putin has said the United States and\n"
               "Nato have failed to address the Kremlin's key security concerns, as\n"
               "his Ukrainian counterpart urged western allies not to sow panic over\n"
               "Moscow's show of military force near his country's borders.")
    text = paragraphs(BODY, "Read more", wrapped, BODY2)
    assert clean_text(text, find_header=False).text == paragraphs(BODY, wrapped, BODY2)


def test_a_title_case_headline_may_end_with_a_stop() -> None:
    title = "Talks Over Gas: Kremlin Was Ready to Deal But Stalled to Avoid Bad Headlines."
    result = clean_text(paragraphs(title, LEAD, BODY))
    assert (result.title, result.text) == (title, paragraphs(LEAD, BODY))


def test_a_glued_heading_inside_a_block_of_one_line_paragraphs_is_split_off() -> None:
    glued = "Warning from Turkey NATO member Turkey also warned Moscow of invading Ukraine on Tuesday."
    result = clean_text(f"{TITLE}\n\n{LEAD}\n{glued}\n{BODY}")
    assert result.text == (f"{LEAD}\n\nWarning from Turkey\n\nNATO member Turkey also warned Moscow of invading "
                           f"Ukraine on Tuesday.\n{BODY}")


def test_a_byline_and_a_dateline_on_one_line_are_both_found() -> None:
    result = clean_text(paragraphs(TITLE, "By Jane Doe | Published 14 February 2022", LEAD, BODY))
    assert (result.byline, result.published) == ("Jane Doe", "2022-02-14")
    assert result.text == paragraphs(LEAD, BODY)
