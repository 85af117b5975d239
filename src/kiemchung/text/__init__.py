"""Vietnamese text toolkit: normalise, fold, teencode, tokenize, extract, redact.

Pure, batch-first functions: each takes a sequence of strings and returns a list
(a bare ``str`` is refused). See docs/text.md.
"""

from kiemchung.text._gazetteer import Province, provinces
from kiemchung.text.extract import (
    EXTRACTOR_VERSION,
    BankAccount,
    Extracted,
    Money,
    extract,
    lookalike_of,
    official_domains,
    phone_number,
    refang,
    registered_domain,
)
from kiemchung.text.lang import is_vietnamese
from kiemchung.text.normalize import fold, normalize
from kiemchung.text.prepare import Prepared, prepare
from kiemchung.text.redact import REDACTOR_VERSION, Indicator, Redacted, redact
from kiemchung.text.teencode import LEXICON_VERSION, expand_teencode
from kiemchung.text.tokenize import ngrams, segment, tokenize

__all__ = [
    "EXTRACTOR_VERSION",
    "LEXICON_VERSION",
    "REDACTOR_VERSION",
    "BankAccount",
    "Extracted",
    "Indicator",
    "Money",
    "Prepared",
    "Province",
    "Redacted",
    "expand_teencode",
    "extract",
    "fold",
    "is_vietnamese",
    "lookalike_of",
    "ngrams",
    "normalize",
    "official_domains",
    "phone_number",
    "prepare",
    "provinces",
    "redact",
    "refang",
    "registered_domain",
    "segment",
    "tokenize",
]
