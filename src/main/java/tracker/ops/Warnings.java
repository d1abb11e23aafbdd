package tracker.ops;

import java.net.InetAddress;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tracker.esms.EsmsEndpoint;

/** What an operator must know at start-up, said once and loudly. Never prints a secret. */
public final class Warnings {
    private static final Logger log = LoggerFactory.getLogger(Warnings.class);

    private Warnings() {}

    public static void atStart(EsmsEndpoint esms, boolean apiTokenSet, String publicUrl, String host, int port) {
        if (esms.simulated()) {
            log.warn("SIMULATED eSMS: messages go to the embedded simulator at {}, nothing reaches a phone. "
                    + "To send for real set ESMS_API_KEY and ESMS_SECRET_KEY (or ESMS_SIMULATOR=off).", esms.baseUrl());
        } else {
            log.info("eSMS at {}", esms.baseUrl());
        }
        log.info("listening on port {} at {}", port, host);
        if (!apiTokenSet) {
            log.warn("API_TOKEN is not set: the /api endpoints are open to anyone who can reach {} port {}", host, port);
        }
        if (!esms.simulated() && !publiclyReachable(publicUrl)) {
            log.warn("PUBLIC_URL is {}: eSMS cannot reach this address, so no delivery callback will arrive. "
                    + "Set PUBLIC_URL to this service's public https address (sandbox sends still work).",
                    publicUrl == null ? "not set" : publicUrl);
        }
    }

    static boolean publiclyReachable(String url) {
        if (url == null) return false;
        try {
            String host = URI.create(url).getHost();
            if (host == null || host.equalsIgnoreCase("localhost")) return false;
            InetAddress a = InetAddress.getByName(host);
            return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress());
        } catch (Exception e) {
            return true; // an unresolvable name here may still resolve for eSMS: do not cry wolf
        }
    }
}
