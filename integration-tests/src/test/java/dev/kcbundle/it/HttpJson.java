package dev.kcbundle.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP calls of the tests whose answer is JSON (or nothing): status and parsed body. */
public final class HttpJson {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status with its JSON body (a missing node when the body is empty or not JSON). */
    public record Answer(int status, JsonNode body) {}

    private HttpJson() {}

    public static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The payload of a JWT, decoded (no signature check: tests that need one use Nimbus). */
    public static JsonNode jwtPayload(String jwt) {
        String payload = jwt.split("\\.")[1];
        return parse(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }
}
