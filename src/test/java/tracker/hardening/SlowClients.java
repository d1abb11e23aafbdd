package tracker.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Many clients, each on its own connection to 127.0.0.1, that POST a body declared 64 KiB long, send most of it
 * and then only a byte now and then (so no idle timeout fires): the slow-POST attack. Non-blocking, one thread, so
 * a server that stops reading cannot hang the test. Tracks how the server ended each connection.
 */
final class SlowClients implements AutoCloseable {
    private static final int DECLARED = 64 * 1024;

    /** One connection: what is left of its first burst, and the status line the server answered (if any). */
    private static final class Client {
        final SocketChannel channel;
        final ByteBuffer burst;
        String answer = "";
        boolean closed;

        Client(SocketChannel channel, ByteBuffer burst) {
            this.channel = channel;
            this.burst = burst;
        }
    }

    private final List<Client> clients = new ArrayList<>();
    private final ByteBuffer request;

    /** {@code burst}: body bytes each client sends at once, of the {@value #DECLARED} it declares. */
    SlowClients(String path, int burst) {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + DECLARED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + burst];
        System.arraycopy(head, 0, all, 0, head.length);
        java.util.Arrays.fill(all, head.length, all.length, (byte) 'a');
        this.request = ByteBuffer.wrap(all).asReadOnlyBuffer();
    }

    /** Opens {@code n} connections and writes their bursts, as far as the server takes them before {@code deadline}. */
    void open(int port, int n, long deadlineNanos) throws IOException {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
        for (int i = 0; i < n && System.nanoTime() < deadlineNanos; i++) {
            SocketChannel ch = SocketChannel.open(server);
            ch.configureBlocking(false);
            Client c = new Client(ch, request.duplicate());
            clients.add(c);
            pump(c);
        }
        while (System.nanoTime() < deadlineNanos && clients.stream().anyMatch(c -> !c.closed && c.burst.hasRemaining())) {
            for (Client c : clients) pump(c);
            Thread.yield();
        }
    }

    /** One more body byte on every connection still open whose burst is out: slow, but never idle. */
    void trickle() {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (Client c : clients) {
            pump(c);
            if (c.closed || c.burst.hasRemaining()) continue;
            try {
                one.clear().put((byte) 'b').flip();
                c.channel.write(one);
            } catch (IOException gone) {
                c.closed = true;
            }
            read(c);
        }
    }

    /** Connections opened. */
    int opened() { return clients.size(); }

    /** Connections the server has not closed yet. */
    int open() {
        int n = 0;
        for (Client c : clients) {
            read(c);
            if (!c.closed) n++;
        }
        return n;
    }

    /** How the server ended the connections: the status line's code ("503", "408"), or "closed" with no answer. */
    Map<String, Integer> endings() {
        Map<String, Integer> out = new TreeMap<>();
        for (Client c : clients) {
            if (!c.closed) continue;
            String key = c.answer.startsWith("HTTP/1.1 ") && c.answer.length() >= 12 ? c.answer.substring(9, 12) : "closed";
            out.merge(key, 1, Integer::sum);
        }
        return out;
    }

    private void pump(Client c) {
        if (c.closed || !c.burst.hasRemaining()) return;
        try {
            c.channel.write(c.burst);
        } catch (IOException gone) {
            c.closed = true;
        }
        read(c);
    }

    /** Reads whatever the server said; end of stream or a reset means it closed the connection. */
    private static void read(Client c) {
        if (c.closed && !c.channel.isOpen()) return;
        ByteBuffer in = ByteBuffer.allocate(512);
        try {
            int n;
            while ((n = c.channel.read(in)) > 0) {
                if (c.answer.length() < 64) c.answer += new String(in.array(), 0, n, StandardCharsets.ISO_8859_1);
                in.clear();
            }
            if (n < 0) c.closed = true;
        } catch (IOException reset) {
            c.closed = true;
        }
        if (c.closed) close(c);
    }

    private static void close(Client c) {
        try {
            c.channel.close();
        } catch (IOException ignored) { /* already gone */ }
    }

    @Override public void close() {
        clients.forEach(SlowClients::close);
    }
}
