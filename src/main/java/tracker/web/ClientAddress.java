package tracker.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The address a request comes from. X-Forwarded-For is believed only when the peer is one of TRUSTED_PROXIES, and
 * then read from the right (the end our own proxies wrote) to the first hop that is not a trusted proxy: whatever a
 * client puts further left is its own invention.
 */
public final class ClientAddress {
    private final Set<String> trusted;

    /** {@code trustedProxies}: IP literals (TRUSTED_PROXIES). */
    public ClientAddress(List<String> trustedProxies) {
        this.trusted = Set.copyOf(trustedProxies.stream().map(Addresses::normalized).toList());
    }

    public String of(Context ctx) {
        String raw = ctx.req().getRemoteAddr();
        String peer = Addresses.fromHeader(raw);
        if (peer == null) return String.valueOf(raw);
        if (!trusted.contains(peer)) return peer;
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(ctx.req().getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) hops.add(hop);
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = Addresses.fromHeader(hops.get(i));
            if (hop == null) return client; // not an address: our proxies did not write it, so stop at the last we trust
            client = hop;
            if (!trusted.contains(hop)) return hop;
        }
        return client;
    }
}
