package dev.kcbundle.userstorage;

import org.keycloak.storage.user.SynchronizationResult;

/**
 * The answer to the admin console's sync actions: nothing is ever imported, so the result is marked
 * {@code ignored} (the console then shows {@link #getStatus()} as it is, instead of "Sync of users finished
 * successfully" with counts), added/updated/removed stay 0 and {@code failed} counts the users with problems. The
 * status says what was done instead; the console adds the final period.
 */
public final class SyncAnswer extends SynchronizationResult {

    static final String NOTHING_IMPORTED =
            "Nothing imported: ArangoDB users are used where they are, never copied into Keycloak";
    static final String CACHE_DROPPED = "Keycloak's cached copies of this realm's users were dropped, so changes "
            + "made in ArangoDB apply from the next request";

    private final String status;

    private SyncAnswer(String status, int usersWithProblems) {
        this.status = status;
        setIgnored(true);
        setFailed(usersWithProblems);
    }

    /** "Sync all users": every document was checked. */
    static SyncAnswer checked(int users, int usersWithProblems, String database, String collection) {
        String found = usersWithProblems == 0
                ? "no problems"
                : usersWithProblems + " with problems, listed in Keycloak's server log";
        return new SyncAnswer(
                String.format(
                        "%s. Checked %d users in ArangoDB (database %s, collection %s): %s. %s",
                        NOTHING_IMPORTED, users, database, collection, found, CACHE_DROPPED),
                usersWithProblems);
    }

    /** "Sync changed users". */
    static SyncAnswer cacheDropped() {
        return new SyncAnswer(NOTHING_IMPORTED + ". " + CACHE_DROPPED, 0);
    }

    /** The action could not be carried out (ArangoDB unreachable, configuration invalid): says why. */
    static SyncAnswer notDone(String reason) {
        return new SyncAnswer("Nothing imported or checked: " + reason, 0);
    }

    @Override
    public String getStatus() {
        return status;
    }
}
