package dev.kcbundle.benchmarks;

/**
 * The users every store gets, numbered from 0: {@code user-000042}, {@code user42@bench.example}, first name Even or
 * Odd, last name {@code Number42}, attribute {@code policies} {@code hundreds} for every hundredth user ({@code plain}
 * otherwise), members of {@code /staff} and {@code /staff/office}, all with the same password.
 */
final class SeedUsers {

    /** Public on purpose: these accounts exist only in benchmark realms. */
    static final String PASSWORD = "bench-password-2026";

    static final String POLICIES = "policies";
    static final String RARE_POLICY = "hundreds";

    private SeedUsers() {}

    static String username(int i) {
        return String.format("user-%06d", i);
    }

    static String email(int i) {
        return "user" + i + "@bench.example";
    }

    static String firstName(int i) {
        return i % 2 == 0 ? "Even" : "Odd";
    }

    static String lastName(int i) {
        return "Number" + i;
    }

    static String policy(int i) {
        return i % 100 == 0 ? RARE_POLICY : "plain";
    }
}
