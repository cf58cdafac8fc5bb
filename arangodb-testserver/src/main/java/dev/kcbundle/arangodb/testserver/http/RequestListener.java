package dev.kcbundle.arangodb.testserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hears every request the server receives: when it arrives and how long answering it took. */
public interface RequestListener {

    /** A request for {@code operation} (e.g. {@code "POST /_api/cursor"}) arrived, before it is authenticated. */
    void received(String operation);

    /**
     * The answer to {@code operation} is serialized, {@code nanos} after the request reached the handler; called
     * before the answer is sent, so a client finds it recorded once it has the answer.
     */
    void answered(String operation, long nanos);

    /** What the listener recorded, as the body of {@code GET /_admin/kcbundle/requests}. */
    ObjectNode toJson();
}
