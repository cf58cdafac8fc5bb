package dev.kcbundle.it.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript: follows Keycloak's login and registration pages over HTTP with its own cookies,
 * fills the forms found in the HTML (jsoup) and posts them the way a browser does.
 */
public final class LoginPages {

    /** A page as the browser got it: status, final URL and parsed HTML. */
    public record Page(int status, URI uri, String html) {
        public Document document() {
            return Jsoup.parse(html, uri.toString());
        }

        /** The error/feedback messages Keycloak shows on the page. */
        public String messages() {
            return document()
                    .select("#input-error, .kc-feedback-text, .alert-error, .pf-m-danger, "
                            + "#input-error-email, #input-error-username, .kc-error-message, #kc-error-message, "
                            + "span[id^=input-error]")
                    .text();
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /**
     * The browser's cookies for the one Keycloak host of the test. java.net.CookieManager is not used: Keycloak marks
     * its login cookies Secure (browsers treat localhost as a secure context), which CookieManager never sends over
     * plain HTTP.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Page open(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** Submits the page's form (the first matching selector) with the given field values. */
    public Page submit(Page page, String formSelector, Map<String, String> values) {
        Element form = page.document().selectFirst(formSelector);
        if (form == null) {
            throw new IllegalStateException("No form " + formSelector + " on " + page.uri() + ":\n" + page.html());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(input -> {
            String type = input.attr("type");
            if (!type.equals("submit") && !type.equals("checkbox")) {
                fields.put(input.attr("name"), input.val());
            }
        });
        fields.putAll(values);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String action = form.absUrl("action");
        return follow(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Follows redirects inside Keycloak; stops at the test client's callback (the login succeeded). */
    private Page follow(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = send(request);
            for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
                URI next = response.uri()
                        .resolve(response.headers().firstValue("Location").orElseThrow());
                if (next.getPort() == -1 && next.getPath().equals("/callback")) {
                    return new Page(response.statusCode(), next, "");
                }
                response = send(HttpRequest.newBuilder(next).GET());
            }
            return new Page(response.statusCode(), response.uri(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        request.header("Accept", "text/html");
        if (!cookies.isEmpty()) {
            request.header(
                    "Cookie",
                    cookies.entrySet().stream()
                            .map(c -> c.getKey() + "=" + c.getValue())
                            .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return response;
    }

    public static boolean reachedCallback(Page page) {
        return page.uri().getPath().equals("/callback")
                && page.uri().getQuery() != null
                && page.uri().getQuery().contains("code=");
    }
}
