"""Vehicle identification numbers (49 CFR 565, ISO 3779): checking one, and reading its model year.
What the rest of a VIN says comes from NHTSA's data (``platform_data.vpic.decode``).

A VIN identifies one person's vehicle: never log it, and pass it in query strings, not URL paths
(the request log keeps paths only; ``motovault.logs`` also blanks VIN-shaped text in messages)."""

import string

LENGTH = 17
# Every character but I, O and Q (too easily read as 1 and 0).
ALPHABET = frozenset(string.digits + string.ascii_uppercase) - set("IOQ")
TRANSLITERATION = {
    **{digit: int(digit) for digit in string.digits},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# The 10th character counts model years in a 30-year cycle (no I, O, Q, U, Z or 0).
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"

# The first character of a WMI says where the maker is: 1-5 is North America, where the check
# digit (49 CFR 565) is the law. Elsewhere (ISO 3779) the 9th character is the maker's own.
NORTH_AMERICA = frozenset("12345")


def normalize_vin(vin: str) -> str:
    """As people type them: spaces around, lower case."""
    return vin.strip().upper()


def vin_errors(vin: str) -> list[str]:
    """What is wrong with a VIN, in words a person can act on (each names its position); empty
    when it is valid. The check digit counts only for a North American VIN."""
    vin = normalize_vin(vin)
    if not vin:
        return ["Enter a VIN."]
    errors = []
    if len(vin) != LENGTH:
        errors.append(f"A VIN has {LENGTH} characters; this one has {len(vin)}.")
    for position, char in enumerate(vin, start=1):
        if char in "IOQ":
            errors.append(f"A VIN never contains I, O or Q (they read as 1 and 0): {char} at position {position}.")
        elif char not in ALPHABET:
            errors.append(f"A VIN has only letters and digits: {char!r} at position {position}.")
    if not errors and has_check_digit(vin):
        expected = check_digit(vin)
        if vin[8] != expected:
            errors.append(
                f"The check digit (position 9) should be {expected}, not {vin[8]}: one of the other characters "
                "is mistyped."
            )
    return errors


def has_check_digit(vin: str) -> bool:
    """A North American VIN (its maker's code starts with 1 to 5) must carry a check digit."""
    return vin[:1] in NORTH_AMERICA


def check_digit(vin: str) -> str:
    """The 9th character a VIN must have (17 characters of the VIN alphabet)."""
    remainder = sum(TRANSLITERATION[char] * weight for char, weight in zip(vin, WEIGHTS, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def with_model_year(vin: str, year: int) -> str:
    """The VIN with the 10th character for ``year`` and the check digit to match."""
    vin = f"{vin[:9]}{YEAR_CODES[(year - 1980) % 30]}{vin[10:]}"
    return f"{vin[:8]}{check_digit(vin)}{vin[9:]}"
