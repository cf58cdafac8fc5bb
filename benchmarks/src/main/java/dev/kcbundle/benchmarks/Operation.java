package dev.kcbundle.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One measured operation. {@link #prepare} runs once per worker before the clock starts (e.g. the sign-in whose
 * tokens a refresh or userinfo call then uses); the returned {@link Call} is what is timed, over and over. Users are
 * picked at random among the tenant's users, so a large tenant is not served from a warm cache of a few accounts.
 */
enum Operation {
    PASSWORD_GRANT("password grant", false) {
        @Override
        Call prepare(Target target) {
            return () -> target.oidc().passwordGrant(target.randomUsername(), "openid");
        }
    },
    CODE_FLOW("authorization code + PKCE", false) {
        @Override
        Call prepare(Target target) {
            return () -> target.oidc().codeFlowLogin(target.randomUsername());
        }
    },
    REFRESH("refresh grant", false) {
        @Override
        Call prepare(Target target) {
            JsonNode[] tokens = {target.oidc().passwordGrant(target.randomUsername(), "openid")};
            return () -> tokens[0] = target.oidc().refresh(tokens[0]); // refresh tokens are single use
        }
    },
    CLIENT_CREDENTIALS("client credentials (no user)", false) {
        @Override
        Call prepare(Target target) {
            return () -> target.oidc().clientCredentials();
        }
    },
    USERINFO("userinfo", false) {
        @Override
        Call prepare(Target target) {
            String username = target.randomUsername();
            JsonNode tokens = target.oidc().passwordGrant(username, "openid");
            return () -> target.oidc().userinfo(tokens, username);
        }
    },
    INTROSPECTION("token introspection", false) {
        @Override
        Call prepare(Target target) {
            JsonNode tokens = target.oidc().passwordGrant(target.randomUsername(), "openid");
            return () -> target.oidc().introspect(tokens);
        }
    },
    ACTIVE_GROUP_SWITCH("active-group switch + refresh", false) {
        @Override
        Call prepare(Target target) {
            JsonNode[] tokens = {target.oidc().passwordGrant(target.randomUsername(), "openid active-group")};
            List<String> groups = List.of(target.realm().staffGroupId, target.realm().officeGroupId);
            int[] next = {0};
            return () -> {
                target.oidc().selectActiveGroup(tokens[0], groups.get(next[0]++ % 2));
                tokens[0] = target.oidc().refresh(tokens[0]);
            };
        }
    },
    ADMIN_EXACT_USERNAME("admin: exact username", true) {
        @Override
        Call prepare(Target target) {
            return () -> expectUsers(
                    target.admin()
                            .get(target.adminUsers() + "?exact=true&briefRepresentation=true" + "&username="
                                    + Http.encode(target.randomUsername())),
                    1);
        }
    },
    ADMIN_EXACT_EMAIL("admin: exact email", true) {
        @Override
        Call prepare(Target target) {
            return () -> expectUsers(
                    target.admin()
                            .get(target.adminUsers() + "?exact=true&briefRepresentation=true" + "&email="
                                    + Http.encode(SeedUsers.email(target.randomUser()))),
                    1);
        }
    },
    /**
     * The admin console's search box as an admin types it: the first characters of a user's name. Keycloak reads a term
     * without {@code *} as a prefix of username, email, first or last name, for its own users and (since the prefix
     * keys) for ArangoDB users: {@code user-01234} of {@code user-012345} lists the up to 10 users starting with it.
     */
    ADMIN_SEARCH_PAGE("admin: search, page of 20", true) {
        @Override
        Call prepare(Target target) {
            return () -> searchBox(target, "", 0);
        }
    },
    /**
     * The search box with a term searched anywhere ({@code *} first): {@code *ser-01234}, a middle part of the same
     * names, found through a gram of it (the provider's only way for an infix term), here a gram in every username.
     */
    ADMIN_SEARCH_INFIX("admin: search *infix, page of 20", true) {
        @Override
        Call prepare(Target target) {
            return () -> searchBox(target, "*", 1);
        }
    },
    ADMIN_ATTRIBUTE("admin: attribute q=, page of 20", true) {
        @Override
        Call prepare(Target target) {
            String q = Http.encode(SeedUsers.POLICIES + ":" + SeedUsers.RARE_POLICY);
            return () -> expectUsers(
                    target.admin().get(target.adminUsers() + "?briefRepresentation=true&first=0&max=20&q=" + q),
                    Math.min(20, (target.users() + 99) / 100));
        }
    },
    ADMIN_GROUP_MEMBERS("admin: group members, page of 20", true) {
        @Override
        Call prepare(Target target) {
            return () -> expectUsers(
                    target.admin()
                            .get("/" + target.realm().name + "/groups/" + target.realm().officeGroupId
                                    + "/members?briefRepresentation=true&first=0&max=20"),
                    Math.min(20, target.users()));
        }
    },
    ADMIN_COUNT("admin: count", true) {
        @Override
        Call prepare(Target target) {
            return () -> {
                long count = target.admin().get(target.adminUsers() + "/count").asLong();
                Oidc.require(count == target.users(), "count " + count + ", expected " + target.users());
            };
        }
    };

    private final String label;
    private final boolean admin;

    Operation(String label, boolean admin) {
        this.label = label;
        this.admin = admin;
    }

    String label() {
        return label;
    }

    boolean isAdmin() {
        return admin;
    }

    /** Runs once per worker, unmeasured; returns the call to time. */
    abstract Call prepare(Target target);

    /**
     * One search box page for the first 10 characters of a random user's username, from character {@code from}, after
     * {@code lead}: the users numbered like it but for the last digit, those the tenant has (at most 10).
     */
    private static void searchBox(Target target, String lead, int from) {
        int user = target.randomUser();
        String term = lead + SeedUsers.username(user).substring(from, 10); // user-01234 of user-012345
        int firstOfTen = user / 10 * 10;
        expectUsers(
                target.admin()
                        .get(target.adminUsers() + "?briefRepresentation=true&first=0&max=20&search="
                                + Http.encode(term)),
                Math.min(10, target.users() - firstOfTen));
    }

    private static void expectUsers(JsonNode users, int expected) {
        Oidc.require(
                users.isArray() && users.size() == expected,
                "expected " + expected + " users, got " + (users.isArray() ? users.size() : users));
    }

    /** The timed part of an operation. */
    interface Call {
        void run();
    }

    /**
     * What a worker works against: one realm with {@code users} seeded users, of which worker {@code worker} of
     * {@code workers} picks only its own share (the users whose number modulo {@code workers} is {@code worker}).
     * Keycloak refuses a login while another login of the same user is in progress (its brute-force detection,
     * {@code DefaultBlockingBruteForceProtector}, answers {@code user_temporarily_disabled}); one person does not sign
     * in 16 times at once, so concurrent workers never share a user.
     */
    record Target(BenchRealm realm, Oidc oidc, AdminClient admin, int users, int worker, int workers) {

        Target(BenchRealm realm, Oidc oidc, AdminClient admin, int users) {
            this(realm, oidc, admin, users, 0, 1);
        }

        Target forWorker(int worker, int workers) {
            if (workers > users) {
                throw new IllegalArgumentException(workers + " workers need at least as many users, not " + users);
            }
            return new Target(realm, oidc, admin, users, worker, workers);
        }

        int randomUser() {
            int share = (users - worker + workers - 1) / workers;
            return worker + workers * ThreadLocalRandom.current().nextInt(share);
        }

        String randomUsername() {
            return SeedUsers.username(randomUser());
        }

        String adminUsers() {
            return "/" + realm.name + "/users";
        }
    }

    /** Parses {@code password-grant,refresh,...} (the names in lower case with dashes) or {@code all}. */
    static List<Operation> parse(String names) {
        if (names.equals("all")) {
            return List.of(values());
        }
        Map<String, Operation> byName = new java.util.LinkedHashMap<>();
        for (Operation operation : values()) {
            byName.put(operation.cliName(), operation);
        }
        return java.util.Arrays.stream(names.split(","))
                .map(String::trim)
                .map(name -> {
                    Operation operation = byName.get(name);
                    if (operation == null) {
                        throw new IllegalArgumentException("unknown operation " + name + "; one of " + byName.keySet());
                    }
                    return operation;
                })
                .toList();
    }

    String cliName() {
        return name().toLowerCase().replace('_', '-');
    }
}
