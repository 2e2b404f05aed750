"""Gender of common given names, for pronoun resolution ('Emily Horne ... she said').

A small hand list of given names frequent in English-language news (English, and the Slavic, German,
French, Spanish and Arabic names news most often carries), each clearly of one gender; a name not listed,
or used for both (Jordan, Alex, Sasha), has no gender and leaves the pronoun to the other cues.
"""

from __future__ import annotations

from storyline.analyze.names import ascii_fold


def _words(block: str) -> list[str]:
    return block.split()


FEMALE_NAMES = frozenset(_words("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley
kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia kathleen
amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine carolyn
janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan
cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice alice madison doris abigail
julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella charlotte
rose kayla hillary hilary melania ivanka chelsea michelle nancy kamala elizabeth condoleezza madeleine
claire tulsi elise nikki sarah kellyanne huma donna jill tina tammy dianne susan lisa patty maxine ayanna ilhan
angela ursula theresa annalena christine marine ségolène segolene anne liz priti nicola kirsty yulia oksana olena
iryna maria natalia natalya tatiana tatyana svetlana elena yelena olga irina ekaterina yekaterina anastasia
valentina lyudmila ludmila galina nadezhda marina veronika viktoria alina daria darya kateryna lesya larysa
margarita ksenia kseniya inna zhanna fatima aisha leila layla mariam maryam nour yasmin jacinda sanna mette
kaja ingrid giorgia marta carmen lucia sofia isabel beatriz camila gabriela adriana veronica rakeyia melanie
gwen marcia leslie megan jen jenna jane jenny kate katie kathy cathy meghan meryl oprah serena venus beyonce
"""))
MALE_NAMES = frozenset(_words("""
james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond patrick
jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith
christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe billy bruce albert
willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny
barack mitt mike bill bernie ted marco jeb rand chris newt rudy reince paul mitch harry chuck tim jim tom
dick al vladimir sergei sergey dmitry dmitri dmitriy volodymyr vladimir oleksiy alexei aleksei alexey
oleksandr aleksandr alexander andriy andrei andrey mykhailo mikhail viktor victor yuri yuriy igor ihor ivan
nikolai mykola pavel pavlo petro petr pyotr anatoly anatoliy vitaly vitaliy vitali vitalii maxim maksym denys denis
roman ruslan taras bohdan boris gennady konstantin kostiantyn valery valeriy yevgeny evgeny ramzan arseniy arseny
leonid emmanuel olaf boris keir rishi jens josep charles pierre francois françois jacques nicolas
mario matteo giuseppe pedro pablo carlos luis jorge miguel antonio recep tayyip mohammed muhammad mohammad ahmed
ali hassan hussein omar abdullah khalid ibrahim mahmoud benjamin naftali yair shinzo fumio
narendra imran justin malcolm scott kevin jair lula andres andrés
""")) - FEMALE_NAMES


def name_gender(given: str) -> str | None:
    """'m', 'f' or None for a given name."""
    key = ascii_fold(given).strip(".")
    if key in FEMALE_NAMES and key not in MALE_NAMES:
        return "f"
    if key in MALE_NAMES:
        return "m"
    return None
