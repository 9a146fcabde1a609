"""Which language an article is written in, cheaply: writing system first, then function words.

No model and no download: the share of each language's most frequent function words
(data/lexicons/stopwords.yaml) among the first words of the text, and for other scripts the
share of letters in that script. Good enough to keep a Spanish or Russian article away from an
English model, which would find nothing right in it.
"""

from __future__ import annotations

import re
import unicodedata

from graphkit import lexicons

SAMPLE_WORDS = 400  # the first words are enough
MIN_WORDS = 25  # below this, say nothing (headlines, captions, test snippets)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# scripts by the first word of their Unicode character names, and the language each mostly means
SCRIPTS = {"CYRILLIC": "ru", "ARABIC": "ar", "HEBREW": "he", "GREEK": "el", "CJK": "zh", "HIRAGANA": "ja",
           "KATAKANA": "ja", "HANGUL": "ko", "DEVANAGARI": "hi", "THAI": "th", "ARMENIAN": "hy",
           "GEORGIAN": "ka", "BENGALI": "bn", "TAMIL": "ta"}
NAMES = {"en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
         "nl": "Dutch", "ru": "Russian", "ar": "Arabic", "he": "Hebrew", "el": "Greek", "zh": "Chinese",
         "ja": "Japanese", "ko": "Korean", "hi": "Hindi", "th": "Thai", "hy": "Armenian", "ka": "Georgian",
         "bn": "Bengali", "ta": "Tamil", "xx": "any language"}


def language_name(code: str) -> str:
    return NAMES.get(code, code)


def _script(text: str) -> str | None:
    """The language of the dominant non-Latin script, if most letters are in one."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        name = unicodedata.name(ch, "").split(" ")[0]
        if name in SCRIPTS:
            counts[SCRIPTS[name]] = counts.get(SCRIPTS[name], 0) + 1
    if not counts or not letters:
        return None
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    return lang if n / letters > 0.5 else None


def detect_language(text: str) -> str | None:
    """An ISO 639-1 code, or None when the text is too short (or too mixed) to tell."""
    sample = text[:20_000]
    by_script = _script(sample)
    if by_script:
        return by_script
    words = [w.lower() for w in _WORD.findall(sample)[:SAMPLE_WORDS]]
    if len(words) < MIN_WORDS:
        return None
    shares = {lang: sum(w in stop for w in words) / len(words) for lang, stop in lexicons.stopwords().items()}
    best = max(shares, key=lambda lang: shares[lang])
    if shares[best] < 0.08:
        return None
    # English text quoting Spanish names still has far more English function words than Spanish ones
    if best != "en" and shares.get("en", 0.0) * 2 > shares[best]:
        return "en"
    return best
