package dev.kcbundle.arangodb.testserver.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's users and their database access levels, as ArangoDB 3.12 keeps them: {@code root} has {@code rw} on
 * every database ({@code *}); a new user has access to nothing until granted. A user's level on a database is its
 * grant for that database, else the better of its grants for {@code *} and {@code _system}, else none. Collection-level grants are not modelled (a
 * collection has its database's level). Passwords are kept as salted SHA-256 digests. Thread-safe.
 */
public final class Users {

    public static final String ROOT = "root";
    public static final String ALL_DATABASES = "*";

    /** Access levels, in ArangoDB's spelling. */
    public enum Level {
        NONE("none"),
        RO("ro"),
        RW("rw");

        private final String spelling;

        Level(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }

        public static Level parse(String grant) {
            for (Level level : values()) {
                if (level.spelling.equals(grant)) {
                    return level;
                }
            }
            throw ArangoError.badParameter("invalid grant '" + grant + "': expecting rw, ro or none");
        }
    }

    private static final int USER_INVALID_NAME = 1700;
    private static final int USER_DUPLICATE = 1702;
    private static final int USER_NOT_FOUND = 1703;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final class User {
        byte[] salt;
        byte[] digest;
        boolean active = true;
        JsonNode extra = Json.object();
        final Map<String, Level> grants = new HashMap<>();
    }

    private final Map<String, User> users = new TreeMap<>();

    public Users(String rootPassword) {
        User root = new User();
        setPassword(root, rootPassword);
        root.grants.put(ALL_DATABASES, Level.RW);
        users.put(ROOT, root);
    }

    /** The user a {@code Basic} Authorization header names, when its password matches and it is active; else null. */
    public synchronized String authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String name = decoded.substring(0, colon);
        User user = users.get(name);
        if (user == null || !user.active) {
            return null;
        }
        return MessageDigest.isEqual(user.digest, digest(user.salt, decoded.substring(colon + 1))) ? name : null;
    }

    /**
     * The level of {@code user} on {@code database}: its grant for that database (also an explicit {@code none}),
     * else the better of its grants for {@code *} and {@code _system} (ArangoDB's auth::User::databaseAuthLevel).
     */
    public synchronized Level level(String user, String database) {
        User entry = users.get(user);
        if (entry == null) {
            return Level.NONE;
        }
        Level level = entry.grants.get(database);
        if (level != null) {
            return level;
        }
        Level all = entry.grants.getOrDefault(ALL_DATABASES, Level.NONE);
        Level system = entry.grants.getOrDefault(Storage.SYSTEM, Level.NONE);
        return all.compareTo(system) >= 0 ? all : system;
    }

    /** An administrator: read/write on {@code _system} (may manage users and databases). */
    public boolean isAdmin(String user) {
        return level(user, Storage.SYSTEM) == Level.RW;
    }

    public synchronized ObjectNode create(String name, JsonNode body) {
        if (name == null || name.isEmpty() || name.length() > 254) {
            throw new ArangoError(ArangoError.HTTP_BAD, USER_INVALID_NAME, "invalid user name");
        }
        if (users.containsKey(name)) {
            throw new ArangoError(ArangoError.HTTP_CONFLICT, USER_DUPLICATE, "duplicate user");
        }
        User user = new User();
        users.put(name, user);
        store(user, body, true);
        return describe(name);
    }

    /** PUT (replace: password, active and extra as given or their defaults) or PATCH (update what is given). */
    public synchronized ObjectNode change(String name, JsonNode body, boolean replace) {
        store(existing(name), body, replace);
        return describe(name);
    }

    public synchronized void remove(String name) {
        existing(name);
        users.remove(name);
    }

    public synchronized ObjectNode describe(String name) {
        User user = existing(name);
        ObjectNode result = Json.object();
        result.put("user", name);
        result.put("active", user.active);
        result.set("extra", user.extra.deepCopy());
        return result;
    }

    public synchronized Iterable<String> names() {
        return new ArrayList<>(users.keySet());
    }

    public synchronized void grant(String name, String database, Level level) {
        existing(name).grants.put(database, level);
    }

    public synchronized void revoke(String name, String database) {
        existing(name).grants.remove(database);
    }

    /** Database name to level for every existing database the user can access (GET /_api/user/u/database). */
    public synchronized Map<String, Level> accessible(String name, Iterable<String> databases) {
        existing(name);
        Map<String, Level> result = new LinkedHashMap<>();
        for (String database : databases) {
            Level level = level(name, database);
            if (level != Level.NONE) {
                result.put(database, level);
            }
        }
        return result;
    }

    /** A dropped database takes its grants with it, as in ArangoDB. */
    public synchronized void databaseDropped(String database) {
        users.values().forEach(user -> user.grants.remove(database));
    }

    private User existing(String name) {
        User user = users.get(name);
        if (user == null) {
            throw new ArangoError(ArangoError.HTTP_NOT_FOUND, USER_NOT_FOUND, "user not found");
        }
        return user;
    }

    private static void store(User user, JsonNode body, boolean replace) {
        JsonNode passwd = body == null ? null : body.get("passwd");
        JsonNode active = body == null ? null : body.get("active");
        JsonNode extra = body == null ? null : body.get("extra");
        if (replace || (passwd != null && passwd.isTextual())) {
            setPassword(user, passwd != null && passwd.isTextual() ? passwd.textValue() : "");
        }
        if (replace || (active != null && active.isBoolean())) {
            user.active = active == null || !active.isBoolean() || active.booleanValue();
        }
        if (extra != null && extra.isObject()) {
            user.extra = extra.deepCopy();
        } else if (replace) {
            user.extra = Json.object();
        }
    }

    private static void setPassword(User user, String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        user.salt = salt;
        user.digest = digest(salt, password == null ? "" : password);
    }

    private static byte[] digest(byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
