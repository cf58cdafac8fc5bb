package dev.kcbundle.activegroup;

import dev.kcbundle.policy.ActiveGroups;
import dev.kcbundle.policy.ModelAttributes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.UserCache;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;
import org.keycloak.storage.ReadOnlyException;

/**
 * {@code /realms/{realm}/active-group}: the caller reads, sets and clears their own active group.
 * The choice is stored in the user attribute {@code active_group} (in the user's own store, Keycloak's database or
 * ArangoDB), never in a session, so the next token refresh carries it. OpenAPI description: the module's openapi.yaml.
 */
public class ActiveGroupResource {

    private static final Logger LOG = Logger.getLogger(ActiveGroupResource.class);

    /**
     * The resource's own root. Spelled out because Keycloak's Quarkus build only indexes JAX-RS classes of a provider
     * jar that carry a bean-defining annotation such as {@code @Path}; without one every method answers 405
     * (keycloak/keycloak#26835).
     */
    static final String ROOT = "";

    private final KeycloakSession session;

    public ActiveGroupResource(KeycloakSession session) {
        this.session = session;
    }

    /** CORS preflight, for single-page apps of the realm's clients. */
    @OPTIONS
    @Path(ROOT)
    public Response preflight() {
        CorsPolicy.preflight(session);
        return Response.ok().build();
    }

    /** The caller's groups and the current active group. */
    @GET
    @Path(ROOT)
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return answer(() -> {
            Caller caller = authenticated();
            return Response.ok(ActiveGroupState.of(caller.user()), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        });
    }

    /**
     * Chooses the active group among the caller's groups: body {@code {"group": "<id or /path>"}}, read as a stream so a
     * body over {@link BoundedBody#MAX_BYTES} is refused before it is held or parsed.
     */
    @PUT
    @Path(ROOT)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(InputStream body) {
        return answer(() -> {
            Caller caller = authenticated();
            ActiveGroupRequest request = ActiveGroupRequest.parse(
                    BoundedBody.read(session.getContext().getRequestHeaders(), body));
            EventBuilder event = ActiveGroupEvents.forCaller(session, caller);
            GroupModel group = findGroup(request, event);
            if (!ActiveGroups.isDirectMember(caller.user(), group)) {
                event.detail(ActiveGroupEvents.UPDATED, group.getId()).error(ApiError.NOT_A_MEMBER);
                throw ApiError.notAMember("The caller is not a member of group " + request.group());
            }
            store(caller, Optional.of(group.getId()), event);
            return Response.ok(ActiveGroupState.of(caller.user()), MediaType.APPLICATION_JSON_TYPE)
                    .build();
        });
    }

    /** Clears the active group. */
    @DELETE
    @Path(ROOT)
    public Response delete() {
        return answer(() -> {
            Caller caller = authenticated();
            store(caller, Optional.empty(), ActiveGroupEvents.forCaller(session, caller));
            return Response.noContent().build();
        });
    }

    /** The verified caller, from an allowed origin, with a token carrying the {@link ActiveGroupScope}. */
    private Caller authenticated() {
        Caller caller = Caller.authenticate(session);
        CorsPolicy.forRequest(caller.token());
        ActiveGroupScope.require(caller);
        return caller;
    }

    private GroupModel findGroup(ActiveGroupRequest request, EventBuilder event) {
        RealmModel realm = session.getContext().getRealm();
        GroupModel group = request.isPath()
                ? KeycloakModelUtils.findGroupByPath(session, realm, request.group())
                : session.groups().getGroupById(realm, request.group());
        if (group == null) {
            event.detail(ActiveGroupEvents.UPDATED, request.group()).error(ApiError.GROUP_NOT_FOUND);
            throw ApiError.groupNotFound("No group " + request.group() + " in this realm");
        }
        return group;
    }

    /** Writes the attribute, evicts the cached user so the next token reads it, and records the change. */
    private void store(Caller caller, Optional<String> groupId, EventBuilder event) {
        UserModel user = caller.user();
        Optional<String> previous = ActiveGroups.storedId(user);
        if (previous.equals(groupId)) {
            return;
        }
        try {
            if (groupId.isPresent()) {
                user.setSingleAttribute(ModelAttributes.ACTIVE_GROUP, groupId.get());
            } else {
                user.removeAttribute(ModelAttributes.ACTIVE_GROUP);
            }
        } catch (ReadOnlyException e) {
            throw ApiError.readOnly("The user's store is read-only: the active group cannot be changed");
        }
        UserCache cache = session.getProvider(UserCache.class);
        if (cache != null) {
            cache.evict(session.getContext().getRealm(), user);
        }
        previous.ifPresent(id -> event.detail(ActiveGroupEvents.PREVIOUS, id));
        groupId.ifPresent(id -> event.detail(ActiveGroupEvents.UPDATED, id));
        event.success();
        LOG.debugf("User %s active group: %s -> %s", user.getId(), previous.orElse("none"), groupId.orElse("none"));
    }

    /**
     * Runs a request's steps and turns a refusal into its answer. A failure of the user store (any
     * {@link ModelException} other than the read-only one {@link #store} turns into 409; the ArangoDB provider's
     * exceptions are ModelExceptions) is answered 503 {@code temporarily_unavailable} instead of a bare 500, after
     * marking the transaction rollback-only so nothing half-written is committed.
     */
    private Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (ApiError e) {
            return error(e);
        } catch (ModelException e) {
            return error(storeFailed(session, e));
        }
    }

    /** The refusal for a failed user store; marks the transaction rollback-only and logs the cause, not the caller. */
    static ApiError storeFailed(KeycloakSession session, ModelException e) {
        LOG.warnf(e, "Active group request failed in the user store");
        session.getTransactionManager().setRollbackOnly();
        return ApiError.unavailable(
                "The user store could not complete the request; nothing was changed," + " try again later");
    }

    private Response error(ApiError e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .entity(new OAuth2ErrorRepresentation(e.error(), e.description()))
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (e.isBearerChallenge()) {
            response.header(
                    HttpHeaders.WWW_AUTHENTICATE,
                    BearerChallenge.of(session.getContext().getRealm(), e));
        }
        return response.build();
    }
}
