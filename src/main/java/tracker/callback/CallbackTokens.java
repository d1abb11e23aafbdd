package tracker.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The unguessable part of each callback URL: an HMAC-SHA256 of the message id under CALLBACK_SECRET.
 * Nothing to store per message, survives restarts, and a previous secret still verifies during a rotation.
 */
public final class CallbackTokens {
    private final byte[] current;
    private final byte[] previous;
    private final ThreadLocal<Mac> currentMac;
    private final ThreadLocal<Mac> previousMac;

    public CallbackTokens(String secret, String previousSecret) {
        this.current = secret.getBytes(StandardCharsets.UTF_8);
        this.previous = previousSecret == null ? null : previousSecret.getBytes(StandardCharsets.UTF_8);
        this.currentMac = ThreadLocal.withInitial(() -> mac(current));
        this.previousMac = ThreadLocal.withInitial(() -> previous == null ? null : mac(previous));
    }

    public String token(long messageId) { return token(currentMac.get(), messageId); }

    /** Constant-time check against the current secret and, during a rotation, the previous one. */
    public boolean verify(long messageId, String token) {
        if (token == null || token.length() != 43) return false;
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        boolean ok = MessageDigest.isEqual(given, token(currentMac.get(), messageId).getBytes(StandardCharsets.US_ASCII));
        Mac old = previousMac.get();
        if (old != null) ok |= MessageDigest.isEqual(given, token(old, messageId).getBytes(StandardCharsets.US_ASCII));
        return ok;
    }

    private static String token(Mac mac, long messageId) {
        byte[] d = mac.doFinal(("callback:" + messageId).getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
