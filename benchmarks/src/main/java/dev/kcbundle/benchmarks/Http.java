package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark's one HTTP client (the JDK's, HTTP/1.1 with keep-alive, redirects not followed) and the few helpers
 * every call needs. A response with an unexpected status is a {@link BenchmarkException} naming the call.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    }

    static HttpRequest.Builder form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return request(url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    static HttpRequest.Builder json(HttpRequest.Builder request, String method, Object body) {
        try {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new BenchmarkException("cannot serialize a request body", e);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BenchmarkException(built.method() + " " + built.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted", e);
        }
    }

    /** Sends and checks the status; returns the response. */
    HttpResponse<String> expect(HttpRequest.Builder request, int status) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() != status) {
            throw new BenchmarkException(
                    response.request().method() + " " + response.request().uri().getPath() + ": HTTP "
                            + response.statusCode() + " (expected " + status + ") " + abbreviate(response.body()));
        }
        return response;
    }

    /** Sends, checks the status and reads the JSON body. */
    JsonNode expectJson(HttpRequest.Builder request, int status) {
        return parse(expect(request, status).body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new BenchmarkException("not JSON: " + abbreviate(body), e);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
