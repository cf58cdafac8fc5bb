package dev.kcbundle.userstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeLimitsTest {

    @Test
    void valuesUpToTheBoundsAreAccepted() {
        List<String> many = Collections.nCopies(AttributeLimits.MAX_VALUES - 1, "v");

        assertThat(AttributeLimits.problem(Map.of("policies", List.of("self:read")), "tags", many))
                .isNull();
        assertThat(AttributeLimits.problem(Map.of(), "note", List.of("x".repeat(AttributeLimits.MAX_VALUE_LENGTH))))
                .isNull();
    }

    @Test
    void theTotalOverAllAttributesIsBoundedAndTheReplacedAttributeDoesNotCountTwice() {
        List<String> half = Collections.nCopies(600, "v");

        assertThat(AttributeLimits.problem(Map.of("a", half), "b", half))
                .isEqualTo("A user may hold at most 1000 attribute values (b would make it 1200)");
        assertThat(AttributeLimits.problem(Map.of("a", half), "a", half)).isNull();
    }

    @Test
    void aTooLongValueIsRefusedByCharactersNotBytes() {
        assertThat(AttributeLimits.problem(Map.of(), "note", List.of("é".repeat(2048))))
                .isNull();
        assertThat(AttributeLimits.problem(Map.of(), "note", List.of("x".repeat(2049))))
                .isEqualTo("Attribute note has a value longer than 2048 characters");
    }
}
