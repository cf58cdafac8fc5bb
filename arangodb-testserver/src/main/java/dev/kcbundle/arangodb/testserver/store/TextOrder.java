package dev.kcbundle.arangodb.testserver.store;

import java.text.Normalizer;

/**
 * String order close to ArangoDB's ICU collation (root locale, upper case first), without a Collator: compares
 * primary weights (letters alphabetically regardless of case and accents; punctuation &lt; digits &lt; letters, in
 * ICU's root order for ASCII), then accents, then case (upper first), then code units, so only identical strings are
 * equal and the order is total. Characters that are neither ASCII nor accented ASCII letters sort after all letters by
 * code point. Fast enough to sort 100,000 strings per query.
 */
final class TextOrder {

    /** ICU root collation order of the printable ASCII characters that are not letters or digits. */
    private static final String PUNCTUATION_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

    private static final int[] PRIMARY = new int[128];
    private static final int NON_ASCII_BASE = 1_000;

    static {
        int weight = 1;
        for (char c = 0; c < 0x20; c++) {
            PRIMARY[c] = weight;
        }
        PRIMARY[0x7f] = weight++;
        for (char c : PUNCTUATION_ORDER.toCharArray()) {
            PRIMARY[c] = ++weight;
        }
        for (char c = '0'; c <= '9'; c++) {
            PRIMARY[c] = ++weight;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            PRIMARY[c] = ++weight;
            PRIMARY[Character.toUpperCase(c)] = weight;
        }
    }

    private TextOrder() {}

    static int compare(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int c = compareLevel(a, b, 1);
        if (c == 0) {
            c = compareLevel(a, b, 2);
        }
        if (c == 0) {
            c = compareLevel(a, b, 3);
        }
        return c != 0 ? c : Integer.signum(a.compareTo(b));
    }

    private static int compareLevel(String a, String b, int level) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int wa = weight(a.charAt(i), level);
            int wb = weight(b.charAt(i), level);
            if (wa != wb) {
                return wa < wb ? -1 : 1;
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Level 1: base character; 2: accent (0 = none); 3: case (0 = upper, 1 = lower or caseless). */
    private static int weight(char ch, int level) {
        if (ch < 128) {
            switch (level) {
                case 1:
                    return PRIMARY[ch];
                case 2:
                    return 0;
                default:
                    return ch >= 'a' && ch <= 'z' ? 1 : 0;
            }
        }
        char base = baseLetter(ch);
        if (base != 0) {
            switch (level) {
                case 1:
                    return PRIMARY[base];
                case 2:
                    return ch;
                default:
                    return Character.isLowerCase(ch) ? 1 : 0;
            }
        }
        return level == 1 ? NON_ASCII_BASE + ch : 0;
    }

    /** The ASCII letter an accented letter decomposes to (é → e), or 0. */
    private static char baseLetter(char ch) {
        String decomposed = Normalizer.normalize(String.valueOf(ch), Normalizer.Form.NFD);
        char first = decomposed.charAt(0);
        return first < 128 && Character.isLetter(first) ? first : 0;
    }
}
