package dev.kcbundle.activegroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ActiveGroupRequestTest {

    @Test
    void acceptsAGroupIdAndTellsItIsNoPath() {
        ActiveGroupRequest request = ActiveGroupRequest.parse("{\"group\": \"5f1c9a-77\"}");

        assertThat(request.group()).isEqualTo("5f1c9a-77");
        assertThat(request.isPath()).isFalse();
    }

    @Test
    void acceptsAFullPathTrimmedAndIgnoresUnknownFields() {
        ActiveGroupRequest request = ActiveGroupRequest.parse("{\"group\": \" /university/physics \", \"note\": 1}");

        assertThat(request.group()).isEqualTo("/university/physics");
        assertThat(request.isPath()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "  ",
                "not json",
                "{\"group\": ",
                "[\"/a\"]",
                "\"/a\"",
                "{}",
                "{\"group\": null}",
                "{\"group\": \"\"}",
                "{\"group\": \"  \"}",
                "{\"group\": 42}",
                "{\"group\": {\"id\": \"x\"}}",
                "{\"grp\": \"/a\"}"
            })
    void anythingElseIsABadRequestSayingWhatIsExpected(String body) {
        assertThatThrownBy(() -> ActiveGroupRequest.parse(body)).isInstanceOfSatisfying(ApiError.class, error -> {
            assertThat(error.status()).isEqualTo(Status.BAD_REQUEST);
            assertThat(error.error()).isEqualTo("invalid_request");
            assertThat(error.description()).contains("{\"group\": \"<group id or /full/path>\"}");
        });
    }

    @Test
    void acceptsAGroupOfTheLongestAllowedLength() {
        String longest = "/" + "g".repeat(ActiveGroupRequest.MAX_GROUP_LENGTH - 1);

        assertThat(ActiveGroupRequest.parse("{\"group\": \"" + longest + "\"}").group())
                .isEqualTo(longest);
    }

    @Test
    void aLongerGroupIsABadRequestNamingTheLimit() {
        String tooLong = "x".repeat(ActiveGroupRequest.MAX_GROUP_LENGTH + 1);

        assertThatThrownBy(() -> ActiveGroupRequest.parse("{\"group\": \"" + tooLong + "\"}"))
                .isInstanceOfSatisfying(ApiError.class, error -> {
                    assertThat(error.status()).isEqualTo(Status.BAD_REQUEST);
                    assertThat(error.error()).isEqualTo("invalid_request");
                    assertThat(error.description())
                            .contains(String.valueOf(ActiveGroupRequest.MAX_GROUP_LENGTH))
                            .doesNotContain(tooLong);
                });
    }
}
