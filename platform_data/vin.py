"""Vehicle identification numbers (49 CFR 565): checking one, and reading its model year and maker.

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

# World manufacturer identifiers (the first three characters) of common makes, spelled as the
# EPA data spells them. Two-character entries cover a maker's whole range of WMIs.
MAKE_BY_WMI = {
    "1HG": "Honda", "2HG": "Honda", "5FN": "Honda", "5J6": "Honda", "JHM": "Honda", "JHL": "Honda",
    "19U": "Acura", "JH4": "Acura", "2HN": "Acura", "5J8": "Acura",
    "1FA": "Ford", "1FM": "Ford", "1FT": "Ford", "2FA": "Ford", "2FM": "Ford", "2FT": "Ford", "3FA": "Ford",
    "1LN": "Lincoln", "5LM": "Lincoln", "1ME": "Mercury", "2ME": "Mercury",
    "1G1": "Chevrolet", "2G1": "Chevrolet", "3G1": "Chevrolet", "1GC": "Chevrolet", "1GN": "Chevrolet",
    "1GT": "GMC", "1GK": "GMC", "1G4": "Buick", "2G4": "Buick", "1G6": "Cadillac", "1GY": "Cadillac",
    "1G2": "Pontiac", "2G2": "Pontiac", "1G3": "Oldsmobile", "1G8": "Saturn",
    "1C3": "Chrysler", "2C3": "Chrysler", "1B3": "Dodge", "2B3": "Dodge", "1J4": "Jeep", "1J8": "Jeep",
    "JT": "Toyota", "4T1": "Toyota", "5TD": "Toyota", "5TF": "Toyota", "2T1": "Toyota",
    "JTH": "Lexus", "JTJ": "Lexus", "2T2": "Lexus",
    "1N4": "Nissan", "1N6": "Nissan", "3N1": "Nissan", "5N1": "Nissan", "JN1": "Nissan", "JN8": "Nissan",
    "JNK": "Infiniti", "5N3": "Infiniti",
    "JM1": "Mazda", "JM3": "Mazda", "1YV": "Mazda",
    "JF1": "Subaru", "JF2": "Subaru", "4S3": "Subaru", "4S4": "Subaru",
    "JA3": "Mitsubishi", "JA4": "Mitsubishi", "4A3": "Mitsubishi",
    "KMH": "Hyundai", "KM8": "Hyundai", "5NP": "Hyundai", "KNA": "Kia", "KND": "Kia", "5XY": "Kia",
    "WBA": "BMW", "WBS": "BMW", "4US": "BMW", "5UX": "BMW", "WMW": "MINI",
    "WDB": "Mercedes-Benz", "WDD": "Mercedes-Benz", "WDC": "Mercedes-Benz", "4JG": "Mercedes-Benz",
    "WVW": "Volkswagen", "WVG": "Volkswagen", "3VW": "Volkswagen", "1VW": "Volkswagen",
    "WAU": "Audi", "WA1": "Audi", "WP0": "Porsche", "WP1": "Porsche",
    "YV1": "Volvo", "YV4": "Volvo", "YS3": "Saab", "SAJ": "Jaguar", "SAL": "Land Rover",
    "ZFF": "Ferrari", "ZAR": "Alfa Romeo", "ZFA": "Fiat", "5YJ": "Tesla",
}  # fmt: skip


def normalize_vin(vin: str) -> str:
    """As people type them: spaces around, lower case."""
    return vin.strip().upper()


def vin_errors(vin: str) -> list[str]:
    """What is wrong with a VIN, in words a person can act on; empty when it is valid."""
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
    if not errors:
        expected = check_digit(vin)
        if vin[8] != expected:
            errors.append(f"The check digit (9th character) should be {expected}, not {vin[8]}.")
    return errors


def check_digit(vin: str) -> str:
    """The 9th character a VIN must have (17 characters of the VIN alphabet)."""
    remainder = sum(TRANSLITERATION[char] * weight for char, weight in zip(vin, WEIGHTS, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


def decode_vin(vin: str) -> dict:
    """``{"year", "make", "wmi"}`` of a valid VIN; year or make is None when the VIN does not say
    (or the maker is not in ``MAKE_BY_WMI``)."""
    vin = normalize_vin(vin)
    wmi = vin[:3]
    return {"year": model_year(vin), "make": MAKE_BY_WMI.get(wmi) or MAKE_BY_WMI.get(wmi[:2]), "wmi": wmi}


def model_year(vin: str) -> int | None:
    """From the 10th character; the 7th tells the cycle: a letter for 2010-2039, a digit for 1980-2009."""
    code = YEAR_CODES.find(vin[9])
    if code < 0:
        return None
    return (2010 if vin[6].isalpha() else 1980) + code
