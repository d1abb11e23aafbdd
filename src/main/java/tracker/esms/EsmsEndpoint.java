package tracker.esms;

import tracker.Config;

/** Where the eSMS client points: the real eSMS, or the embedded simulator when it is on. */
public record EsmsEndpoint(String baseUrl, String statusBaseUrl, String apiKey, String secretKey, boolean simulated,
                           AutoCloseable simulator) implements AutoCloseable {

    public static EsmsEndpoint start(Config config) {
        if (config.simulatorOn()) {
            throw new Config.Invalid("the embedded eSMS simulator is not available yet: set ESMS_SIMULATOR=off and ESMS_API_KEY/ESMS_SECRET_KEY");
        }
        return new EsmsEndpoint(config.esmsBaseUrl(), config.esmsStatusBaseUrl(), config.esmsApiKey(),
                config.esmsSecretKey(), false, null);
    }

    @Override
    public void close() {
        if (simulator == null) return;
        try {
            simulator.close();
        } catch (Exception e) {
            throw new IllegalStateException("simulator did not stop cleanly", e);
        }
    }
}
