package dev.llmrouter.camel.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bare HTTP/1.1 server on a loopback port for tests that need exact control of the wire: it reads one request
 * per connection, then lets a script write whatever it likes and closes the socket when the script returns.
 */
final class RawServer implements AutoCloseable {

    /** The head of a chunked 200 event stream. */
    static final byte[] CHUNKED_SSE_HEAD = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    /** Writes the answer to one request. */
    interface Script {
        void serve(RawServer.Conn conn) throws Exception;
    }

    private final ServerSocket server;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ThreadLocal<Socket> current = new ThreadLocal<>();
    private final List<String> requestHead = new CopyOnWriteArrayList<>();
    /** Counted down when a script saw the client close its side (see {@link #awaitClientClose}). */
    final CountDownLatch clientClosed = new CountDownLatch(1);

    RawServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptLoop, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The request head lines (lower case) that start with {@code prefix}. */
    List<String> requestLines(String prefix) {
        List<String> lines = new ArrayList<>();
        for (String line : requestHead) {
            if (line.startsWith(prefix)) {
                lines.add(line);
            }
        }
        return lines;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread t = new Thread(() -> handle(socket), "raw-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            readRequest(in);
            OutputStream out = socket.getOutputStream();
            current.set(socket);
            script.serve(new Conn(in, out));
            out.flush();
        } catch (Exception e) {
            // the client went away: nothing to do
        }
    }

    private boolean readRequest(InputStream in) throws IOException {
        int contentLength = 0;
        String line = readLine(in);
        if (line == null) {
            return false;
        }
        requests.incrementAndGet();
        for (; line != null && !line.isEmpty(); line = readLine(in)) {
            String lower = line.toLowerCase(Locale.ROOT);
            requestHead.add(lower);
            if (lower.startsWith("content-length:")) {
                contentLength = Integer.parseInt(lower.substring(15).trim());
            }
        }
        in.readNBytes(contentLength);
        return true;
    }

    /** How many connections were accepted. */
    int connections() {
        return sockets.size();
    }

    /** How many requests were read. */
    int requests() {
        return requests.get();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.US_ASCII);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
        return null;
    }

    /** One accepted connection, as a script sees it. */
    final class Conn {

        private final InputStream in;
        private final OutputStream out;

        Conn(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        /** Reads the next request on this connection; false when the client closed it instead. */
        boolean readRequest() throws IOException {
            return RawServer.this.readRequest(in);
        }

        /**
         * Writes raw bytes and flushes. A write the client refuses (reset, broken pipe) means that it closed the
         * connection: that counts {@link #clientClosed} down too, since the script ends there and never gets to
         * {@link #awaitClientClose}.
         */
        void write(byte[] bytes) throws IOException {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                clientClosed.countDown();
                throw e;
            }
        }

        /** Writes raw text (UTF-8) and flushes. */
        void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Writes one chunk of a chunked body, in a single write, and flushes; an empty text writes the last chunk.
         * One write: written piece by piece, the client could read the data before the closing CRLF is sent and
         * cancel (reset the connection) in between, so that the rest of the chunk fails to go out.
         */
        void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(bytes.length + 16);
            chunk.writeBytes((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk.writeBytes(bytes);
            chunk.writeBytes((bytes.length == 0 ? "\r\n\r\n" : "\r\n").getBytes(StandardCharsets.US_ASCII));
            write(chunk.toByteArray());
        }

        /** Blocks until the client closes the connection (then counts {@link #clientClosed} down) or time runs out. */
        void awaitClientClose(int millis) throws IOException {
            long deadline = System.currentTimeMillis() + millis;
            Socket socket = current.get();
            while (System.currentTimeMillis() < deadline) {
                socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
                try {
                    if (in.read() == -1) {
                        clientClosed.countDown();
                        return;
                    }
                } catch (SocketTimeoutException e) {
                    return;
                } catch (IOException e) {
                    clientClosed.countDown(); // reset by the client
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
