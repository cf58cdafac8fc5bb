package dev.kcbundle.activegroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void readsABodyUpToTheLimit() {
        String body = "{\"group\": \"" + "a".repeat(BoundedBody.MAX_BYTES - 13) + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(BoundedBody.MAX_BYTES);

        assertThat(BoundedBody.read(headers(null), stream(body))).isEqualTo(body);
    }

    @Test
    void aStreamedBodyOverTheLimitIs413AfterReadingOneByteMoreThanTheLimit() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };

        assertTooLarge(() -> BoundedBody.read(headers(null), endless));
        assertThat(read.get()).isEqualTo(BoundedBody.MAX_BYTES + 1L);
    }

    @Test
    void aDeclaredContentLengthOverTheLimitIs413WithoutReadingTheBody() {
        AtomicLong read = new AtomicLong();
        InputStream body = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return -1;
            }
        };

        assertTooLarge(() -> BoundedBody.read(headers(String.valueOf(BoundedBody.MAX_BYTES + 1)), body));
        assertThat(read.get()).isZero();
    }

    @Test
    void noBodyIsAnEmptyString() {
        assertThat(BoundedBody.read(headers("0"), null)).isEmpty();
        assertThat(BoundedBody.read(headers("garbage"), stream(""))).isEmpty();
    }

    private static void assertTooLarge(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, error -> {
            assertThat(error.status()).isEqualTo(Status.REQUEST_ENTITY_TOO_LARGE);
            assertThat(error.error()).isEqualTo("request_too_large");
            assertThat(error.description()).contains(String.valueOf(BoundedBody.MAX_BYTES));
        });
    }

    private static HttpHeaders headers(String contentLength) {
        HttpHeaders headers = mock(HttpHeaders.class);
        when(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)).thenReturn(contentLength);
        return headers;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
