package dev.kcbundle.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The first {@code host:port} of an {@code ARANGODB_HOSTS} list, and whether something listens there. */
public record ArangoEndpoint(String host, int port) {

    public static ArangoEndpoint firstOf(String hosts) {
        String first = hosts.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        if (colon < 0) {
            return new ArangoEndpoint(first, 8529);
        }
        try {
            return new ArangoEndpoint(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ARANGODB_HOSTS must be a host:port list, got '" + hosts + "'");
        }
    }

    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isLocal() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
