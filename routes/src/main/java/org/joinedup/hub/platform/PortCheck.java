package org.joinedup.hub.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Makes sure an embedded server's port is free before the server starts: a server that cannot bind its port must
 * not leave the hub talking to whatever answers there (another hub's database, say).
 */
final class PortCheck {

    private PortCheck() {
    }

    /**
     * @param option the setting that changes the port, named in the refusal
     * @param server what wanted the port, for the refusal
     */
    static void requireFree(int port, String option, String server) {
        try (ServerSocket probe = new ServerSocket()) {
            // as the servers themselves do: a port whose last connections are still closing (TIME_WAIT) is free; one
            // another server listens on is not
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException taken) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use, so " + server
                    + " cannot start there (another hub, or another program, holds it). Give this hub a free port"
                    + " with " + option + " (environment " + option.toUpperCase().replaceAll("[.-]", "_")
                    + "), or stop what holds the port; the hub does not use a server it did not start.");
        }
    }
}
