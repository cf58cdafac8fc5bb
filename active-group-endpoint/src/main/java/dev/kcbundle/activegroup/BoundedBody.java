package dev.kcbundle.activegroup;

import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body of at most {@value #MAX_BYTES} bytes. A larger body is refused with 413 before it is parsed:
 * at once when its {@code Content-Length} says so, otherwise as soon as one byte more than the limit arrives (chunked
 * bodies), so the endpoint never holds more than the limit in memory.
 */
final class BoundedBody {

    /** Largest body accepted; a PUT body is a small JSON object. */
    static final int MAX_BYTES = 4096;

    private BoundedBody() {}

    static String read(HttpHeaders headers, InputStream body) {
        String declared = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOverLimit(declared)) {
            throw tooLarge();
        }
        if (body == null) {
            return "";
        }
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiError.badRequest("The request body could not be read");
        }
    }

    private static boolean isOverLimit(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ApiError tooLarge() {
        return ApiError.tooLarge("The request body is larger than " + MAX_BYTES + " bytes");
    }
}
