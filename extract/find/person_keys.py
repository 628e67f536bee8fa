"""Who a written name refers to: a surname and first initial, honorifics aside, so "Cllr. O.
Williams" and "Owen Williams" are one person and "Mr Baker" may be "Mr M Baker"."""

import re
from functools import lru_cache

KEY_HONORIFICS = {"cllr", "cllrs", "councillor", "councillors", "mr", "mrs", "ms", "miss", "dr", "sir", "dame",
                  "rev", "revd", "prof", "county", "borough", "cc", "obe", "mbe", "cbe", "the", "director",
                  "councilmember", "member", "board", "chair", "mayor", "vice", "deputy", "commissioner", "trustee",
                  "supervisor"}


@lru_cache(maxsize=8192)  # the writer asks it of every listed member for each of hundreds of named votes
def person_key(name: str) -> tuple[str, str]:
    """'Cllr. O. Williams' / 'Owen Williams' → ('williams', 'o'); a bare surname has no initial;
    Irish minutes' 'Collins (M)' (the initial that tells namesakes apart) → ('collins', 'm')."""
    initial = re.search(r"\(([A-Z])\)", name)
    name = re.sub(r"\([^)]*\)", " ", name)
    parts = [w for w in re.findall(r"[A-Za-z'’-]+", name) if w.lower().strip(".") not in KEY_HONORIFICS]
    if not parts:
        return ("", "")
    first = initial.group(1).lower() if initial else parts[0][0].lower() if len(parts) > 1 else ""
    return (parts[-1].lower(), first)


def same_person(one: str, other: str) -> bool:
    """Same surname and no conflicting first initial: 'Mr Baker' is 'Mr M Baker', not 'Mrs P Baker'
    when the initials differ."""
    a, b = person_key(one), person_key(other)
    return a[0] == b[0] and (not a[1] or not b[1] or a[1] == b[1])
