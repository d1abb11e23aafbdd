package tracker.callback;

/**
 * The one place that knows what a callback URL looks like: {PUBLIC_URL}/callbacks/{messageId}/{token}. Without a
 * PUBLIC_URL the base is this machine's port, known only once the server listens.
 */
public final class CallbackUrls {
    /** The route; its token segment is an HMAC (see {@link CallbackTokens}) and never logged. */
    public static final String PATH = "/callbacks/{messageId}/{token}";

    private final CallbackTokens tokens;
    private final String publicUrl;
    private volatile String base;

    public CallbackUrls(CallbackTokens tokens, String publicUrl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl;
        this.base = publicUrl;
    }

    /** Called once the server listens: the fallback base when PUBLIC_URL is not set. */
    public void listening(int port) {
        if (publicUrl == null) base = "http://localhost:" + port;
    }

    public String url(long messageId) {
        String b = base;
        if (b == null) throw new IllegalStateException("callback URL asked for before the server listens");
        return b + "/callbacks/" + messageId + "/" + tokens.token(messageId);
    }
}
