package dev.kcbundle.arangodb.testserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static JsonNode json(String text) {
        return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void sortsByTypeThenValue() {
        List<JsonNode> values = new ArrayList<>(List.of(
                json("{}"),
                json("[]"),
                json("\"b\""),
                json("\"a\""),
                json("2"),
                json("1.5"),
                json("true"),
                json("false"),
                json("null")));
        values.sort(Values::compare);
        assertThat(values)
                .extracting(Json::text)
                .containsExactly("null", "false", "true", "1.5", "2", "\"a\"", "\"b\"", "[]", "{}");
    }

    @Test
    void stringsCompareAlphabeticallyThenUpperCaseFirst() {
        assertThat(Values.compareText("apple", "Banana")).isNegative();
        assertThat(Values.compareText("A", "a")).isNegative();
        assertThat(Values.compareText("a", "a")).isZero();
        assertThat(Values.compareText("a", "b")).isNegative();
        assertThat(Values.compareText("a-b", "a1"))
                .as("punctuation before digits")
                .isNegative();
        assertThat(Values.compareText("a9", "aa")).as("digits before letters").isNegative();
        assertThat(Values.compareText("e", "é")).isNegative();
        assertThat(Values.compareText("é", "f")).isNegative();
        assertThat(Values.compareText("ab", "abc")).isNegative();
    }

    @Test
    void stringOrderIsTotalAndConsistent() {
        List<String> words = new ArrayList<>(List.of(
                "b", "B", "a", "A", "é", "É", "e", "_x", "1", "z", "ß", "日本", "user@example.org", "user.name", "User"));
        words.sort(Values::compareText);
        for (int i = 0; i + 1 < words.size(); i++) {
            assertThat(Values.compareText(words.get(i), words.get(i + 1))).isNegative();
            assertThat(Values.compareText(words.get(i + 1), words.get(i))).isPositive();
        }
        assertThat(words.subList(0, 3)).containsExactly("_x", "1", "A");
    }

    @Test
    void equalNumbersHashAlike() {
        assertThat(Values.canonical(json("1"))).isEqualTo(Values.canonical(json("1.0")));
        assertThat(Values.canonical(json("{\"a\":[1,2]}"))).isEqualTo(Values.canonical(json("{\"a\":[1.0,2]}")));
        assertThat(Values.canonical(json("\"1\""))).isNotEqualTo(Values.canonical(json("1")));
    }

    @Test
    void truthinessAndNumberConversionFollowAql() {
        assertThat(Values.truthy(json("0"))).isFalse();
        assertThat(Values.truthy(json("\"\""))).isFalse();
        assertThat(Values.truthy(json("[]"))).isTrue();
        assertThat(Values.truthy(json("{}"))).isTrue();
        assertThat(Values.toNumber(json("\" 12 \""))).isEqualTo(12);
        assertThat(Values.toNumber(json("\"12abc\""))).isZero();
        assertThat(Values.toNumber(json("[7]"))).isEqualTo(7);
        assertThat(Values.toNumber(json("[1,2]"))).isZero();
        assertThat(Values.number(3.0).isIntegralNumber()).isTrue();
    }
}
