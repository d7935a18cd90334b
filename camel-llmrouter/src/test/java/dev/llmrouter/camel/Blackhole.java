package dev.llmrouter.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A local port that never completes a TCP handshake: a listening socket that never accepts, whose accept queue
 * is filled by a few idle connections first. The kernel then drops further SYNs, so a client's connect hangs
 * until its connect timeout, exactly like a non-routable address, but on loopback and deterministic.
 */
final class Blackhole implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    Blackhole() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // Java turns a backlog below 1 into 50: ask for 1, then fill the queue until a connect hangs
        server = new ServerSocket(0, 1, loopback);
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            fillers.add(s);
            try {
                s.connect(new InetSocketAddress(loopback, server.getLocalPort()), 200);
            } catch (SocketTimeoutException full) {
                return;
            }
        }
        close();
        throw new IOException("The accept queue of a never-accepting socket did not fill up: cannot emulate a"
                              + " connect timeout on this machine");
    }

    int port() {
        return server.getLocalPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/api/v1";
    }

    @Override
    public void close() {
        for (Socket s : fillers) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
