package tracker.webhooks;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import tracker.ledger.Refused;
import tracker.web.Addresses;

/**
 * Where webhooks may go. Unless private targets are allowed (WEBHOOK_ALLOW_PRIVATE, or the simulator), only https and
 * only public addresses: checked on the name's addresses and again on the address each socket really connects to,
 * so neither a literal, a redirect nor a DNS answer that changes between lookups reaches this machine or its network.
 */
final class Targets {
    static final int MAX_URL = 2000;

    /** A connection to an address we do not send webhooks to. */
    static final class RefusedAddress extends java.net.UnknownHostException { // the one exception a Dns may throw
        RefusedAddress(InetAddress a) {
            super("refused: " + a.getHostAddress() + " is a loopback, private or reserved address (WEBHOOK_ALLOW_PRIVATE=true allows it)");
        }
    }

    private final boolean allowPrivate;

    Targets(boolean allowPrivate) { this.allowPrivate = allowPrivate; }

    boolean allowPrivate() { return allowPrivate; }

    /** The URL to register, refused with the reason (400, field url) when it may not be a target. */
    String check(String url) {
        if (url.length() > MAX_URL) throw Refused.invalid("url is longer than " + MAX_URL + " characters", "url");
        HttpUrl u = HttpUrl.parse(url);
        if (u == null) throw Refused.invalid("url must be an absolute http(s) URL", "url");
        if (!u.username().isEmpty() || !u.password().isEmpty()) {
            throw Refused.invalid("url must not carry a user name or password (it is shown in lists)", "url");
        }
        if (u.fragment() != null) throw Refused.invalid("url must not have a #fragment", "url");
        if (allowPrivate) return u.toString();
        if (!u.isHttps()) throw Refused.invalid("url must be https:// (plain http only with WEBHOOK_ALLOW_PRIVATE=true)", "url");
        InetAddress literal = Addresses.ip(u.host());
        String host = u.host().toLowerCase(Locale.ROOT);
        if ((literal != null && refused(literal)) || host.equals("localhost") || host.endsWith(".localhost")) {
            throw Refused.invalid("url points at a loopback or private address (WEBHOOK_ALLOW_PRIVATE=true allows it)", "url");
        }
        return u.toString();
    }

    /**
     * The webhook client: short timeouts, no redirects, no proxy, and the address checks. OkHttp may retry once on a
     * pooled connection the receiver closed meanwhile: delivery is at least once, the webhook-id tells duplicates.
     */
    OkHttpClient client(Dns dns) {
        OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(10)).writeTimeout(Duration.ofSeconds(10)).callTimeout(Duration.ofSeconds(10))
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(true).proxy(Proxy.NO_PROXY);
        if (allowPrivate) return b.dns(dns).build();
        return b.dns(host -> {
            List<InetAddress> all = dns.lookup(host);
            for (InetAddress a : all) if (refused(a)) throw new RefusedAddress(a);
            return all;
        }).socketFactory(new Guarded()).build();
    }

    /** Loopback, private, link-local, multicast, unspecified, carrier-grade NAT, unique-local IPv6 and other reserved ranges. */
    static boolean refused(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) return true;
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            return first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128) // CGNAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second & 0xfe) == 18);
        }
        return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc; // fc00::/7
    }

    /** Sockets that refuse, at connect time, every address {@link #refused} names. */
    private static final class Guarded extends SocketFactory {
        @Override public Socket createSocket() {
            return new Socket() {
                @Override public void connect(SocketAddress to, int timeout) throws IOException {
                    if (to instanceof InetSocketAddress isa && (isa.getAddress() == null || refused(isa.getAddress()))) {
                        throw isa.getAddress() == null ? new IOException("refused: unresolved address") : new RefusedAddress(isa.getAddress());
                    }
                    super.connect(to, timeout);
                }
            };
        }

        @Override public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        private Socket connected(InetSocketAddress to) throws IOException {
            Socket s = createSocket();
            s.connect(to);
            return s;
        }
    }
}
