package dev.kcbundle.userstorage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which warnings were already logged, so a problem that every login or token request meets again (an
 * unreadable password hash, a group reference matching nothing) is logged once per key. Bounded: beyond
 * {@value #MAX_KEYS} keys the oldest is forgotten (and would be logged again), so no input grows the heap.
 */
final class LoggedOnce {

    static final int MAX_KEYS = 10_000;

    private final Map<String, Boolean> logged = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** True the first time these parts are seen (the caller logs then), false afterwards. */
    synchronized boolean first(String... parts) {
        return logged.putIfAbsent(String.join("\u0000", parts), Boolean.TRUE) == null;
    }
}
