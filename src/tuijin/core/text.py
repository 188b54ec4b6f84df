"""Small text clean-ups shared by every parser: full-width forms, stray spaces."""

import unicodedata

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")


def to_halfwidth(text: str) -> str:
    """Full-width digits and signs to ASCII; NFKC also folds the ideographic space."""
    if text.isascii():  # NFKC and the table leave ASCII as it is; imports call this a lot
        return text
    return unicodedata.normalize("NFKC", text).translate(_FULLWIDTH_DIGITS)


def squash_spaces(text: str) -> str:
    return " ".join(to_halfwidth(text).split())
