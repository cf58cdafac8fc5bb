package dev.kcbundle.arangodb.testserver.http;

/** One family of {@code /_api/<name>} routes. */
@FunctionalInterface
public interface ApiHandler {

    ApiResponse handle(ApiRequest request);
}
