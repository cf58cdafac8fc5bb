package dev.kcbundle.it.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls /realms/{realm}/active-group as a single-page app would, keeping status, headers and JSON body. */
final class ActiveGroupApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, HttpResponse<String> response, JsonNode body) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final String url;

    ActiveGroupApi(String url) {
        this.url = url;
    }

    Answer get(String accessToken) {
        return send(authorized(accessToken).GET());
    }

    Answer put(String accessToken, String body) {
        return send(authorized(accessToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer select(String accessToken, String group) {
        return put(accessToken, "{\"group\": \"" + group + "\"}");
    }

    Answer delete(String accessToken) {
        return send(authorized(accessToken).DELETE());
    }

    /** Any request, e.g. without a token or with an Origin header. */
    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank()
                    ? JSON.missingNode()
                    : JSON.readTree(response.body());
            return new Answer(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(url));
    }

    private HttpRequest.Builder authorized(String accessToken) {
        return request().header("Authorization", "Bearer " + accessToken);
    }
}
