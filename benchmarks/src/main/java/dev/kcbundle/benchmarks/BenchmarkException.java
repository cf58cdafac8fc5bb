package dev.kcbundle.benchmarks;

/** A call of the benchmark that did not get the answer it expects (the message names the call and the answer). */
final class BenchmarkException extends RuntimeException {

    BenchmarkException(String message) {
        super(message);
    }

    BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
