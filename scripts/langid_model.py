"""The language identifier's model, in Python: corpus reading, training, the binary file,
and a scorer that scores exactly as Swift's `LanguageModel` does (the per-sentence block prior
and the 600-byte reading limit are Swift's alone).
Used by `scripts/train-langid` (Python 3 standard library only).

Model (see README, "Language identification"):
  * words: runs of letters (an apostrophe followed by a letter belongs to the word),
    lowercased with the simple case mapping; URLs are skipped; words longer than
    MAX_WORD letters are skipped.
  * per language L, a word's cost (bits) is -log2 P_L(w) with
        P_L(w) = lam * C_L(w) / N_L + (1 - lam) * sum_L' LOANS[L][L'] * P_char_L'(w)
    where P_char_L is an interpolated Witten-Bell character 5-gram model over
    " w " (a blank marks both word ends), and LOANS lets a language borrow a share of
    its words from the others (English words in Dutch and Vietnamese text). Words in
    the word table carry that cost precomputed; other words are spelled out through the
    character models (their unigram share counted as 0).
  * a text's cost per language is the sum of its words' costs; the best language has
    the lowest cost, the confidence is its posterior (equal priors). The text is `und`
    with fewer than 2 letters, with fewer than MIN_LETTERS letters and a posterior below
    SHORT_CONFIDENCE, or, with at least REJECT_MIN_WORDS words, when its rejection statistic (bits per character of the best
    language over its words without the costliest TRIM share, minus
    REJECT_SLOPE / sqrt(those characters)) is above REJECT_BASE.
"""
import json
import math
import struct
import unicodedata

LANGS = ["vi", "nl", "en"]
ORDER = 5
MAX_WORD = 40
MIN_LETTERS = 4     # a text of fewer letters (but at least 2)
SHORT_CONFIDENCE = 0.9  # is `und` unless its best language's posterior reaches this
TRIM = 0.4          # share of the words (the costliest) that the rejection statistic leaves out
REJECT_MIN_WORDS = 3    # shorter texts are never rejected as another language
CAPITAL_WEIGHT = 0.3    # weight of a word that starts with a capital (names) in a text's sums
BLANK = 0x20
TAG_NGRAM, TAG_CONTEXT, TAG_WORD = 0x4E, 0x43, 0x57
MAGIC = b"MKLANGID"
FORMAT_VERSION = 1
CHAR_SCALE = 8      # quanta per bit in the n-gram table (UInt8)
WORD_SCALE = 64     # quanta per bit in the word table (UInt16)
M64 = (1 << 64) - 1

# ---------------------------------------------------------------- text → words


def is_letter(c):
    return c.isalpha()


def lower(c):
    low = c.lower()
    return low if len(low) == 1 else c


def starts_url(text, i):
    c = text[i]
    if c not in "hHwW":
        return False
    head = text[i:i + 8].lower()
    return head.startswith("http://") or head.startswith("https://") or head.startswith("www.")


def words(text):
    """Lowercased words of a text, as Swift's LanguageModel reads them."""
    return [w for w, _ in cased_words(text)]


def cased_words(text):
    """(lowercased word, whether it starts with a capital) for each word of a text."""
    out, cur = [], []
    capital = False
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if not cur and starts_url(text, i):
            while i < n and text[i] not in " \n":
                i += 1
            continue
        if is_letter(c):
            if not cur:
                capital = c.isupper()
            cur.append(lower(c))
        elif c in "'\u2019" and i + 1 < n and is_letter(text[i + 1]):
            if not cur:
                capital = False
            cur.append("'")
        else:
            if cur:
                if len(cur) <= MAX_WORD:
                    out.append(("".join(cur), capital))
                cur = []
        i += 1
    if cur and len(cur) <= MAX_WORD:
        out.append(("".join(cur), capital))
    return out


def fold_vietnamese(text):
    """Vietnamese without diacritics: what people type without a Vietnamese keyboard."""
    d = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))

# ---------------------------------------------------------------- hashing


def fmix64(h):
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & M64
    h ^= h >> 33
    h = (h * 0xC4CEB93FE1A85EC3) & M64
    h ^= h >> 33
    return h


def key32(tag, scalars):
    """FNV-1a over the tag and the scalar values (one step per scalar), then murmur3's
    finalizer; the two halves xored; 0 is reserved for empty slots."""
    h = 0xCBF29CE484222325
    h = ((h ^ tag) * 0x100000001B3) & M64
    for v in scalars:
        h = ((h ^ v) * 0x100000001B3) & M64
    h = fmix64(h)
    k = (h >> 32) ^ (h & 0xFFFFFFFF)
    return k or 1

# ---------------------------------------------------------------- corpora

# (language, path under EVAL_DIR, reader). Left out on purpose: CoNLL-2002 (research-only
# terms), UD GUM (non-commercial), the webextract pages (publishers' copyright) and, of
# course, everything under langid/ (the test data).
NOISY = "noisy"      # filtered by a first model trained on the clean sources (OCR, tweets, foreign quotes)
SOURCES = [
    ("vi", "sentseg/ud-vi-vtb/dev.sentences.txt", "lines"),
    ("vi", "parallel/ntrex128/vie.txt", "lines"),
    ("vi", "numeric/duckling/vi.jsonl", "jsonl"),
    ("nl", "sentseg/ud-nl-alpino/dev.sentences.txt", "lines"),
    ("nl", "sentseg/ud-nl-lassysmall/dev.sentences.txt", "lines"),
    ("nl", "parallel/ntrex128/nld.txt", "lines"),
    ("nl", "ner/europeana-nl/enp_NL.kb.bio", "bio", NOISY),
    ("nl", "numeric/duckling/nl.jsonl", "jsonl"),
    ("nl", "numeric/recognizers-text/nl.jsonl", "jsonl"),
    ("en", "sentseg/ud-en-ewt/dev.sentences.txt", "lines"),
    ("en", "parallel/ntrex128/eng.txt", "lines"),
    ("en", "ner/btc-en/train.iob2", "bio", NOISY),
    ("en", "ner/btc-en/dev.iob2", "bio", NOISY),
    ("en", "ner/wnut17-en/train.iob2", "bio", NOISY),
    ("en", "ner/wnut17-en/dev.iob2", "bio", NOISY),
    ("en", "ner/gum-en/train.iob2", "bio", NOISY),
    ("en", "ner/gum-en/dev.iob2", "bio", NOISY),
    ("en", "ner/wikigold-en/wikigold.iob2", "bio", NOISY),
    ("en", "numeric/duckling/en.jsonl", "jsonl"),
    ("en", "numeric/recognizers-text/en.jsonl", "jsonl"),
]


def read_source(path, kind):
    """The sentences (strings) of one corpus file."""
    text = path.read_text(encoding="utf-8")
    if kind == "lines":
        return [l.strip() for l in text.splitlines() if l.strip()]
    if kind == "jsonl":
        out, seen = [], set()
        for l in text.splitlines():
            if l.strip():
                s = json.loads(l).get("input", "").strip()
                if s and s not in seen:
                    seen.add(s)
                    out.append(s)
        return out
    # bio: first column; blank lines (or, without any, sentence-final tokens) end sentences.
    out, cur = [], []
    for l in text.splitlines():
        parts = l.split()
        if not parts or parts[0] == "-DOCSTART-":
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        tok = parts[0]
        if tok.startswith("@") or tok.lower().startswith(("http", "www.")):
            continue
        cur.append(tok)
        if len(cur) >= 40 or (tok in (".", "!", "?") and len(cur) >= 5):
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return out


def load_corpora(eval_dir, dev_every=10):
    """{lang: (train sentences, dev sentences)}: every `dev_every`-th sentence of each source is dev."""
    data = {l: ([], []) for l in LANGS}
    noisy = {l: ([], []) for l in LANGS}
    for lang, rel, kind, *flags in SOURCES:
        sents = read_source(eval_dir / rel, kind)
        into = noisy if flags else data
        for i, s in enumerate(sents):
            into[lang][1 if i % dev_every == dev_every - 1 else 0].append(s)
    return data, noisy

# ---------------------------------------------------------------- training


class Counts:
    def __init__(self):
        self.ngram = {}      # (context tuple, char) -> count
        self.context = {}    # context tuple -> [count, distinct continuations]
        self.words = {}
        self.total_words = 0.0
        self.unigram_total = 0.0

    def add_word(self, w, weight=1.0):
        self.words[w] = self.words.get(w, 0.0) + weight
        self.total_words += weight
        seq = (BLANK,) + tuple(ord(c) for c in w) + (BLANK,)
        for i in range(1, len(seq)):
            c = seq[i]
            for k in range(1, min(ORDER, i + 1) + 1):
                h = seq[i - k + 1:i]
                key = (h, c)
                old = self.ngram.get(key)
                self.ngram[key] = (old or 0.0) + weight
                ctx = self.context.get(h)
                if ctx is None:
                    ctx = self.context[h] = [0.0, 0]
                ctx[0] += weight
                if old is None:
                    ctx[1] += 1


def train_counts(sentences_by_lang, vi_folded_weight):
    counts = {l: Counts() for l in LANGS}
    for l in LANGS:
        for s in sentences_by_lang[l]:
            for w in words(s):
                counts[l].add_word(w)
        if l == "vi" and vi_folded_weight > 0:
            for s in sentences_by_lang[l]:
                for w in words(fold_vietnamese(s)):
                    counts[l].add_word(w, vi_folded_weight)
    return counts


# Loanwords: a language's words are spelled by its own character model, and a small share by
# the others' (English words in Vietnamese and Dutch text, far more often than the reverse).
# LOANS[L][L'] is the share of L's words spelled by L''s model; each row sums to 1.
LOANS = [
    [0.89, 0.01, 0.10],     # vi
    [0.005, 0.895, 0.10],   # nl
    [0.005, 0.02, 0.975],   # en
]


def mix(bits, loans):
    """-log2 of the loanword mixture of the three character models' probabilities, per language."""
    m = min(bits)
    out = []
    for row in loans:
        out.append(m - math.log2(sum(row[j] * 2.0 ** (m - bits[j]) for j in range(3))))
    return out


def rejection_statistic(costs, slope):
    """Bits per character of the best language over the text's words without its worst
    TRIM share (names, foreign terms, typos), minus slope / sqrt(those characters): a text
    is `und` when this is above the rejection base."""
    per = sorted(costs, key=lambda c: c[0] / c[1])
    keep = per[:len(per) - int(TRIM * len(per))]
    bits = sum(b for b, _ in keep)
    chars = sum(n for _, n in keep)
    return bits / chars - slope / math.sqrt(chars)


ALPHABET = 500      # letters a language may use but the corpus never showed (add-one base)


def build_tables(counts, min_count, min_word_count, lam, prune_bits, loans=LOANS):
    """Quantized n-gram/context table and word table, as stored in the file."""
    unseen = []
    for l in LANGS:
        n1 = counts[l].context.get((), [0.0, 0])[0]
        unseen.append(-math.log2(1.0 / (n1 + ALPHABET)))
    keys = set()
    for l in LANGS:
        keys.update(counts[l].ngram)
    keys = sorted(keys, key=lambda k: (len(k[0]), k))
    prob = {}           # (h, c) -> [P_L] unpruned interpolated probabilities

    def p_of(l, h, c):
        """Interpolated Witten-Bell P_L(c | h), from the full counts."""
        C = counts[l]
        if not h:
            n1 = C.context.get((), [0.0, 0])[0]
            return (C.ngram.get(((), c), 0.0) + 1.0) / (n1 + ALPHABET)
        lower_p = prob[(h[1:], c)][LANGS.index(l)] if (h[1:], c) in prob else p_of(l, h[1:], c)
        ctx = C.context.get(h)
        if not ctx:
            return lower_p
        return (C.ngram.get((h, c), 0.0) + ctx[1] * lower_p) / (ctx[0] + ctx[1])

    def gamma(l, h):
        ctx = counts[l].context.get(h)
        return ctx[1] / (ctx[0] + ctx[1]) if ctx else 1.0

    for key in keys:
        prob[key] = [p_of(l, key[0], key[1]) for l in LANGS]

    table = {}          # key32 -> (3 quantized costs)
    ctx_keys = set()
    kept = 0
    for key in keys:
        h, c = key
        total = sum(counts[l].ngram.get(key, 0.0) for l in LANGS)
        if h and total < min_count:
            continue
        p = prob[key]
        if h and prune_bits > 0:
            # Left out when backing off (context weight times the shorter n-gram) gives the
            # same costs within prune_bits in every language.
            back = prob.get((h[1:], c))
            if back is not None:
                if all(abs(-math.log2(p[i]) - (-math.log2(gamma(l, h) * back[i]))) < prune_bits for i, l in enumerate(LANGS)):
                    continue
        ctx_keys.add(h)
        table[key32(TAG_NGRAM, h + (c,))] = tuple(min(255, round(-math.log2(x) * CHAR_SCALE)) for x in p)
        kept += 1
    for h in ctx_keys:
        if not h:
            continue
        g = [gamma(l, h) for l in LANGS]
        table[key32(TAG_CONTEXT, h)] = tuple(min(255, round(-math.log2(x) * CHAR_SCALE)) for x in g)
    model = Model(table, {}, unseen, lam, 0.0, 0.0, loans)
    word_table = {}
    for_words = {}
    for l in LANGS:
        for w, n in counts[l].words.items():
            for_words[w] = for_words.get(w, 0.0) + n
    for w, n in for_words.items():
        if n < min_word_count:
            continue
        bits = mix(model.char_bits(w), loans)
        costs = []
        for i, l in enumerate(LANGS):
            C = counts[l]
            p = lam * C.words.get(w, 0.0) / C.total_words + (1 - lam) * 2.0 ** (-bits[i])
            costs.append(min(65535, round(-math.log2(p) * WORD_SCALE)))
        word_table[key32(TAG_WORD, [ord(c) for c in w])] = tuple(costs)
    model.words = word_table
    return model

# ---------------------------------------------------------------- the model as Swift reads it


class Model:
    def __init__(self, table, words, unseen, lam, reject_base, reject_slope, loans):
        self.table = table
        self.words = words
        self.unseen = unseen
        self.lam = lam
        self.oov = -math.log2(1 - lam)
        self.reject_base = reject_base
        self.reject_slope = reject_slope
        self.loans = loans
        self.capital_weight = CAPITAL_WEIGHT

    def char_bits(self, w):
        seq = [BLANK] + [ord(c) for c in w] + [BLANK]
        bits = [0.0, 0.0, 0.0]
        for i in range(1, len(seq)):
            c = seq[i]
            k = min(ORDER, i + 1)
            while True:
                h = seq[i - k + 1:i]
                v = self.table.get(key32(TAG_NGRAM, h + [c]))
                if v is not None:
                    for j in range(3):
                        bits[j] += v[j] / CHAR_SCALE
                    break
                if k == 1:
                    for j in range(3):
                        bits[j] += self.unseen[j]
                    break
                g = self.table.get(key32(TAG_CONTEXT, h))
                if g is not None:
                    for j in range(3):
                        bits[j] += g[j] / CHAR_SCALE
                k -= 1
        return bits

    def word_bits(self, w):
        v = self.words.get(key32(TAG_WORD, [ord(c) for c in w]))
        if v is not None:
            return [x / WORD_SCALE for x in v]
        b = mix(self.char_bits(w), self.loans)
        return [x + self.oov for x in b]

    def word_costs(self, text, cache=None):
        """[(bits per language, characters)] of the text's words, a capitalized word's
        weighed by CAPITAL_WEIGHT (names: `Tran Quoc Dung` in a Dutch sentence)."""
        out = []
        for w, capital in cased_words(text):
            if cache is not None:
                b = cache.get(w)
                if b is None:
                    b = cache[w] = self.word_bits(w)
            else:
                b = self.word_bits(w)
            if capital:
                k = self.capital_weight
                out.append(([x * k for x in b], (len(w) + 1) * k))
            else:
                out.append((b, len(w) + 1))
        return out

    def score(self, text, cache=None):
        """(bits per language, characters counted)."""
        total = [0.0, 0.0, 0.0]
        chars = 0
        for b, n in self.word_costs(text, cache):
            for j in range(3):
                total[j] += b[j]
            chars += n
        return total, chars

    def verdict(self, text, cache=None):
        """(best language index or None without evidence, posterior, rejection statistic)."""
        ws = words(text)
        costs = self.word_costs(text, cache)
        letters = sum(len(w) for w in ws)
        if letters < 2:
            return None, 0.0, 0.0
        bits = [sum(b[j] for b, _ in costs) for j in range(3)]
        best = min(range(3), key=lambda j: (bits[j], j))
        z = sum(2.0 ** (bits[best] - b) for b in bits)
        if letters < MIN_LETTERS and 1 / z < SHORT_CONFIDENCE:
            return None, 1 / z, 0.0
        if len(costs) < REJECT_MIN_WORDS:
            return best, 1 / z, -math.inf
        return best, 1 / z, rejection_statistic([(b[best], n) for b, n in costs], self.reject_slope)

    def identify(self, text, cache=None):
        best, confidence, stat = self.verdict(text, cache)
        if best is None:
            return "und", confidence, stat
        if stat > self.reject_base:
            return "und", confidence, stat
        return LANGS[best], confidence, stat

    # ------------------------------------------------------------ file

    def serialize(self, header_lines):
        out = bytearray()
        for line in header_lines:
            out += ("# " + line + "\n").encode("utf-8")
        out += MAGIC
        out += struct.pack("<I", FORMAT_VERSION)
        out += struct.pack("<B", len(LANGS))
        for l in LANGS:
            b = l.encode()
            out += struct.pack("<H", len(b)) + b
        out += struct.pack("<BBHH", ORDER, MAX_WORD, CHAR_SCALE, WORD_SCALE)
        out += struct.pack("<3f", *self.unseen)
        out += struct.pack("<fff", self.oov, self.reject_base, self.reject_slope)
        out += struct.pack("<9f", *(x for row in self.loans for x in row))
        out += struct.pack("<fffBB", TRIM, SHORT_CONFIDENCE, self.capital_weight, MIN_LETTERS, REJECT_MIN_WORDS)
        for tab, fmt in ((self.table, "B"), (self.words, "H")):
            ks = sorted(tab)
            out += struct.pack("<I", len(ks))
            out += struct.pack("<%dI" % len(ks), *ks)
            flat = []
            for k in ks:
                flat.extend(tab[k])
            out += struct.pack("<%d%s" % (len(flat), fmt), *flat)
        return bytes(out)


def filter_noisy(model, noisy, cutoff):
    """The sentences of the noisy sources that `model` (rejecting above `cutoff` bits per
    character) identifies as their source's language: drops the French quoted in old Dutch
    newspapers, the Dutch and Spanish tweets in English Twitter corpora, OCR garbage."""
    base, slope = model.reject_base, model.reject_slope
    model.reject_base, model.reject_slope = cutoff, 0.0
    cache = {}
    out = {}
    for l in LANGS:
        out[l] = tuple([s for s in part if len(words(s)) >= 3 and model.identify(s, cache)[0] == l] for part in noisy[l])
    model.reject_base, model.reject_slope = base, slope
    return out
