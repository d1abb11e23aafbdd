package tracker.esms;

/**
 * Where the eSMS client points and with which keys: the real eSMS, or a stand-in (the embedded simulator) that
 * {@code stop} shuts down with the service.
 */
public record EsmsEndpoint(String baseUrl, String statusBaseUrl, String apiKey, String secretKey, boolean simulated,
                           AutoCloseable stop) implements AutoCloseable {

    public static EsmsEndpoint real(String baseUrl, String statusBaseUrl, String apiKey, String secretKey) {
        return new EsmsEndpoint(baseUrl, statusBaseUrl, apiKey, secretKey, false, () -> { });
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("the eSMS stand-in did not stop cleanly", e);
        }
    }
}
