"""Text from the bytes of a file, a feed or a page: one decoding that raises nothing but a
rejection (`empty`, `binary`), shared by every source."""

from __future__ import annotations

import charset_normalizer

from newsweave.errors import Rejected

# The encodings a web browser reads (the WHATWG Encoding Standard's legacy encodings): news is
# published in these, never in DOS code pages such as cp775 or cp437, which the detector would
# otherwise pick for short Latin-1 text ("Café" -> "Cafķ").
_WEB_ENCODINGS = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "cp866",
    "mac_cyrillic", "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8",
    "cp1256", "iso8859_6", "cp1257", "iso8859_13", "iso8859_4", "cp1258", "cp874", "iso8859_3",
    "iso8859_5", "iso8859_10", "iso8859_14", "iso8859_16", "mac_roman", "gb18030", "big5",
    "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)  # fmt: skip
# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_SAMPLE_BYTES = 65536
_MAX_CONTROL_SHARE = 0.01


def decode_bytes(data: bytes) -> str:
    """Text from bytes, or `Rejected` (`empty`, `binary`); it raises nothing else.

    A byte order mark is followed when the bytes decode under it; then strict UTF-8; then UTF-16
    without a mark (every other byte NUL in Latin text); then the web encoding charset-normalizer
    finds likeliest, Windows-1252 when it fits as well as the best (the web's default for
    Western text, which Latin-1 is a part of).
    """
    if not data.strip():
        raise Rejected("empty", "file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(encoding))
            except UnicodeDecodeError:
                break  # a mark followed by something else: read like unmarked bytes
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        encoding = _unmarked_utf16(sample)
        if encoding is None:
            raise Rejected("binary", "binary file (contains NUL bytes), not text")
        try:
            return _checked_text(data.decode(encoding))
        except UnicodeDecodeError:
            raise Rejected("binary", "binary file (contains NUL bytes), not text") from None
    return _checked_text(_detected_text(data))


def _unmarked_utf16(sample: bytes) -> str | None:
    """`utf-16-le` or `-be` when NULs fill one byte of most pairs and almost none of the other."""
    pairs = len(sample) // 2
    if pairs < 2 or len(sample) % 2:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.02 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _detected_text(data: bytes) -> str:
    try:
        matches = list(charset_normalizer.from_bytes(data, cp_isolation=list(_WEB_ENCODINGS)))
    except Exception:  # the detector's own failure on odd bytes must not end the run
        matches = []
    if not matches:
        raise Rejected("binary", "not text in any known encoding")
    best = matches[0]
    for match in matches:
        if (
            "cp1252" in match.could_be_from_charset
            and match.chaos <= best.chaos + 0.02
            and match.coherence >= best.coherence - 0.05
        ):
            return data.decode("cp1252", errors="replace")
    return str(best)


def _checked_text(text: str) -> str:
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > len(text) * _MAX_CONTROL_SHARE:
        raise Rejected("binary", "binary file (control characters), not text")
    return text
