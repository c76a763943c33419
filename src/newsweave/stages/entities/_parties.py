"""Political parties named by what their members are called, or by a short name.

"The Republicans", "Democratic leaders" and "the GOP" name parties, which the NER tags as
peoples (NORP) or, for a short name, as an organisation of its own. The tables hold names,
not any story's: the short names that parties of English-language news go by, each with the
word its members are called by, and the members' words that name a party rather than a view
("conservative", "socialist", "liberal" name views as often as parties, and stay NORP).
"""

from __future__ import annotations

# A party's short name -> the word its members are called by.
SHORT_NAMES = {
    "GOP": "Republican",
    "Grand Old Party": "Republican",
    "Tories": "Conservative",
    "Tory": "Conservative",
    "Dems": "Democrat",
    "Lib Dems": "Liberal Democrat",
}
# Members' words that name a party: "Republicans", "Democrats", "Democratic leaders".
MEMBER_WORDS = ("Republican", "Democrat", "Democratic")
