package dev.kcbundle.userstorage.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SearchKeysTest {

    @Test
    void gramsAreEverySubstringOfOneToThreeCharacters() {
        assertThat(SearchKeys.grams("abcd")).containsExactly("a", "ab", "abc", "b", "bc", "bcd", "c", "cd", "d");
        assertThat(SearchKeys.grams(null, "aa")).containsExactly("a", "aa");
    }

    @Test
    void prefixesAreEveryStartOfEachValue() {
        assertThat(SearchKeys.prefixes("abc", null, "abd")).containsExactly("a", "ab", "abc", "abd");
        assertThat(SearchKeys.prefixes("")).isEmpty();
    }

    @Test
    void aPrefixKeyIsTheTermOrItsIndexedHead() {
        String head = distinctText(SearchKeys.MAX_INDEXED_LENGTH, 1);

        assertThat(SearchKeys.prefixOf("ali")).isEqualTo("ali");
        assertThat(SearchKeys.prefixOf(head)).isEqualTo(head);
        assertThat(SearchKeys.prefixOf(head + "xyz")).isEqualTo(head);
        assertThat(SearchKeys.prefixes(head + "xyz"))
                .hasSize(SearchKeys.MAX_INDEXED_LENGTH)
                .endsWith(head);
    }

    @Test
    void onlyTheFirst255CharactersOfAFieldAreIndexed() {
        String head = distinctText(SearchKeys.MAX_INDEXED_LENGTH, 1);
        String tail = "-beyond-the-bound";

        var grams = SearchKeys.grams(head + tail);

        assertThat(grams).isEqualTo(SearchKeys.grams(head)).doesNotContain("-", "-be", "bou");
    }

    @Test
    void aDocumentHoldsAtMostTheDocumentedNumberOfGramsHoweverLongItsFields() {
        String huge = distinctText(10_000, 2);

        UserDocument document = UserDocument.newUser("k1", huge, 0L);
        document.setEmail(distinctText(10_000, 3) + "@example.org");
        document.setFirstName(distinctText(10_000, 4));
        document.setLastName(distinctText(10_000, 5));

        assertThat((java.util.List<?>) document.fields().get(UserDocument.SEARCH_GRAMS))
                .hasSizeLessThanOrEqualTo(SearchKeys.MAX_GRAMS_PER_DOCUMENT)
                .hasSizeGreaterThan(3 * SearchKeys.MAX_INDEXED_LENGTH);
        assertThat(SearchKeys.MAX_GRAMS_PER_DOCUMENT).isEqualTo(3048);
        assertThat((java.util.List<?>) document.fields().get(UserDocument.SEARCH_PREFIXES))
                .hasSizeBetween(3 * SearchKeys.MAX_INDEXED_LENGTH, SearchKeys.MAX_PREFIXES_PER_DOCUMENT);
        assertThat(SearchKeys.MAX_PREFIXES_PER_DOCUMENT).isEqualTo(1020);
        assertThat(document.username()).as("the value itself is kept whole").hasSize(10_000);
    }

    @Test
    void codePointsNotCharsAreCounted() {
        String kelvins = "\u212A".repeat(10) + "\uD83D\uDE00".repeat(300); // 10 Kelvin signs, 300 emoji (2 chars each)

        assertThat(SearchKeys.grams(kelvins))
                .contains("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")
                .allSatisfy(gram ->
                        assertThat(gram.codePointCount(0, gram.length())).isBetween(1, 3));
        assertThat(SearchKeys.prefixes(kelvins))
                .hasSize(SearchKeys.MAX_INDEXED_LENGTH)
                .contains("\u212A", "\u212A".repeat(10) + "\uD83D\uDE00")
                .noneMatch(prefix -> Character.isHighSurrogate(prefix.charAt(prefix.length() - 1)));
        assertThat(SearchKeys.prefixOf(kelvins)).isEqualTo(kelvins.substring(0, 10 + 2 * 245));
    }

    @Test
    void gramOfATermIsItsFirstThreeCharacters() {
        assertThat(SearchKeys.gramOf("alice")).isEqualTo("ali");
        assertThat(SearchKeys.gramOf("al")).isEqualTo("al");
    }

    /** Text whose 3-grams are (almost all) distinct, so the gram count is not hidden by repetition. */
    private static String distinctText(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint('a' + random.nextInt(26));
        }
        return text.toString();
    }
}
